package datasets

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// IDX magic numbers: two zero bytes, the element type (0x08 = unsigned byte)
// and the number of dimensions. Only unsigned bytes occur in MNIST-like data,
// so the parser knows no other element type.
const (
	MagicLabels uint32 = 0x00000801 // labels: uint8, 1 dimension (count)
	MagicImages uint32 = 0x00000803 // images: uint8, 3 dimensions (count, rows, cols)
)

// MaxIDXBytes bounds the payload an IDX header may declare. The largest IDX
// file in common use (EMNIST ByClass training images, 697932x28x28) holds
// 547 MB; the bound exists so that a corrupt header fails with an error before
// anything is allocated, and it fits an int on 32-bit platforms.
const MaxIDXBytes = 1 << 30

// IDX is the content of one IDX file of unsigned bytes.
type IDX struct {
	Magic uint32
	Dims  []int  // as declared in the header, outermost first
	Data  []byte // product(Dims) bytes, row-major
}

// gzipMagic starts every gzip stream. An IDX file starts with two zero bytes,
// so the first two bytes tell the formats apart without relying on file names.
var gzipMagic = []byte{0x1f, 0x8b}

// ReadIDX reads an IDX file, gzipped or raw, from r and checks that its magic
// number is magic (MagicImages or MagicLabels) and that it holds exactly the
// bytes its header declares. Errors wrap ErrWrongMagic, ErrTooLarge,
// ErrTruncated, ErrTrailingData or ErrCorruptGzip; they do not name the file,
// which ReadIDXFile and the loaders add.
func ReadIDX(r io.Reader, magic uint32) (*IDX, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(2)
	if bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, gzipError(err)
		}
		idx, err := readIDX(zr, magic)
		var ge gzipReadError
		if errors.As(err, &ge) {
			return nil, gzipError(ge.err)
		}
		return idx, err
	}
	return readIDX(br, magic)
}

// ReadIDXFile reads the IDX file at path (see ReadIDX); errors name the path.
func ReadIDXFile(path string, magic uint32) (*IDX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: %w", path, ErrIsDir)
	}
	idx, err := ReadIDX(f, magic)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return idx, nil
}

// WriteIDX writes an uncompressed IDX file. It exists for tests and examples
// (and for exporting subsets); wrap w in a gzip.Writer for .gz files.
func WriteIDX(w io.Writer, magic uint32, dims []int, data []byte) error {
	if int(magic&0xff) != len(dims) || magic>>8 != 0x08 {
		return fmt.Errorf("WriteIDX: magic 0x%08x does not describe %d dimensions of uint8", magic, len(dims))
	}
	n, err := idxSize(dims)
	if err != nil {
		return fmt.Errorf("WriteIDX: %w", err)
	}

	if n != int64(len(data)) {
		return fmt.Errorf("WriteIDX: dimensions %s need %d bytes, got %d", dimString(dims), n, len(data))
	}
	head := make([]byte, 4+4*len(dims))
	binary.BigEndian.PutUint32(head, magic)
	for i, d := range dims {
		binary.BigEndian.PutUint32(head[4+4*i:], uint32(d))
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// gzipReadError marks errors that came from the decompressor rather than from
// the IDX structure, so that ReadIDX can report them as a corrupt gzip file.
type gzipReadError struct{ err error }

func (e gzipReadError) Error() string { return e.err.Error() }

// gzipError describes a decompression failure. A gzip stream that simply ends
// early shows up as io.ErrUnexpectedEOF; saying "cut short" points at the
// usual cause, an interrupted download or copy.
func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: the compressed stream is cut short (incomplete download or copy?)", ErrCorruptGzip)
	}
	return fmt.Errorf("%w: %v", ErrCorruptGzip, err)
}

// srcReader tags every error of the underlying reader as a gzip error when it
// reads from a gzip.Reader, so that readIDX itself needs no gzip knowledge.
type srcReader struct {
	r      io.Reader
	isGzip bool
}

func (s srcReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.isGzip {
		err = gzipReadError{err}
	}
	return n, err
}

func readIDX(r io.Reader, magic uint32) (*IDX, error) {
	_, isGzip := r.(*gzip.Reader)
	src := srcReader{r, isGzip}

	var m [4]byte
	if n, err := io.ReadFull(src, m[:]); err != nil {
		return nil, headerError(err, 4, n)
	}
	got := binary.BigEndian.Uint32(m[:])
	if got != magic {
		return nil, fmt.Errorf("%w: expected 0x%08x for %s, got 0x%08x%s",
			ErrWrongMagic, magic, magicName(magic), got, magicHint(got))
	}
	ndims := int(magic & 0xff)
	raw := make([]byte, 4*ndims)
	if n, err := io.ReadFull(src, raw); err != nil {
		return nil, headerError(err, 4+len(raw), 4+n)
	}
	dims := make([]int64, ndims)
	for i := range dims {
		dims[i] = int64(binary.BigEndian.Uint32(raw[4*i:]))
	}
	// The size is checked before anything is allocated for the data.
	size, err := idxSize(dims)
	if err != nil {
		return nil, fmt.Errorf("%w (corrupt header?)", err)
	}

	data, err := readAtMost(src, size)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) < size {
		return nil, fmt.Errorf("%w: dimensions %s declare %d bytes of data, got %d",
			ErrTruncated, dimString(dims), size, len(data))
	}
	if int64(len(data)) > size {
		// Count the surplus so the message can say how much there is;
		// reading to the end also checks a gzip stream's CRC.
		extra, err := io.Copy(io.Discard, io.LimitReader(src, MaxIDXBytes))
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %d bytes after the %d bytes that dimensions %s declare",
			ErrTrailingData, extra+int64(len(data))-size, size, dimString(dims))
	}
	intDims := make([]int, len(dims))
	for i, d := range dims {
		intDims[i] = int(d)
	}
	return &IDX{Magic: magic, Dims: intDims, Data: data}, nil
}

// readAtMost reads up to n+1 bytes of r: n is what the header promises, the
// extra byte reveals trailing data. The buffer starts small and grows as bytes
// arrive, so memory follows what the file holds, never what the header claims
// (for a gzip stream the size cannot be known before decompressing it).
func readAtMost(r io.Reader, n int64) ([]byte, error) {
	limit := n + 1
	lr := io.LimitReader(r, limit)
	buf := make([]byte, 0, min(limit, 1<<20))
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, int(min(int64(cap(buf)), limit-int64(len(buf)))))
		}
		k, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func headerError(err error, want, got int) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: header needs %d bytes, got %d", ErrTruncated, want, got)
	}
	return err
}

func magicName(m uint32) string {
	switch m {
	case MagicImages:
		return "images"
	case MagicLabels:
		return "labels"
	}
	return "unknown"
}

// magicHint names what a wrong magic number most likely means: swapped
// images and labels files, or a file that is not IDX at all.
func magicHint(m uint32) string {
	switch m {
	case MagicImages, MagicLabels:
		return " (" + magicName(m) + ")"
	}
	return " (not an IDX file of unsigned bytes)"
}

func dimString[D int | int64](dims []D) string {
	s := make([]string, len(dims))
	for i, d := range dims {
		s[i] = fmt.Sprint(d)
	}
	return strings.Join(s, "x")
}

// idxSize is the number of bytes that dims describe. It refuses, with
// ErrTooLarge, any size over MaxIDXBytes, checking before each multiplication
// because three uint32 dimensions can overflow an int64. Every single
// dimension is bounded too, so that converting one to int is always safe.
func idxSize[D int | int64](dims []D) (int64, error) {
	var size int64 = 1
	for _, d := range dims {
		d := int64(d)
		if d < 0 {
			return 0, fmt.Errorf("negative dimension %d", d)
		}
		if d > MaxIDXBytes || (d != 0 && size > MaxIDXBytes/d) {
			return 0, fmt.Errorf("%w: declared dimensions %s exceed the limit of %d bytes",
				ErrTooLarge, dimString(dims), MaxIDXBytes)
		}
		size *= d
	}
	return size, nil
}
