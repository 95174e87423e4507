package datasets_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/kiwerkstatt/werkbank/datasets"
)

// Write two 2x3 images as a gzipped IDX file and read them back. ReadIDX
// recognizes gzip by its magic bytes, whatever the file is called.
func ExampleReadIDX() {
	var file bytes.Buffer
	zw := gzip.NewWriter(&file)
	pixels := []byte{0, 0, 255, 0, 255, 0, 9, 8, 7, 6, 5, 4}
	if err := datasets.WriteIDX(zw, datasets.MagicImages, []int{2, 2, 3}, pixels); err != nil {
		panic(err)
	}
	zw.Close()

	idx, err := datasets.ReadIDX(&file, datasets.MagicImages)
	if err != nil {
		panic(err)
	}
	fmt.Println(idx.Dims, idx.Data[6:])
	// Output: [2 2 3] [9 8 7 6 5 4]
}

// A header is checked against the limit, and then against the bytes actually
// present, before memory is set aside for the data it declares.
func ExampleReadIDX_corruptHeader() {
	header := binary.BigEndian.AppendUint32(nil, datasets.MagicImages)
	for _, d := range []uint32{1000000, 1000000, 1000000} {
		header = binary.BigEndian.AppendUint32(header, d)
	}
	_, err := datasets.ReadIDX(bytes.NewReader(header), datasets.MagicImages)
	fmt.Println(errors.Is(err, datasets.ErrTooLarge))
	fmt.Println(err)

	header = binary.BigEndian.AppendUint32(nil, datasets.MagicLabels)
	header = binary.BigEndian.AppendUint32(header, 60000)
	_, err = datasets.ReadIDX(bytes.NewReader(append(header, 1, 2, 3)), datasets.MagicLabels)
	fmt.Println(err)
	// Output:
	// true
	// too large: declared dimensions 1000000x1000000x1000000 exceed the limit of 1073741824 bytes (corrupt header?)
	// truncated: dimensions 60000 declare 60000 bytes of data, got 3
}
