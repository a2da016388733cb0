package main

import (
	"bytes"
	"context"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// `jobback version` prints the Go version and succeeds in a test binary,
// whose build information has no version control settings.
func TestVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runVersion(context.Background(), nil, nil, &out, &errb); code != 0 {
		t.Fatalf("jobback version: exit %d; stderr:\n%s", code, errb.String())
	}
	if errb.Len() != 0 {
		t.Errorf("stderr is not empty:\n%s", errb.String())
	}
	got := out.String()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, got %d:\n%s", len(lines), got)
	}
	if !strings.HasPrefix(lines[0], "jobback ") {
		t.Errorf("line 1 = %q, want it to start with \"jobback \"", lines[0])
	}
	if !strings.HasPrefix(lines[1], "commit ") {
		t.Errorf("line 2 = %q, want it to start with \"commit \"", lines[1])
	}
	if want := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH; lines[2] != want {
		t.Errorf("line 3 = %q, want %q", lines[2], want)
	}
	if bi, ok := debug.ReadBuildInfo(); ok && vcsSetting(bi, "vcs.revision") == "" &&
		lines[1] != "commit unknown (built without version control information)" {
		t.Errorf("no vcs.revision in the build info, yet line 2 = %q", lines[1])
	}
}

// The commit line says the revision, its time and whether the tree had
// uncommitted changes; missing build information still gives three lines.
func TestVersionText(t *testing.T) {
	const rev = "2ae77b5e1f2a3b4c5d6e7f8091a2b3c4d5e6f708"
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "jobback", Version: "v0.0.0-20261206114100-2ae77b5e1f2a+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "CGO_ENABLED", Value: "0"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-06T11:41:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	arch := runtime.GOOS + "/" + runtime.GOARCH
	for _, c := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"modified", bi, "jobback v0.0.0-20261206114100-2ae77b5e1f2a+dirty\n" +
			"commit " + rev + " 2026-12-06T11:41:00Z, with uncommitted changes\n" +
			"go1.26.8 " + arch + "\n"},
		{"clean", withSetting(bi, "vcs.modified", "false"), "jobback v0.0.0-20261206114100-2ae77b5e1f2a+dirty\n" +
			"commit " + rev + " 2026-12-06T11:41:00Z, clean\n" +
			"go1.26.8 " + arch + "\n"},
		{"no vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "jobback", Version: "(devel)"}},
			"jobback (devel)\ncommit unknown (built without version control information)\ngo1.26.8 " + arch + "\n"},
		{"no build info", nil,
			"jobback (devel)\ncommit unknown (built without version control information)\n" + runtime.Version() + " " + arch + "\n"},
	} {
		if got := versionText(c.bi); got != c.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

// Arguments are refused with the usage; -h prints it and succeeds.
func TestVersionArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"extra"}, 2},
		{[]string{"--nope"}, 2},
		{[]string{"-h"}, 0},
	} {
		var out, errb bytes.Buffer
		if code := runVersion(context.Background(), c.args, nil, &out, &errb); code != c.code {
			t.Errorf("jobback version %v: exit %d, want %d", c.args, code, c.code)
		}
		if out.Len() != 0 {
			t.Errorf("jobback version %v printed to stdout:\n%s", c.args, out.String())
		}
		if !strings.Contains(errb.String(), "usage: jobback version") {
			t.Errorf("jobback version %v: no usage on stderr:\n%s", c.args, errb.String())
		}
	}
}

func vcsSetting(bi *debug.BuildInfo, key string) string {
	for _, s := range bi.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// withSetting returns a copy of bi with the setting key set to value.
func withSetting(bi *debug.BuildInfo, key, value string) *debug.BuildInfo {
	c := *bi
	c.Settings = append([]debug.BuildSetting(nil), bi.Settings...)
	for i := range c.Settings {
		if c.Settings[i].Key == key {
			c.Settings[i].Value = value
		}
	}
	return &c
}
