package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// runVersion is `jobback version`: what this binary was built from, read
// from the build information the Go toolchain records in every binary
// (runtime/debug.ReadBuildInfo), so nothing has to be stamped by hand:
//
//	jobback v0.0.0-20261206114100-2ae77b5e1f2a+dirty
//	commit 2ae77b5e1f2a... 2026-12-06T11:41:00Z, with uncommitted changes
//	go1.26.8 linux/amd64
//
// The commit line comes from version control: `go build` and `go install`
// in a git checkout record it; a binary built without one (from a copy of
// the source without .git, with -buildvcs=false, or a test binary) says so
// instead, and the command still succeeds.
func runVersion(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jobback version")
		fmt.Fprintln(stderr, "Prints the version, the commit and the Go version this binary was built from.")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	if _, err := io.WriteString(stdout, versionText(bi)); err != nil {
		fmt.Fprintf(stderr, "jobback version: %v\n", err)
		return 1
	}
	return 0
}

// versionText is the output of `jobback version` for the build information
// bi, which may be nil (a binary built without module support) or lack the
// version control settings.
func versionText(bi *debug.BuildInfo) string {
	version, goVersion := "", ""
	var revision, when, modified string
	if bi != nil {
		version, goVersion = bi.Main.Version, bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	if version == "" {
		version = "(devel)"
	}
	if goVersion == "" {
		goVersion = runtime.Version()
	}
	commit := "commit unknown (built without version control information)"
	if revision != "" {
		commit = "commit " + revision
		if when != "" {
			commit += " " + when
		}
		switch modified {
		case "true":
			commit += ", with uncommitted changes"
		case "false":
			commit += ", clean"
		}
	}
	return fmt.Sprintf("jobback %s\n%s\n%s %s/%s\n", version, commit, goVersion, runtime.GOOS, runtime.GOARCH)
}
