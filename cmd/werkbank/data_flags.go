package main

import (
	"flag"
	"io"
	"os"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/datasets"
)

// dataFlags are the flags that choose and locate a data set. Every subcommand
// that needs data registers them with addDataFlags, so that --dir, --cache,
// --dataset and --no-download mean the same thing everywhere.
type dataFlags struct {
	dir, cache, dataset string
	noDownload          bool
}

// addDataFlags registers the data set flags on fs.
func addDataFlags(fs *flag.FlagSet) *dataFlags {
	d := &dataFlags{}
	fs.StringVar(&d.dir, "dir", "", "directory with the .gz files under their official names (default $WERKBANK_DATA)")
	fs.StringVar(&d.cache, "cache", "", "cache directory for verified files (default: the user cache dir + werkbank/datasets/<name>)")
	fs.StringVar(&d.dataset, "dataset", "mnist", "data set: mnist or fashion")
	fs.BoolVar(&d.noDownload, "no-download", false, "never download; use only --dir, the cache and (MNIST) the Go module copy")
	return d
}

// loaders are the data sets --dataset names.
var loaders = map[string]func(datasets.Options) (*datasets.Dataset, error){
	"mnist":         datasets.LoadMNIST,
	"fashion":       datasets.LoadFashionMNIST,
	"fashion-mnist": datasets.LoadFashionMNIST,
}

// check reports an unknown --dataset as a usage error, before anything is loaded.
func (d *dataFlags) check() error {
	if loaders[d.dataset] == nil {
		return usageErrorf("unknown --dataset %q (want mnist or fashion)", d.dataset)
	}
	return nil
}

// load loads the chosen data set; progress (stderr, usually) receives one
// line per download and any warning.
func (d *dataFlags) load(progress io.Writer) (*datasets.Dataset, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	return loaders[d.dataset](datasets.Options{Dir: d.dir, CacheDir: d.cache, NoDownload: d.noDownload, Progress: progress})
}

// testData loads the data set and returns it with its test images as model
// data, the first limit of them when limit > 0 (--limit-test).
func (d *dataFlags) testData(limit int) (*datasets.Dataset, cnnlib.Data, error) {
	data, err := d.load(os.Stderr)
	if err != nil {
		return nil, cnnlib.Data{}, err
	}
	test := cnnlib.FromSet(data.Test)
	if limit > 0 && limit < test.Len() {
		test = test.Slice(0, limit)
	}
	return data, test, nil
}
