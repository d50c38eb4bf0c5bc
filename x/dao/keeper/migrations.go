package keeper

import (
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/dao/types"
)

// legacyDecisionModule is the module of every decision of consensus version 1, which knew only
// x/hashnft's applications.
const legacyDecisionModule = "hashnft"

// Migrator moves x/dao's state from one consensus version to the next.
type Migrator struct{ k Keeper }

// NewMigrator returns x/dao's migrator.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 moves the decisions keyed by x/hashnft's application id alone (prefix 3, indexed
// at 4) to their (module, item) key (prefix 7, indexed at 8): each becomes ("hashnft",
// application id). The stored Decision keeps its bytes (item_id is the old application_id's
// field); only its module is set.
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	store := m.k.storeService.OpenKVStore(ctx)
	var moved []types.Decision
	var stale [][]byte
	for _, prefix := range [][]byte{types.LegacyDecisionsKey, types.LegacyDecisionsByProposalKey} {
		it, err := store.Iterator(prefix, storetypes.PrefixEndBytes(prefix))
		if err != nil {
			return err
		}
		for ; it.Valid(); it.Next() {
			stale = append(stale, it.Key())
			if prefix[0] != types.LegacyDecisionsKey[0] {
				continue
			}
			var d types.Decision
			if err := m.k.cdc.Unmarshal(it.Value(), &d); err != nil {
				_ = it.Close()
				return err
			}
			d.Module = legacyDecisionModule
			moved = append(moved, d)
		}
		if err := it.Close(); err != nil {
			return err
		}
	}
	for _, key := range stale {
		if err := store.Delete(key); err != nil {
			return err
		}
	}
	for _, d := range moved {
		if err := m.k.Decisions.Set(ctx, decisionKey(d), d); err != nil {
			return err
		}
	}
	return nil
}
