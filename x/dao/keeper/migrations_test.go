package keeper_test

import (
	"encoding/binary"
	"testing"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// Version 1's decisions, keyed by application id at prefix 3 and indexed at 4, move to
// ("hashnft", application id) at 7, with the proposal index, and the old prefixes are emptied.
func TestMigrate1to2MovesDecisions(t *testing.T) {
	h := newHooksEnv(t)
	ctx := h.Ctx()
	store := ctx.KVStore(h.App.GetKey(daotypes.StoreKey))
	legacy := map[uint64]daotypes.Decision{
		4: {ItemId: 4, Kind: daotypes.PROPOSAL_KIND_GROUP, ProposalId: 9, Outcome: daotypes.DECISION_OUTCOME_OPEN},
		7: {ItemId: 7, Kind: daotypes.PROPOSAL_KIND_GOV, ProposalId: 2, Outcome: daotypes.DECISION_OUTCOME_APPROVED},
	}
	for _, id := range []uint64{4, 7} {
		d := legacy[id]
		bz, err := h.App.AppCodec().Marshal(&d)
		if err != nil {
			t.Fatal(err)
		}
		store.Set(binary.BigEndian.AppendUint64([]byte{3}, id), bz)
		idx := binary.BigEndian.AppendUint32([]byte{4}, uint32(d.Kind)^0x80000000) // Int32Key's order-preserving form
		idx = binary.BigEndian.AppendUint64(idx, d.ProposalId)
		store.Set(binary.BigEndian.AppendUint64(idx, id), []byte{})
	}
	if err := keeper.NewMigrator(h.App.DaoKeeper).Migrate1to2(ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range []byte{3, 4} {
		it := store.Iterator([]byte{p}, []byte{p + 1})
		if it.Valid() {
			t.Fatalf("prefix %d still holds %x", p, it.Key())
		}
		it.Close()
	}
	for _, id := range []uint64{4, 7} {
		want := legacy[id]
		want.Module = hashnfttypes.ModuleName
		got, err := h.App.DaoKeeper.Decisions.Get(ctx, collections.Join(hashnfttypes.ModuleName, id))
		if err != nil || got != want {
			t.Fatalf("application %d after the migration: %v (%v), want %v", id, got, err, want)
		}
		ds, err := h.App.DaoKeeper.DecisionsOf(ctx, want.Kind, want.ProposalId, false)
		if err != nil || len(ds) != 1 || ds[0] != want {
			t.Fatalf("decisions of %s %d: %v (%v)", want.Kind, want.ProposalId, ds, err)
		}
	}
}
