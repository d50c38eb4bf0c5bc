package keeper_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/runtime"

	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// newKeeper builds an escrow keeper on the app's store as app.New does, with the given market
// oracle and termination listeners (none given: x/hashnft's, as in the app).
func (f *fixture) newKeeper(o types.MarketOracle, listeners ...types.TerminationHooks) keeper.Keeper {
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper,
		a.AccountKeeper, a.BankKeeper, &a.EpochsKeeper, a.HashnftKeeper, a.HashnftKeeper, o)
	if len(listeners) == 0 {
		listeners = []types.TerminationHooks{a.HashnftKeeper.ProductEndHooks()}
	}
	for _, l := range listeners {
		k.RegisterTerminationHooks(l)
	}
	return k
}

// listener records the products it is told of, and fails with err if set.
type listener struct {
	name string
	log  *[]string
	err  error
}

func (l listener) BeforeProductTerminated(_ context.Context, productID uint64) error {
	*l.log = append(*l.log, l.name)
	return l.err
}

// The termination's listeners run in registration order, before the escrow's remainder is taken;
// the first error aborts the termination (the escrow stays as it was, later listeners do not
// run). One listener (x/hashnft's, as today) ends the product's sale.
func TestTerminationListeners(t *testing.T) {
	f := newFixture(t)
	p := f.product(10, 30, "f01234")
	f.buy(f.e.Accounts[1], p, 2)
	hk := f.e.App.HashnftKeeper

	var log []string
	boom := errors.New("insurance listener failed")
	ctx, _ := f.e.Ctx().CacheContext()
	k := f.newKeeper(nil, hk.ProductEndHooks(), listener{"lending", &log, nil}, listener{"insurance", &log, boom},
		listener{"risk fund", &log, nil})
	_, err := keeper.NewMsgServerImpl(k).TerminateEscrow(ctx, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p})
	if !errors.Is(err, boom) {
		t.Fatalf("a failing listener: got %v, want its error", err)
	}
	if want := []string{"lending", "insurance"}; !reflect.DeepEqual(log, want) {
		t.Fatalf("listeners run %v, want %v (in order, none after the failure)", log, want)
	}
	if e, err := k.Escrows.Get(ctx, p); err != nil || e.Status != types.ESCROW_STATUS_ACTIVE {
		t.Fatalf("escrow after an aborted termination: %s (%v), want active", e.Status, err)
	}

	log = nil
	ctx, _ = f.e.Ctx().CacheContext()
	k = f.newKeeper(nil, hk.ProductEndHooks(), listener{"lending", &log, nil}, listener{"risk fund", &log, nil})
	if _, err := keeper.NewMsgServerImpl(k).TerminateEscrow(ctx, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"lending", "risk fund"}; !reflect.DeepEqual(log, want) {
		t.Fatalf("listeners run %v, want %v", log, want)
	}
	if e, err := k.Escrows.Get(ctx, p); err != nil || e.Status != types.ESCROW_STATUS_TERMINATED {
		t.Fatalf("escrow: %s (%v), want terminated", e.Status, err)
	}
	prod, err := hk.GetProduct(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if prod.Status == hashnfttypes.PRODUCT_STATUS_ACTIVE {
		t.Fatalf("x/hashnft's listener left product %d %s", p, prod.Status)
	}
}

// MultiTerminationHooks with no listener does nothing; with several, the first error is returned.
func TestMultiTerminationHooks(t *testing.T) {
	var log []string
	if err := (types.MultiTerminationHooks{}).BeforeProductTerminated(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	first, second := errors.New("first"), errors.New("second")
	m := types.MultiTerminationHooks{listener{"a", &log, nil}, listener{"b", &log, first}, listener{"c", &log, second}}
	if err := m.BeforeProductTerminated(context.Background(), 1); !errors.Is(err, first) {
		t.Fatalf("got %v, want the first error", err)
	}
	if want := []string{"a", "b"}; !reflect.DeepEqual(log, want) {
		t.Fatalf("ran %v, want %v", log, want)
	}
}

// A keeper with no termination listener is a wiring error naming the registration; after the
// check, registering panics; the app's keeper is wired.
func TestEscrowCheckWiring(t *testing.T) {
	f := newFixture(t)
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper,
		a.AccountKeeper, a.BankKeeper, &a.EpochsKeeper, a.HashnftKeeper, a.HashnftKeeper, nil)
	err := k.CheckWiring()
	if err == nil || !strings.Contains(err.Error(), "no termination hooks registered (RegisterTerminationHooks") {
		t.Fatalf("unwired keeper: %v", err)
	}
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), "RegisterTerminationHooks after the app's wiring was checked") {
				t.Fatalf("registration after the check: recovered %v", r)
			}
		}()
		k.RegisterTerminationHooks(a.HashnftKeeper.ProductEndHooks())
	}()
	if err := a.EscrowKeeper.CheckWiring(); err != nil {
		t.Fatalf("the app's keeper: %v", err)
	}
}

// marketOf has data for one chain only.
type marketOf struct {
	chain string
	avg   int64
	err   error
}

func (o marketOf) MarketAverage(_ context.Context, chain, _ string) (math.LegacyDec, bool, error) {
	if chain != o.chain {
		return math.LegacyDec{}, false, nil
	}
	return math.LegacyNewDec(o.avg), true, o.err
}

// The first market oracle with data for the chain answers; none with data is ok=false; an error stops the read.
func TestMultiMarketOracle(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("store")
	m := types.MultiMarketOracle{marketOf{chain: "FIL", avg: 10}, marketOf{chain: "BTC", avg: 20}, marketOf{chain: "FIL", avg: 99},
		marketOf{chain: "ETH", err: boom}}
	for chain, want := range map[string]int64{"FIL": 10, "BTC": 20} {
		if avg, ok, err := m.MarketAverage(ctx, chain, "TiB"); err != nil || !ok || !avg.Equal(math.LegacyNewDec(want)) {
			t.Errorf("%s: %s %v %v, want %d", chain, avg, ok, err, want)
		}
	}
	if _, ok, err := m.MarketAverage(ctx, "DOGE", "MH/s"); ok || err != nil {
		t.Errorf("a chain no oracle has: ok=%v %v", ok, err)
	}
	if _, _, err := m.MarketAverage(ctx, "ETH", "MH/s"); !errors.Is(err, boom) {
		t.Errorf("a failing oracle: %v", err)
	}
}
