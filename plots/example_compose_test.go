package plots_test

import (
	"fmt"
	"log"

	"github.com/kiwerkstatt/werkbank/plots"
)

func ExampleSideBySide() {
	acc, valAcc := []float64{0.90, 0.97, 0.98}, []float64{0.974, 0.981, 0.985}
	loss, valLoss := []float64{0.31, 0.09, 0.07}, []float64{0.085, 0.062, 0.049}
	a, err := plots.TrainingCurve(plots.Curves{Title: "Accuracy", Train: acc, Val: valAcc})
	if err != nil {
		log.Fatal(err)
	}
	l, err := plots.TrainingCurve(plots.Curves{Title: "Loss", Train: loss, Val: valLoss})
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plots.SideBySide(a, l)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fig.Size())
	// Output:
	// 1280 480
}
