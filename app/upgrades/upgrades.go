// Package upgrades lists DMEX's software upgrades: each a name (the plan name the DMEX authority
// schedules, MsgScheduleUpgrade), a handler run once at the plan's height, and the stores it adds
// or deletes. A binary carries the handlers of the upgrades up to and including Through, set at
// link time, so one tree builds both the binary that halts at an upgrade's height and the one
// that applies it:
//
//	go build ./cmd/dmexd                                                                   # v1: halts at v2
//	go build -ldflags "-X github.com/dmexchain/dmex/app/upgrades.Through=v2" ./cmd/dmexd  # applies v2
//
// A real release moves Through forward in the source instead (and drops upgrades no live chain
// still needs).
package upgrades

import (
	"context"
	"fmt"

	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
)

// Through is the last upgrade this binary applies ("" or "v1": none, the genesis software).
var Through = ""

// Keepers is what the handlers use of the app.
type Keepers struct {
	ModuleManager *module.Manager
	Configurator  module.Configurator
	Escrow        escrowkeeper.Keeper
}

// Upgrade is one software upgrade.
type Upgrade struct {
	Name string
	// Handler returns the x/upgrade handler, given the app's keepers.
	Handler func(Keepers) upgradetypes.UpgradeHandler
	// StoreUpgrades are the stores added, renamed or deleted at the upgrade's height (loaded from
	// upgrade-info.json when the new binary starts).
	StoreUpgrades storetypes.StoreUpgrades
}

// All is every upgrade, in order.
var All = []Upgrade{V2, V3}

// V2EscrowBound is the least payouts_per_block and products_per_block x/escrow has after v2.
const V2EscrowBound = 200

// V2 runs the modules' migrations and raises x/escrow's per-block bounds (payouts and day
// closes) to at least V2EscrowBound: a bound the authority already set higher is kept.
var V2 = Upgrade{
	Name: "v2",
	Handler: func(k Keepers) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, _ upgradetypes.Plan, vm module.VersionMap) (module.VersionMap, error) {
			vm, err := k.ModuleManager.RunMigrations(ctx, k.Configurator, vm)
			if err != nil {
				return nil, err
			}
			return vm, MigrateEscrowBounds(ctx, k.Escrow)
		}
	},
}

// V3 only runs the modules' migrations: the upgrade the DAO phase's first x/gov proposal
// schedules in the end-to-end test, a release with no state change of its own.
var V3 = Upgrade{
	Name: "v3",
	Handler: func(k Keepers) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, _ upgradetypes.Plan, vm module.VersionMap) (module.VersionMap, error) {
			return k.ModuleManager.RunMigrations(ctx, k.Configurator, vm)
		}
	},
}

// MigrateEscrowBounds is v2's store migration of x/escrow's params.
func MigrateEscrowBounds(ctx context.Context, k escrowkeeper.Keeper) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	p.PayoutsPerBlock = max(p.PayoutsPerBlock, V2EscrowBound)
	p.ProductsPerBlock = max(p.ProductsPerBlock, V2EscrowBound)
	if err := p.Validate(); err != nil {
		return err
	}
	sdk.UnwrapSDKContext(ctx).Logger().Info("v2: x/escrow per-block bounds", "payouts_per_block", p.PayoutsPerBlock, "products_per_block", p.ProductsPerBlock)
	return k.Params.Set(ctx, p)
}

// Included is the upgrades this binary applies: All up to and including Through. A Through
// that names no upgrade (other than "" and "v1") is a build mistake and panics.
func Included() []Upgrade {
	if Through == "" || Through == "v1" {
		return nil
	}
	for i, u := range All {
		if u.Name == Through {
			return All[:i+1]
		}
	}
	panic(fmt.Sprintf("upgrades: Through=%q names no upgrade (known: %v)", Through, names()))
}

func names() []string {
	out := make([]string, len(All))
	for i, u := range All {
		out[i] = u.Name
	}
	return out
}

// UpgradeKeeper is what Register needs of x/upgrade.
type UpgradeKeeper interface {
	SetUpgradeHandler(name string, h upgradetypes.UpgradeHandler)
	ReadUpgradeInfoFromDisk() (upgradetypes.Plan, error)
	IsSkipHeight(height int64) bool
}

// Register sets the included upgrades' handlers and, when the upgrade being applied now (the
// plan x/upgrade wrote to upgrade-info.json when the old binary halted) changes stores, returns
// the store loader that makes those changes at its height; nil means the default loader.
func Register(uk UpgradeKeeper, k Keepers) (baseapp.StoreLoader, error) {
	included := Included()
	changesStores := false
	for _, u := range included {
		uk.SetUpgradeHandler(u.Name, u.Handler(k))
		su := u.StoreUpgrades
		changesStores = changesStores || len(su.Added) > 0 || len(su.Renamed) > 0 || len(su.Deleted) > 0
	}
	// Reading upgrade-info.json creates <home>/data: only when a store loader may be needed.
	if !changesStores {
		return nil, nil
	}
	info, err := uk.ReadUpgradeInfoFromDisk()
	if err != nil {
		return nil, err
	}
	if info.Name == "" || uk.IsSkipHeight(info.Height) {
		return nil, nil
	}
	for _, u := range included {
		if u.Name != info.Name {
			continue
		}
		su := u.StoreUpgrades
		if len(su.Added) == 0 && len(su.Renamed) == 0 && len(su.Deleted) == 0 {
			return nil, nil
		}
		return upgradetypes.UpgradeStoreLoader(info.Height, &su), nil
	}
	return nil, nil
}
