package simulation_test

import (
	"context"
	"errors"
	"math/rand"
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/simulation"
	"github.com/dmexchain/dmex/x/hashnft/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// numbers is a map of n entries, key i → i, in a fresh store.
func numbers(t *testing.T, n int) (context.Context, collections.Map[uint64, uint64]) {
	t.Helper()
	key := storetypes.NewKVStoreKey("pick")
	ctx := sdktestutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("tpick")).Ctx
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(key))
	m := collections.NewMap(sb, collections.NewPrefix(1), "numbers", collections.Uint64Key, collections.Uint64Value)
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if err := m.Set(ctx, uint64(i), uint64(i)); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, m
}

func TestPickReadsAtMostMaxVisits(t *testing.T) {
	ctx, m := numbers(t, 1_000)
	r := simsx.NewXRand(rand.New(rand.NewSource(1)))
	for run := 0; run < 20; run++ {
		read := 0
		got := simulation.Pick(ctx, r, m.Iterate, 0, func(uint64) bool { read++; return true })
		if read != simulation.MaxVisits || len(got) != simulation.MaxVisits {
			t.Fatalf("run %d: read %d records and took %d, want %d of each", run, read, len(got), simulation.MaxVisits)
		}
	}
}

func TestPickWrapsAroundAndFilters(t *testing.T) {
	ctx, m := numbers(t, 50)
	r := simsx.NewXRand(rand.New(rand.NewSource(2)))
	for run := 0; run < 20; run++ {
		got := simulation.Pick(ctx, r, m.Iterate, 0, func(v uint64) bool { return v%2 == 0 })
		if len(got) != 25 {
			t.Fatalf("run %d: %d even numbers of 1..50 found, want all 25 (the walk wraps around)", run, len(got))
		}
		seen := map[uint64]bool{}
		for _, v := range got {
			if v%2 != 0 || seen[v] {
				t.Fatalf("run %d: %v has an odd or a repeated number", run, got)
			}
			seen[v] = true
		}
	}
	if _, ok := simulation.PickOne(ctx, r, m.Iterate, func(v uint64) bool { return v > 50 }); ok {
		t.Fatal("PickOne found a record nothing accepts")
	}
	empty, e := numbers(t, 0)
	if got := simulation.Pick(empty, r, e.Iterate, 0, func(uint64) bool { return true }); len(got) != 0 {
		t.Fatalf("an empty map gave %v", got)
	}
}

func TestRefusedChecksErrorAndState(t *testing.T) {
	state := "a"
	check := simulation.Refused(types.ErrNotOwner, func() string { return state })
	if err := check(nil); err == nil {
		t.Fatal("an accepted message passed as refused")
	}
	if err := check(types.ErrNotListed.Wrap("x")); err == nil {
		t.Fatal("a message refused with another error passed")
	}
	if err := check(errors.Join(errors.New("tx failed"), types.ErrNotOwner.Wrap("NFT 1"))); err != nil {
		t.Fatalf("the expected refusal failed: %v", err)
	}
	state = "b"
	if err := check(types.ErrNotOwner.Wrap("NFT 1")); err == nil {
		t.Fatal("a refusal that changed the state passed")
	}
}

func TestSimNodeIDsAreFilecoinIDs(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	seen := map[string]bool{}
	for i := 0; i < 1_000; i++ {
		addr := make(sdk.AccAddress, 20)
		r.Read(addr)
		for n := 0; n < simulation.SimNodesPerAccount; n++ {
			id := simulation.SimNodeID(addr, n)
			if err := oracletypes.ValidateNodeID(id); err != nil {
				t.Fatal(err)
			}
			if seen[id] {
				t.Fatalf("node id %s given twice", id)
			}
			seen[id] = true
		}
	}
	if err := oracletypes.ValidateNodeID(simulation.SimNodeID(make(sdk.AccAddress, 20), 0)); err != nil {
		t.Fatalf("the zero address's node: %v", err)
	}
}
