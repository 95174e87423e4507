package datasets

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// defaultHTTPClient fails fast where there is no network: name resolution and
// connecting share a 5 s budget, TLS and the response header get 5 s and 10 s.
// Only the transfer itself may take longer (26 MB over a slow link).
func defaultHTTPClient() *http.Client {
	return &http.Client{
		Timeout: 5 * time.Minute,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: 10 * time.Second,
			ForceAttemptHTTP2:     true,
		},
	}
}

// transportError marks a failure to reach a mirror at all (name resolution,
// connection, TLS, timeout), as opposed to an HTTP error for one file: the
// fetcher then skips that mirror for the remaining files instead of waiting
// for the same timeout four times.
type transportError struct{ err error }

func (e transportError) Error() string { return e.err.Error() }
func (e transportError) Unwrap() error { return e.err }

// download fetches rawURL into memory. The caller verifies the bytes before they
// are written anywhere.
func (f *fetcher) download(rawURL, name string) ([]byte, error) {
	f.logf("downloading %s from %s", name, rawURL)
	start := time.Now()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	// The checksums are those of the .gz files. Asking for identity keeps a
	// server that labels them "Content-Encoding: gzip" from having Go's
	// transport decompress them on the fly into bytes that never verify.
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := f.client.Do(req)
	if err != nil {
		// A *url.Error repeats the URL, which the caller reports already.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		f.logf("download of %s failed: %v", name, err)
		return nil, transportError{err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		f.logf("download of %s failed: HTTP %s", name, resp.Status)
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > maxFileBytes {
		return nil, fmt.Errorf("%w: the server announces %d bytes, more than any %s file", ErrTooLarge, resp.ContentLength, name)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFileBytes+1))
	if err != nil {
		f.logf("download of %s failed after %d bytes: %v", name, len(data), err)
		return nil, fmt.Errorf("after %d bytes: %w", len(data), err)
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%w: more than %d bytes, more than any %s file", ErrTooLarge, maxFileBytes, name)
	}
	if resp.ContentLength >= 0 && int64(len(data)) != resp.ContentLength {
		return nil, fmt.Errorf("got %d bytes of the %d announced", len(data), resp.ContentLength)
	}
	f.logf("downloaded %s: %.1f MB in %.1fs", name, float64(len(data))/1e6, time.Since(start).Seconds())
	return data, nil
}
