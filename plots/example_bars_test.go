package plots_test

import (
	"fmt"
	"log"

	"github.com/kiwerkstatt/werkbank/plots"
)

func ExampleProbabilityBars() {
	// model.predict for the noise image: the model sees an 8.
	probs := []float64{0.0045, 0.0001, 0.0014, 0.0001, 0.0002, 0.0038, 0.0120, 0.0000, 0.9777, 0.0002}
	fig, err := plots.ProbabilityBars(probs, nil, plots.WithTitle("Vorhersage für das Rauschen"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(640,420)
}
