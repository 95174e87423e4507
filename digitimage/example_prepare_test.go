package digitimage_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/kiwerkstatt/werkbank/digitimage"
)

// A 200x150 black-on-white "7" becomes a 28x28 white-on-black MNIST digit.
func ExamplePrepare() {
	img, err := digitimage.Load("../testdata/digits/seven-black-on-white-200x150.png")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("loaded", img.Bounds().Dx(), "x", img.Bounds().Dy())
	pixels, err := digitimage.Prepare(img) // ready for cnnlib.Model.Predict
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("prepared", len(pixels), "values")
	for _, line := range strings.Split(strings.TrimSuffix(digitimage.ASCII(pixels), "\n"), "\n") {
		fmt.Printf("|%s|\n", line)
	}
	// Output:
	// loaded 200 x 150
	// prepared 784 values
	// |                            |
	// |                            |
	// |                            |
	// |                            |
	// |                            |
	// |                            |
	// |        @@@@@@@@@@@@@       |
	// |        @@@@@@@@@@@@@       |
	// |        @@@@@@@@@@@@@       |
	// |        :::::::::#@@#       |
	// |                :@@%.       |
	// |                #@@=        |
	// |               =@@*         |
	// |              .%@@.         |
	// |              *@@+          |
	// |             -@@%.          |
	// |            .%@@=           |
	// |            +@@%            |
	// |           .@@@=            |
	// |           *@@%.            |
	// |          :@@@*             |
	// |          *@@@-             |
	// |         :@@@%.             |
	// |         =@@@#              |
	// |         #@@@+              |
	// |        .%@@@=              |
	// |                            |
	// |                            |
}
