package upgrades_test

import (
	"fmt"
	"testing"

	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

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
		if fmt.Sprint(got) != fmt.Sprint(want) {
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

type fakeUpgradeKeeper struct {
	handlers map[string]bool
	info     upgradetypes.Plan
	read     bool
}

func (f *fakeUpgradeKeeper) SetUpgradeHandler(name string, _ upgradetypes.UpgradeHandler) {
	f.handlers[name] = true
}

func (f *fakeUpgradeKeeper) ReadUpgradeInfoFromDisk() (upgradetypes.Plan, error) {
	f.read = true
	return f.info, nil
}

func (f *fakeUpgradeKeeper) IsSkipHeight(h int64) bool { return h == 99 }

// Register sets the included upgrades' handlers, and returns a store loader only when the upgrade
// named in upgrade-info.json is included, changes stores and its height is not skipped.
func TestRegister(t *testing.T) {
	defer func(was string, all []upgrades.Upgrade) { upgrades.Through, upgrades.All = was, all }(upgrades.Through, upgrades.All)
	upgrades.Through = "v3"
	uk := &fakeUpgradeKeeper{handlers: map[string]bool{}, info: upgradetypes.Plan{Name: "v2", Height: 10}}
	loader, err := upgrades.Register(uk, upgrades.Keepers{})
	if err != nil || loader != nil || uk.read || !uk.handlers["v2"] || !uk.handlers["v3"] {
		t.Fatalf("no store changes: loader %v, err %v, read %v, handlers %v", loader != nil, err, uk.read, uk.handlers)
	}

	withStore := upgrades.Upgrade{Name: "v4", Handler: upgrades.V3.Handler, StoreUpgrades: storetypes.StoreUpgrades{Added: []string{"newstore"}}}
	upgrades.All = append(append([]upgrades.Upgrade{}, upgrades.All...), withStore)
	upgrades.Through = "v4"
	for _, c := range []struct {
		info upgradetypes.Plan
		want bool
	}{
		{upgradetypes.Plan{Name: "v4", Height: 10}, true},
		{upgradetypes.Plan{Name: "v4", Height: 99}, false}, // skipped height
		{upgradetypes.Plan{Name: "v2", Height: 10}, false}, // no store changes
		{upgradetypes.Plan{}, false},                       // no upgrade-info.json
	} {
		uk := &fakeUpgradeKeeper{handlers: map[string]bool{}, info: c.info}
		loader, err := upgrades.Register(uk, upgrades.Keepers{})
		if err != nil || (loader != nil) != c.want || !uk.read || !uk.handlers["v4"] {
			t.Errorf("info %+v: loader %v (want %v), err %v, read %v", c.info, loader != nil, c.want, err, uk.read)
		}
	}
}
