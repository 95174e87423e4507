package datasets

import "errors"

// Sentinel errors. The errors this package returns wrap one of these together
// with the file name and the numbers involved, so that callers can test the
// kind of failure with errors.Is while users read a complete message.
var (
	// ErrTruncated: an IDX file holds fewer bytes than its header declares.
	ErrTruncated = errors.New("truncated")
	// ErrTrailingData: an IDX file holds more bytes than its header declares.
	ErrTrailingData = errors.New("trailing garbage")
	// ErrCorruptGzip: the gzip stream is damaged (bad header, bad CRC, cut short).
	ErrCorruptGzip = errors.New("corrupt gzip")
	// ErrWrongMagic: the IDX magic number is not the one expected (labels vs images, or not IDX at all).
	ErrWrongMagic = errors.New("wrong magic")
	// ErrTooLarge: the declared dimensions exceed MaxIDXBytes, or a file is larger than any known data set file.
	ErrTooLarge = errors.New("too large")
	// ErrShape: the images do not have the size the data set prescribes (28x28 for MNIST).
	ErrShape = errors.New("wrong image shape")
	// ErrCountMismatch: an images file and its labels file disagree on the number of examples.
	ErrCountMismatch = errors.New("count mismatch")
	// ErrLabelRange: a label is not a valid class index.
	ErrLabelRange = errors.New("label out of range")
	// ErrChecksum: a file's SHA-256 differs from the pinned checksum.
	ErrChecksum = errors.New("checksum mismatch")
	// ErrIsDir: a directory sits where a data file should be.
	ErrIsDir = errors.New("is a directory, not a file")
)
