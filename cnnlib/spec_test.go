package cnnlib

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

func TestBlogModelParams(t *testing.T) {
	tr, non, err := PostModel().ParamCount()
	if err != nil {
		t.Fatal(err)
	}
	if tr != 43290 || non != 0 {
		t.Fatalf("params = %d trainable, %d non-trainable; want 43290, 0", tr, non)
	}
}

func TestBlogModelLayerIndices(t *testing.T) {
	infos, err := PostModel().Infer()
	if err != nil {
		t.Fatal(err)
	}
	for index, name := range map[int]string{0: "conv2d_1", 2: "conv2d_2", 4: "conv2d_3", 6: "conv2d_4", 12: "dense_2"} {
		if infos[index].Name != name {
			t.Errorf("layer %d is %s, want %s", index, infos[index].Name, name)
		}
	}
}

func TestInvalidSpecs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Spec)
		wants []string
	}{
		{"pool shrinks to zero", func(s *Spec) {
			s.Layers = append([]Layer{{Type: MaxPooling2D, PoolSize: [2]int{29, 29}}}, s.Layers...)
		}, []string{"layer 0 (max_pooling2d_1)", "to nothing"}},
		{"negative dropout", func(s *Spec) { s.Layers[7].Rate = -0.1 }, []string{"layer 7 (dropout_1)", "rate"}},
		{"dropout 1", func(s *Spec) { s.Layers[7].Rate = 1 }, []string{"dropout_1", "[0, 1)"}},
		{"NaN dropout", func(s *Spec) { s.Layers[7].Rate = math.NaN() }, []string{"dropout_1"}},
		{"unknown activation", func(s *Spec) { s.Layers[0].Activation = "swishy" }, []string{"conv2d_1", `"swishy"`}},
		{"unknown type", func(s *Spec) { s.Layers[1].Type = "AvgPool" }, []string{"layer 1", "AvgPool"}},
		{"dense before flatten", func(s *Spec) { s.Layers[8] = Layer{Type: Dropout, Rate: 0.1} }, []string{"dense_1", "Flatten"}},
		{"wrong head", func(s *Spec) { s.Layers[12].Units = 7 }, []string{"dense_2", "Dense(10"}},
		{"kernel too large", func(s *Spec) {
			s.Layers[6].KernelSize = [2]int{5, 5}
			s.Layers[6].Padding = "valid"
		}, []string{"conv2d_4", "does not fit"}},
		{"zero filters", func(s *Spec) { s.Layers[0].Filters = 0 }, []string{"conv2d_1", "filters"}},
		{"negative l2", func(s *Spec) { s.Layers[10].L2 = -1 }, []string{"dense_1", "l2"}},
		{"bad padding", func(s *Spec) { s.Layers[0].Padding = "full" }, []string{"conv2d_1", "padding"}},
	} {
		s := PostModel()
		tc.edit(&s)
		_, err := s.Infer()
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		for _, w := range tc.wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %q", tc.name, err, w)
			}
		}
	}
}

func TestSpecJSONRoundTrip(t *testing.T) {
	data, err := json.Marshal(PostModel())
	if err != nil {
		t.Fatal(err)
	}
	s, err := parseSpec("blog.json", data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(s)
	if string(again) != string(data) {
		t.Errorf("round trip changed the spec:\n%s\n%s", data, again)
	}
	if _, err := parseSpec("typo.json", []byte(`{"name":"x","input_shape":[28,28,1],"classes":10,"layerz":[]}`)); err == nil ||
		!strings.Contains(err.Error(), "typo.json") {
		t.Errorf("unknown field: err = %v", err)
	}
}

// TestBlogModelSpecUnchanged: PostModel, written with package layers, is the
// spec the shipped model was trained with, field for field and in JSON.
func TestBlogModelSpecUnchanged(t *testing.T) {
	data, err := os.ReadFile("../models/blog-cnn/model.json")
	if err != nil {
		t.Fatal(err)
	}
	var shipped struct {
		Spec json.RawMessage `json:"spec"`
	}
	if err := json.Unmarshal(data, &shipped); err != nil {
		t.Fatal(err)
	}
	var want, got any
	json.Unmarshal(shipped.Spec, &want)
	ours, _ := json.Marshal(PostModel())
	json.Unmarshal(ours, &got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PostModel() JSON\n%s\nshipped model.json spec\n%s", ours, shipped.Spec)
	}
}

// TestSequentialErrors: a model without Input, or with Input in the middle,
// gets an error that says what to write.
func TestSequentialErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		spec Spec
		want string
	}{
		"no input":       {Sequential(layers.Flatten(), layers.Dense(10, layers.Softmax)), "layers.Input(28, 28, 1)"},
		"input twice":    {Sequential(layers.Input(28, 28, 1), layers.Flatten(), layers.Input(28, 28, 1), layers.Dense(10, layers.Softmax)), "Input must be the first layer"},
		"no softmax":     {Sequential(layers.Input(28, 28, 1), layers.Flatten(), layers.Dense(10)), "Dense(10, activation='softmax')"},
		"bad activation": {Sequential(layers.Input(28, 28, 1), layers.Conv2D(8, 3, layers.Activation("swish")), layers.Flatten(), layers.Dense(10, layers.Softmax)), `layer 0 (conv2d_1): unknown activation "swish"`},
	} {
		_, err := tc.spec.Infer()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, tc.want)
		}
	}
	s := Sequential(layers.Input(32, 32, 3), layers.Conv2D(8, 5, layers.Valid, layers.KernelSize(5, 3)), layers.Flatten(), layers.Dense(7, layers.Softmax))
	infos, err := s.Infer()
	if err != nil {
		t.Fatal(err)
	}
	if s.Classes != 7 || s.InputShape != [3]int{32, 32, 3} || fmt.Sprint(infos[0].OutputShape) != "[28 30 8]" {
		t.Errorf("classes %d, input %v, conv output %v", s.Classes, s.InputShape, infos[0].OutputShape)
	}
}

// TestReadSpecOfSavedModel: a saved model's model.json is accepted as the
// spec it holds; another format is refused with both formats named.
func TestReadSpecOfSavedModel(t *testing.T) {
	s, err := ReadSpec(filepath.Join("..", "models", "blog-cnn", ModelFile))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, PostModel()) {
		t.Errorf("spec of the shipped model.json differs from PostModel: %+v", s)
	}
	_, err = parseSpec("old.json", []byte(`{"format":"werkbank-model/0","spec":{}}`))
	if err == nil || !strings.Contains(err.Error(), `format "werkbank-model/0"`) || !strings.Contains(err.Error(), modelFormat) {
		t.Errorf("another format: %v", err)
	}
}
