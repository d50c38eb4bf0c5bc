package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReadControl(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "control")
	cases := []struct {
		content string
		skip    map[int]bool
		paused  bool
	}{
		{"", map[int]bool{}, false},
		{"3\n", map[int]bool{3: true}, false},
		{"1 2", map[int]bool{1: true, 2: true}, false},
		{"pause\n", map[int]bool{}, true},
	}
	for _, c := range cases {
		if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
			t.Fatal(err)
		}
		skip, paused := readControl(path)
		if paused != c.paused || !reflect.DeepEqual(skip, c.skip) {
			t.Errorf("%q: skip %v paused %v, want %v %v", c.content, skip, paused, c.skip, c.paused)
		}
	}
	if skip, paused := readControl(filepath.Join(dir, "absent")); paused || len(skip) != 0 {
		t.Errorf("a missing control file: skip %v paused %v", skip, paused)
	}
}

func TestReadHashesCountsATxOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accepted")
	if err := os.WriteFile(path, []byte("ab\nCD\n\nAB\ncd\nef\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := readHashes(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"AB", "CD", "EF"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("hashes %v, want %v", got, want)
	}
}

func TestTxHashIsCometBFTs(t *testing.T) {
	// sha256("") in upper-case hex, as /tx?hash= and tx_search spell a hash.
	if got, want := txHash(nil), "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"; got != want {
		t.Fatalf("txHash(nil) = %s, want %s", got, want)
	}
}
