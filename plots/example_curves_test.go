package plots_test

import (
	"bytes"
	"fmt"
	"image/png"
	"log"

	"github.com/kiwerkstatt/werkbank/plots"
)

// bounds decodes a figure's PNG and returns the image bounds.
func bounds(fig plots.Figure) string {
	data, err := fig.PNG()
	if err != nil {
		log.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		log.Fatal(err)
	}
	return img.Bounds().String()
}

func ExampleTrainingCurve() {
	// history.history['acc'] and ['val_acc'] of a Keras run.
	acc := []float64{0.9012, 0.9711, 0.9785, 0.9822, 0.9851, 0.9866}
	valAcc := []float64{0.9740, 0.9812, 0.9851, 0.9808, 0.9883, 0.9869}

	// Training as dots, validation as a line, with a title, legend labels
	// and a caption.
	fig, err := plots.TrainingCurve(plots.Curves{
		Title:      "Training and validation accuracy",
		Caption:    "Abb 1: Anstieg der Genauigkeit über die Epochen",
		YLabel:     "Accuracy",
		Train:      acc,
		Val:        valAcc,
		TrainLabel: "Training acc",
		ValLabel:   "Validation acc",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))

	// A custom metric, smaller.
	fig, err = plots.TrainingCurve(plots.Curves{
		Title:  "Top-2 accuracy",
		YLabel: "Top-2 accuracy",
		Train:  []float64{0.95, 0.99, 0.995},
		Val:    []float64{0.98, 0.99, 0.994},
	}, plots.WithSize(480, 360))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(640,480)
	// (0,0)-(480,360)
}

func ExampleCompareCurves() {
	fig, err := plots.CompareCurves(plots.Comparison{
		Title:  "Validation accuracy",
		YLabel: "Accuracy",
		Series: []plots.Series{
			{Label: "Adam, lr=0.001", Values: []float64{0.974, 0.981, 0.985, 0.981, 0.988}},
			{Label: "SGD, lr=0.01", Values: []float64{0.91, 0.94, 0.955, 0.962, 0.968, 0.971}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(640,480)
}
