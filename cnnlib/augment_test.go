package cnnlib

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
)

// unit is the affine transform that changes nothing (Keras' zoom 1).
var unit = affine{zoomX: 1, zoomY: 1}

// ramp returns an h×w×c image of the values 1, 2, 3, ..., all exact in
// float32, so that a misplaced or blended pixel shows.
func ramp(h, w, c int) []float32 {
	img := make([]float32, h*w*c)
	for i := range img {
		img[i] = float32(i + 1)
	}
	return img
}

// nonzero lists the nonzero pixels of a one-channel image as (row, col)=value.
func nonzero(img []float32, w int) []string {
	var out []string
	for i, v := range img {
		if v != 0 {
			out = append(out, fmt.Sprintf("(%d, %d)=%g", i/w, i%w, v))
		}
	}
	return out
}

func TestAugmentationZeroIsIdentity(t *testing.T) {
	src := randomData(3, 21).Images()
	dst := make([]float32, len(src))
	Augmentation{}.Apply(dst, src, 28, 28, 1, augmentRNG(1, 1, 0))
	if !slices.Equal(dst, src) {
		t.Error("the zero augmentation changed the images")
	}
}

// TestAffineShift: a pure shift moves a one-hot pixel by whole pixels
// exactly, and splits it between two pixels at half a pixel.
func TestAffineShift(t *testing.T) {
	src := make([]float32, 28*28)
	src[10*28+12] = 1
	dst := make([]float32, len(src))
	for _, tc := range []struct {
		dx, dy float64
		want   []string
	}{
		{3, -2, []string{"(8, 15)=1"}},
		{-12, 17, []string{"(27, 0)=1"}},
		{0.5, 0, []string{"(10, 12)=0.5", "(10, 13)=0.5"}},
		{0, 18, nil}, // out of the image: filled with 0
	} {
		shift := unit
		shift.shiftX, shift.shiftY = tc.dx, tc.dy
		shift.apply(dst, src, 28, 28, 1)
		if got := nonzero(dst, 28); !slices.Equal(got, tc.want) {
			t.Errorf("shift (%g, %g) of the pixel (10, 12): %v, want %v", tc.dx, tc.dy, got, tc.want)
		}
	}
}

// TestAffineQuarterTurn: a rotation by 90° turns the content
// counterclockwise, exactly (every channel alike); 180° is two of them.
func TestAffineQuarterTurn(t *testing.T) {
	const n, c = 6, 2
	src := ramp(n, n, c)
	dst := make([]float32, len(src))
	turn := unit
	turn.rotation = 90
	turn.apply(dst, src, n, n, c)
	for r := range n {
		for col := range n {
			for ch := range c {
				// Counterclockwise: the right column becomes the top row.
				want := src[(col*n+n-1-r)*c+ch]
				if got := dst[(r*n+col)*c+ch]; got != want {
					t.Fatalf("90°: pixel (%d, %d) channel %d = %v, want %v", r, col, ch, got, want)
				}
			}
		}
	}
	half, twice := make([]float32, len(src)), make([]float32, len(src))
	turn.apply(twice, dst, n, n, c)
	turn.rotation = -180
	turn.apply(half, src, n, n, c)
	if !slices.Equal(half, twice) {
		t.Errorf("-180° differs from two turns by 90°:\n%v\n%v", half, twice)
	}
}

// TestAffineZoom: Keras' zoom 2 shrinks the content to half about the
// center: the output samples every second input pixel.
func TestAffineZoom(t *testing.T) {
	src := ramp(5, 5, 1)
	dst := make([]float32, len(src))
	zoom := affine{zoomX: 2, zoomY: 2}
	zoom.apply(dst, src, 5, 5, 1)
	want := []float32{0, 0, 0, 0, 0, 0, 1, 3, 5, 0, 0, 11, 13, 15, 0, 0, 21, 23, 25, 0, 0, 0, 0, 0, 0}
	if !slices.Equal(dst, want) {
		t.Errorf("zoom 2:\n%v\nwant\n%v", dst, want)
	}
}

// TestAugmentationDraws: the transforms stay in Keras' ranges and use them.
func TestAugmentationDraws(t *testing.T) {
	a := KaggleAugmentation()
	rng := augmentRNG(1, 1, 0)
	var most affine
	for range 1000 {
		d := a.draw(rng, 28, 28)
		if math.Abs(d.rotation) > 10 || math.Abs(d.shiftX) > 2.8 || math.Abs(d.shiftY) > 2.8 ||
			math.Abs(d.zoomX-1) > 0.1 || math.Abs(d.zoomY-1) > 0.1 {
			t.Fatalf("draw %+v outside rotation 10, shift 2.8 px, zoom 0.1", d)
		}
		most.rotation = max(most.rotation, math.Abs(d.rotation))
		most.shiftX, most.shiftY = max(most.shiftX, math.Abs(d.shiftX)), max(most.shiftY, math.Abs(d.shiftY))
		most.zoomX, most.zoomY = max(most.zoomX, math.Abs(d.zoomX-1)), max(most.zoomY, math.Abs(d.zoomY-1))
	}
	if most.rotation < 9.5 || most.shiftX < 2.6 || most.shiftY < 2.6 || most.zoomX < 0.095 || most.zoomY < 0.095 {
		t.Errorf("1000 draws use only %+v of the ranges", most)
	}
}

// TestAugmentBatchDeterministic: a training batch's augmentation depends on
// (seed, epoch, step) only, and differs between steps, epochs and seeds.
func TestAugmentBatchDeterministic(t *testing.T) {
	m := &Model{Spec: PostModel()}
	d := randomData(10, 22)
	idx := []int{7, 2, 2, 9}
	const per = 28 * 28
	batch := func(seed int64, epoch, step int) []float32 {
		x, _ := m.gather(d, idx)
		m.augmentBatch(x, KaggleAugmentation(), d, idx, seed, epoch, step)
		return tensors.MustCopyFlatData[float32](x)
	}
	ref := batch(1, 2, 3)
	if !slices.Equal(ref, batch(1, 2, 3)) {
		t.Error("the same (seed, epoch, step) gave another batch")
	}
	for _, other := range [][]float32{batch(1, 2, 4), batch(1, 3, 3), batch(2, 2, 3)} {
		if slices.Equal(ref, other) {
			t.Error("another (seed, epoch, step) gave the same batch")
		}
	}
	if slices.Equal(ref[per:2*per], ref[2*per:3*per]) {
		t.Error("the two copies of sample 2 were augmented alike")
	}
}

// TestFitAugmentsTrainingOnly: augmentation changes the training, but the
// validation loss is that of the unaugmented validation images.
func TestFitAugmentsTrainingOnly(t *testing.T) {
	d := randomData(120, 23)
	fit := func(a Augmentation) (*Model, *History, Data) {
		m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		cfg := quickFit(1)
		cfg.ValidationSplit = 0.25
		cfg.Augment = a
		h, err := m.Fit(context.Background(), d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, val, _ := d.ValidationSplit(cfg.ValidationSplit)
		return m, h, val
	}
	m, h, val := fit(KaggleAugmentation())
	ev, err := m.Evaluate(val)
	if err != nil {
		t.Fatal(err)
	}
	if e := h.Epochs[0]; e.ValLoss != ev.Loss || e.ValAcc != ev.Accuracy {
		t.Errorf("val_loss %v, val_acc %v; evaluating the validation images gives %v, %v", e.ValLoss, e.ValAcc, ev.Loss, ev.Accuracy)
	}
	_, plain, _ := fit(Augmentation{})
	if plain.Epochs[0].Loss == h.Epochs[0].Loss {
		t.Error("the training loss is the same with and without augmentation")
	}
}

// TestResumeWithAugmentation: an augmented run interrupted after epoch 1 and
// resumed equals an uninterrupted one; the checkpoint and the saved model
// record the augmentation, and another augmentation does not resume.
func TestResumeWithAugmentation(t *testing.T) {
	d := randomData(100, 24)
	cfg := quickFit(2)
	cfg.ValidationSplit = 0.2
	cfg.Augment = Augmentation{Rotation: 15, Shift: 0.1, Zoom: 0.2}
	ref, err := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want, err := ref.Fit(context.Background(), d, cfg)
	if err != nil {
		t.Fatal(err)
	}

	dir := filepath.Join(t.TempDir(), "ckpt")
	cfg.CheckpointDir = dir
	first, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cfg.OnEpoch = func(*History) { cancel() }
	if _, err := first.Fit(ctx, d, cfg); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Fit: err = %v, want context.Canceled", err)
	}
	var st trainingState
	if err := readJSON(filepath.Join(dir, StateFile), &st); err != nil || st.Config.Augment != cfg.Augment {
		t.Errorf("checkpoint records augmentation %v (%v), want %v", st.Config.Augment, err, cfg.Augment)
	}
	cfg.OnEpoch = nil
	second, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	got, err := second.Fit(context.Background(), d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Epochs {
		a, b := want.Epochs[i], got.Epochs[i]
		a.Seconds, b.Seconds = 0, 0
		if a != b {
			t.Errorf("epoch %d: uninterrupted %+v, resumed %+v", i+1, a, b)
		}
	}
	if len(got.Epochs) != 2 || !reflect.DeepEqual(weights(ref), weights(second)) {
		t.Error("the resumed run ends elsewhere than the uninterrupted one")
	}

	info := TrainingInfoOf(cfg, "go", got.TrainSamples)
	saved := filepath.Join(t.TempDir(), "model")
	if err := second.Save(saved, got, &info); err != nil {
		t.Fatal(err)
	}
	if l, err := Load(saved, Options{Backend: testBackend()}); err != nil || l.Training.Augment != cfg.Augment {
		t.Errorf("saved model: training %+v, err %v; want augmentation %v", l.Training, err, cfg.Augment)
	}

	cfg.Augment = KaggleAugmentation()
	other, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	_, err = other.Fit(context.Background(), d, cfg)
	if err == nil || !strings.Contains(err.Error(), "another configuration: augmentation rotation ±15°, shift ±0.1, zoom ±0.2, now rotation ±10°") {
		t.Errorf("resuming with another augmentation: err = %v", err)
	}
}

func TestAugmentationValidate(t *testing.T) {
	for _, tc := range []struct {
		a    Augmentation
		want string // "" for valid
	}{
		{Augmentation{}, ""},
		{KaggleAugmentation(), ""},
		{Augmentation{Rotation: 180, Shift: 0.99, Zoom: 0.99}, ""},
		{Augmentation{Rotation: -1}, "rotation -1: want degrees in [0, 180]"},
		{Augmentation{Rotation: 360}, "rotation 360"},
		{Augmentation{Shift: 1}, "shift 1: want a fraction of the image size in [0, 1)"},
		{Augmentation{Zoom: 1.5}, "zoom 1.5: want a fraction in [0, 1)"},
		{Augmentation{Zoom: math.NaN()}, "zoom NaN"},
	} {
		err := tc.a.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: %v, want %q", tc.a, err, tc.want)
		}
	}
	cfg := quickFit(1)
	cfg.Augment.Shift = 2
	if err := cfg.Validate(100); err == nil || !strings.Contains(err.Error(), "augmentation shift 2") {
		t.Errorf("FitConfig with shift 2: %v", err)
	}
}

// BenchmarkAugmentBatch augments a batch of the post's size, 162 MNIST-sized
// images, with the Kaggle values: the host-side cost Fit adds to each step.
func BenchmarkAugmentBatch(b *testing.B) {
	const batch = 162
	src := randomData(batch, 3).Images()
	dst := make([]float32, len(src))
	a := KaggleAugmentation()
	b.ReportAllocs()
	step := 0
	for b.Loop() {
		a.Apply(dst, src, 28, 28, 1, augmentRNG(1, 1, step))
		step++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/batch")
}
