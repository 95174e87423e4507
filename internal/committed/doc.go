// Package committed holds tests about the repository's committed files
// themselves (not about any package's code): what a fresh clone must and must
// not contain. It has no code of its own.
package committed
