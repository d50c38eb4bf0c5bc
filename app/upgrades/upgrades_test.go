package upgrades_test

import (
	"testing"

	"github.com/dmexchain/dmex/app/upgrades"
)

// Through selects the upgrades a binary carries: none by default, all of them up to its name.
func TestIncluded(t *testing.T) {
	defer func(was string) { upgrades.Through = was }(upgrades.Through)
	for through, want := range map[string][]string{"": nil, "v1": nil, "v2": {"v2"}, "v3": {"v2", "v3"}} {
		upgrades.Through = through
		var got []string
		for _, u := range upgrades.Included() {
			got = append(got, u.Name)
		}
		if len(got) != len(want) || (len(want) > 0 && got[len(got)-1] != want[len(want)-1]) {
			t.Errorf("Through=%q: %v, want %v", through, got, want)
		}
	}
	upgrades.Through = "v9"
	defer func() {
		if recover() == nil {
			t.Error("Through=v9 did not panic")
		}
	}()
	upgrades.Included()
}
