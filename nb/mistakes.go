package nb

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/lang"
)

// mistakesFile keeps the last gallery of Mistakes in the work directory, so
// that a later cell (ShowMistake) looks at one of them without predicting
// the test data again.
const mistakesFile = "mistakes.json"

// Mistakes shows the count test images the current model gets most wrong
// (the highest loss): each with its index, the true digit, the digit the
// net reads and that digit's probability; ShowMistake looks into one.
func (n *Notebook) Mistakes(count int) {
	fig, top, err := figures.Mistakes(n.Model(), n.Data().TestData(), count)
	Show(fig, err)
	Check(n.saveMistakes(top))
}

// ShowMistake looks into the k-th image of the last Mistakes gallery (0:
// the worst): what the first convolution's filters make of it and the
// Grad-CAM of the digit the net reads, next to the digit.
func (n *Notebook) ShowMistake(k int) {
	top := Must(n.mistakes())
	if k < 0 || k >= len(top) {
		fail(lang.Errorf("nb.mistake.range", k, len(top)-1))
	}
	mk := top[k]
	m, image := n.Model(), n.Data().TestImage(mk.Index)
	fmt.Fprintln(n.out(), lang.Sprintf("nb.mistake.line", mk.Index, mk.True, mk.Predicted, lang.Percent(mk.Probability, 1), lang.Percent(mk.TrueProbability, 1)))
	Show(figures.FilterRow(m, image, figures.ConvLayers(m)[0], 9))
	Show(figures.GradCAM(m, [][]float32{image}))
}

func (n *Notebook) saveMistakes(top []cnnlib.Mistake) error {
	if err := os.MkdirAll(n.Dir, 0o755); err != nil {
		return err
	}
	return atomicfile.WriteJSON(filepath.Join(n.Dir, mistakesFile), top)
}

// mistakes reads the gallery Mistakes saved; without one, the error says
// to run its cell first.
func (n *Notebook) mistakes() ([]cnnlib.Mistake, error) {
	path := filepath.Join(n.Dir, mistakesFile)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, lang.Errorf("nb.mistake.none", rel(path))
	}
	if err != nil {
		return nil, err
	}
	var top []cnnlib.Mistake
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return top, nil
}
