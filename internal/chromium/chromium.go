// Package chromium runs Debian's headless Chromium for the end-to-end
// tests that look at what a person sees (the reply's HTML part, the status
// page): the DOM it built, and a screenshot it took, with a census of the
// screenshot's pixels to tell a page from a blank.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Path is Debian's package (apt-get install chromium fonts-dejavu-core).
const Path = "/usr/bin/chromium"

// Available reports why Chromium cannot run here, or nil.
func Available() error {
	if _, err := os.Stat(Path); err != nil {
		return fmt.Errorf("%s not found (apt-get install chromium fonts-dejavu-core): %w", Path, err)
	}
	return nil
}

// Run runs headless Chromium with args (and a profile of its own under
// dir) and returns what it printed; an error carries its stderr.
func Run(dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile")}
	out, err := exec.CommandContext(ctx, Path, append(base, args...)...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("chromium %v: %w\n%s", args, err, ee.Stderr)
		}
		return "", fmt.Errorf("chromium %v: %w", args, err)
	}
	return string(out), nil
}

// Screenshot makes Chromium load url in a window of width×height and
// returns the screenshot it wrote to file.
func Screenshot(dir, url, file string, width, height int) (image.Image, error) {
	if _, err := Run(dir, fmt.Sprintf("--window-size=%d,%d", width, height), "--screenshot="+file, url); err != nil {
		return nil, err
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("screenshot %s: %w", file, err)
	}
	return img, nil
}

// Census counts the dark pixels (text), the pure white ones and the
// distinct colours (up to 1,000) of img.
func Census(img image.Image) (dark, white, colors int) {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if len(seen) < 1000 {
				seen[r<<16|g<<8|bl] = true
			}
			if (299*r+587*g+114*bl)/1000 < 110 {
				dark++
			}
			if r == 255 && g == 255 && bl == 255 {
				white++
			}
		}
	}
	return dark, white, len(seen)
}
