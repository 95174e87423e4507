package study_test

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/study"
)

// The two PyTorch runs of the tests' fixtures as a study: one
// configuration, keyed by tool and backend, as werkbank collect writes it.
func ExampleStudy_WriteMarkdown() {
	runs, err := study.ReadRuns([]string{"testdata/collect/torch"})
	if err != nil {
		log.Fatal(err)
	}
	// werkbank train's flag set: its defaults say which flags of a command
	// leave the training unchanged. The PyTorch runs have no command.
	train := flag.NewFlagSet("train", flag.ContinueOnError)
	s := study.New("PyTorch over seeds", []string{"testdata/collect/torch"}, runs, train)
	if err := s.WriteMarkdown(os.Stdout, study.Markdown{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// # PyTorch over seeds
	//
	// 2 run(s) in 1 configuration(s), from testdata/collect/torch. Test accuracy as mean ± sample standard deviation;
	// the post's run reached 0.9926, its goal was 0.991.
	//
	// | # | configuration | n | test acc | min | max | ≥ 0.991 | ≥ 0.995 | val acc (mean) | seconds (mean) |
	// |---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
	// | 1 | `pytorch torch-1.13.0 cpu` | 2 | 0.9919 ± 0.0002 | 0.9918 | 0.9921 | 2/2 | 0/2 | 0.9893 | 600 |
	//
	// ## Runs
	//
	// | # | seed | val acc | test acc | seconds | backend | machine | run |
	// |---:|---:|---:|---:|---:|---|---|---|
	// | 1 | 1 | 0.9893 | 0.9921 | 602 | torch-1.13.0 cpu | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/torch/seed-1` |
	// | 1 | 2 | – | 0.9918 | 598 | torch-1.13.0 cpu | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/torch/seed-2` |
}

// The same study for a German notebook: German sentences and headers,
// decimal commas.
func ExampleStudy_WriteMarkdown_german() {
	lang.Set(lang.German)
	defer lang.Set(lang.English)
	runs, err := study.ReadRuns([]string{"testdata/collect/torch"})
	if err != nil {
		log.Fatal(err)
	}
	train := flag.NewFlagSet("train", flag.ContinueOnError)
	s := study.New("PyTorch über Seeds", []string{"testdata/collect/torch"}, runs, train)
	if err := s.WriteMarkdown(os.Stdout, study.Markdown{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// # PyTorch über Seeds
	//
	// 2 Läufe in 1 Konfiguration, gelesen aus testdata/collect/torch. Test-Genauigkeit als Mittelwert ± Standardabweichung der Stichprobe;
	// der Blog erreichte 0,9926, sein Ziel war 0,991.
	//
	// | # | Konfiguration | n | Test-Genauigkeit | Min. | Max. | ≥ 0,991 | ≥ 0,995 | Validierungs-Genauigkeit (Mittelwert) | Sekunden (Mittelwert) |
	// |---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
	// | 1 | `pytorch torch-1.13.0 cpu` | 2 | 0,9919 ± 0,0002 | 0,9918 | 0,9921 | 2/2 | 0/2 | 0,9893 | 600 |
	//
	// ## Läufe
	//
	// | # | Seed | Validierungs-Genauigkeit | Test-Genauigkeit | Sekunden | Backend | Rechner | Lauf |
	// |---:|---:|---:|---:|---:|---|---|---|
	// | 1 | 1 | 0,9893 | 0,9921 | 602 | torch-1.13.0 cpu | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/torch/seed-1` |
	// | 1 | 2 | – | 0,9918 | 598 | torch-1.13.0 cpu | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/torch/seed-2` |
}

func ExampleWelch() {
	werkbank := []float64{0.9912, 0.9890, 0.9951, 0.9910}
	pytorch := []float64{0.9921, 0.9918}
	w, ok := study.Welch(werkbank, pytorch)
	fmt.Printf("ok %v: difference %+.4f, t %.2f, df %.1f, p %.3f\n", ok, w.Diff, w.T, w.DF, w.P)
	// Output:
	// ok true: difference -0.0004, t -0.29, df 3.1, p 0.789
}
