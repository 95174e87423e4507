package plots

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
)

// Save writes fig to path. The extension picks the format: ".png" or
// ".svg" (in any letter case); any other extension is an error that names
// the path. The file is written atomically: the data goes to a temporary
// file in the same directory, which is then renamed to path, so readers
// never see a partly written figure. The directory must exist.
func Save(fig Figure, path string) error {
	if fig == nil {
		return fmt.Errorf("plots: cannot save %q: nil figure", path)
	}
	var (
		data []byte
		err  error
	)
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		data, err = fig.PNG()
	case ".svg":
		data, err = fig.SVG()
	default:
		return fmt.Errorf("plots: cannot save %q: unknown extension %q, want .png or .svg", path, filepath.Ext(path))
	}
	if err != nil {
		return fmt.Errorf("plots: cannot save %q: %w", path, err)
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	return nil
}

// SaveAll writes fig as dir/base.png and dir/base.svg, creating dir if
// needed, and returns both paths.
func SaveAll(fig Figure, dir, base string) (pngPath, svgPath string, err error) {
	if base == "" {
		return "", "", fmt.Errorf("plots: SaveAll: empty base name")
	}
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("plots: SaveAll: %w", err)
	}
	pngPath = filepath.Join(dir, base+".png")
	svgPath = filepath.Join(dir, base+".svg")
	if err := Save(fig, pngPath); err != nil {
		return "", "", err
	}
	if err := Save(fig, svgPath); err != nil {
		return "", "", err
	}
	return pngPath, svgPath, nil
}
