package datasets

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// rawIDX builds an uncompressed IDX file; tests corrupt it afterwards.
func rawIDX(t testing.TB, magic uint32, dims []int, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteIDX(&b, magic, dims, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// header builds just an IDX header, for dimensions no test could fill.
func header(magic uint32, dims ...uint32) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return b
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}

func TestReadIDXRawAndGzip(t *testing.T) {
	pixels := seq(3 * 4 * 5)
	raw := rawIDX(t, MagicImages, []int{3, 4, 5}, pixels)
	for name, file := range map[string][]byte{"raw": raw, "gzip": gzipped(t, raw)} {
		idx, err := ReadIDX(bytes.NewReader(file), MagicImages)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := dimString(idx.Dims); got != "3x4x5" {
			t.Errorf("%s: dims %s, want 3x4x5", name, got)
		}
		if !bytes.Equal(idx.Data, pixels) {
			t.Errorf("%s: data differ", name)
		}
	}
	labels := []byte{0, 9, 3}
	idx, err := ReadIDX(bytes.NewReader(gzipped(t, rawIDX(t, MagicLabels, []int{3}, labels))), MagicLabels)
	if err != nil || !bytes.Equal(idx.Data, labels) || len(idx.Dims) != 1 {
		t.Fatalf("labels: %+v, %v", idx, err)
	}
	// Zero examples is a valid, if useless, file.
	idx, err = ReadIDX(bytes.NewReader(rawIDX(t, MagicImages, []int{0, 28, 28}, nil)), MagicImages)
	if err != nil || len(idx.Data) != 0 {
		t.Fatalf("empty: %+v, %v", idx, err)
	}
}

func TestReadIDXErrors(t *testing.T) {
	raw := rawIDX(t, MagicImages, []int{10, 28, 28}, seq(10*28*28))
	gz := gzipped(t, raw)
	corrupt := bytes.Clone(gz)
	corrupt[len(corrupt)/2] ^= 0xff
	badCRC := bytes.Clone(gz)
	badCRC[len(badCRC)-6] ^= 0xff // the CRC-32 precedes the 4-byte size at the end

	tests := []struct {
		name string
		file []byte
		want error
		msg  string // part of the message
	}{
		{"empty file", nil, ErrTruncated, "header needs 4 bytes, got 0"},
		{"truncated header", raw[:9], ErrTruncated, "header needs 16 bytes, got 9"},
		{"truncated raw", raw[:len(raw)-100], ErrTruncated, "declare 7840 bytes of data, got 7740"},
		{"truncated data in gzip", gzipped(t, raw[:len(raw)-100]), ErrTruncated, "declare 7840 bytes of data, got 7740"},
		{"cut gzip stream", gz[:len(gz)/2], ErrCorruptGzip, "cut short"},
		{"corrupt gzip", corrupt, ErrCorruptGzip, "corrupt gzip"},
		{"bad gzip CRC", badCRC, ErrCorruptGzip, "checksum"},
		{"gzip header only", gz[:5], ErrCorruptGzip, "corrupt gzip"},
		{"labels read as images", rawIDX(t, MagicLabels, []int{3}, []byte{1, 2, 3}), ErrWrongMagic,
			"expected 0x00000803 for images, got 0x00000801 (labels)"},
		{"not IDX", []byte("<html>Not Found</html>"), ErrWrongMagic, "not an IDX file"},
		{"trailing raw", append(bytes.Clone(raw), 1, 2, 3), ErrTrailingData, "3 bytes after the 7840 bytes"},
		{"trailing in gzip", gzipped(t, append(bytes.Clone(raw), make([]byte, 5000)...)), ErrTrailingData, "5000 bytes after"},
		{"huge dims", header(MagicImages, 1000000, 1000000, 1000000), ErrTooLarge, "1000000x1000000x1000000"},
		{"huge dims in gzip", gzipped(t, header(MagicImages, 1000000, 1000000, 1000000)), ErrTooLarge, "exceed the limit"},
		{"max uint32 dims", header(MagicImages, 0xffffffff, 0xffffffff, 0xffffffff), ErrTooLarge, "4294967295x"},
	}
	for _, tt := range tests {
		_, err := ReadIDX(bytes.NewReader(tt.file), MagicImages)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got error %v, want %v", tt.name, err, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %q does not contain %q", tt.name, err, tt.msg)
		}
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestReadIDXDoesNotTrustHeaders(t *testing.T) {
	// 10^18 declared bytes: refused from the header alone.
	huge := header(MagicImages, 1000000, 1000000, 1000000)
	n := allocated(func() {
		if _, err := ReadIDX(bytes.NewReader(huge), MagicImages); !errors.Is(err, ErrTooLarge) {
			t.Errorf("huge: %v", err)
		}
	})
	if n > 1<<20 {
		t.Errorf("refusing a huge header allocated %d bytes", n)
	}
	// 512 MiB declared, under the limit, but only 100 bytes present, in a
	// gzip stream whose size cannot be known upfront: memory must follow
	// the bytes that arrive, not the declaration.
	lie := gzipped(t, append(header(MagicImages, 1<<19, 32, 32), seq(100)...))
	n = allocated(func() {
		if _, err := ReadIDX(bytes.NewReader(lie), MagicImages); !errors.Is(err, ErrTruncated) {
			t.Errorf("lie: %v", err)
		}
	})
	if n > 8<<20 {
		t.Errorf("a header that lies about its size made ReadIDX allocate %d bytes", n)
	}
}

func TestReadIDXFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t10k-images-idx3-ubyte.gz")
	raw := rawIDX(t, MagicImages, []int{2, 2, 2}, seq(8))
	if err := os.WriteFile(path, gzipped(t, raw[:len(raw)-1]), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadIDXFile(path, MagicImages)
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), path) {
		t.Errorf("truncated file: %v", err)
	}
	if _, err := ReadIDXFile(dir, MagicImages); !errors.Is(err, ErrIsDir) {
		t.Errorf("directory: %v", err)
	}
	if _, err := ReadIDXFile(filepath.Join(dir, "missing"), MagicImages); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestWriteIDXChecksItsInput(t *testing.T) {
	var b bytes.Buffer
	if err := WriteIDX(&b, MagicImages, []int{2, 2}, seq(4)); err == nil {
		t.Error("magic for 3 dims accepted with 2 dims")
	}
	if err := WriteIDX(&b, MagicLabels, []int{3}, seq(4)); err == nil {
		t.Error("4 bytes accepted for 3 labels")
	}
	if err := WriteIDX(&b, MagicImages, []int{-1, 2, 2}, nil); err == nil {
		t.Error("negative dimension accepted")
	}
}
