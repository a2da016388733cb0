//go:build !unix

package store

import "os"

// lockFile is a no-op where flock is not available: only one daemon may be
// run on a store there, by the operator's care.
func lockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}
