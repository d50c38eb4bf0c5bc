package keeper_test

import (
	"errors"
	"strings"
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/dmc/types"
)

func (f *fixture) supply() math.Int {
	return f.e.App.BankKeeper.GetSupply(f.ctx, types.Denom).Amount
}

func (f *fixture) burned() math.Int {
	f.t.Helper()
	res, err := f.query.Supply(f.ctx, &types.QuerySupplyRequest{})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Burned
}

// fundBuyback gives the buyback account amt udmc from an account (as a bought slice would be).
func (f *fixture) fundBuyback(amt int64) {
	f.t.Helper()
	if err := f.e.App.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.e.Accounts[0].Addr, modaccounts.AmmBuyback,
		sdk.NewCoins(sdk.NewInt64Coin(types.Denom, amt))); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) room() math.Int {
	f.t.Helper()
	r, err := f.k.BurnRoom(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// The room is the supply above the burn floor, and zero at or below it.
func TestBurnRoomIsTheSupplyAboveTheFloor(t *testing.T) {
	f := newFixture(t)
	p, _ := f.k.Params.Get(f.ctx)
	if got, want := f.room(), f.supply().Sub(p.BurnFloor); !got.Equal(want) || !want.IsPositive() {
		t.Fatalf("room %s, want supply %s - floor %s = %s", got, f.supply(), p.BurnFloor, want)
	}
	for _, tc := range []struct {
		name  string
		floor math.Int
		want  math.Int
	}{
		{"floor 7 below the supply", f.supply().SubRaw(7), math.NewInt(7)},
		{"floor at the supply", f.supply(), math.ZeroInt()},
		{"floor above the supply", f.supply().AddRaw(1), math.ZeroInt()},
	} {
		f.params(func(p *types.Params) { p.BurnFloor = tc.floor })
		if got := f.room(); !got.Equal(tc.want) {
			t.Errorf("%s: room %s, want %s", tc.name, got, tc.want)
		}
	}
}

// A burn takes the coins out of the module and the supply, adds them to burned (the supply
// query shows it) and leaves supply = genesis + minted - burned; the room shrinks by as much.
func TestBurnFromModuleIsRecorded(t *testing.T) {
	f := newFixture(t)
	f.mine() // some DMC minted too, so the books check covers both sides
	f.fundBuyback(1_000)
	supply, burned, room := f.supply(), f.burned(), f.room()
	buyback := authtypes.NewModuleAddress(modaccounts.AmmBuyback)

	if err := f.k.BurnFromModule(f.ctx, modaccounts.AmmBuyback, math.NewInt(600)); err != nil {
		t.Fatal(err)
	}
	if got := supply.Sub(f.supply()); !got.Equal(math.NewInt(600)) {
		t.Fatalf("supply fell by %s, want 600", got)
	}
	if got := f.burned().Sub(burned); !got.Equal(math.NewInt(600)) {
		t.Fatalf("burned rose by %s, want 600", got)
	}
	if got := room.Sub(f.room()); !got.Equal(math.NewInt(600)) {
		t.Fatalf("room fell by %s, want 600", got)
	}
	if held := f.e.App.BankKeeper.GetBalance(f.ctx, buyback, types.Denom).Amount; !held.Equal(math.NewInt(400)) {
		t.Fatalf("buyback account holds %s, want 400", held)
	}
	f.check()
}

// A burn across the floor, of nothing, by a module that may not burn or does not hold the
// amount is refused with the values named, and changes no store.
func TestBurnFromModuleRefusals(t *testing.T) {
	f := newFixture(t)
	f.fundBuyback(1_000)
	// The floor leaves room for 100 only.
	f.params(func(p *types.Params) { p.BurnFloor = f.supply().SubRaw(100) })

	for _, tc := range []struct {
		name   string
		module string
		amount math.Int
		err    error
		names  string
	}{
		{"across the floor", modaccounts.AmmBuyback, math.NewInt(101), types.ErrBurnRefused, "below the burn floor"},
		{"zero", modaccounts.AmmBuyback, math.ZeroInt(), types.ErrInvalidAmount, "0udmc"},
		{"negative", modaccounts.AmmBuyback, math.NewInt(-1), types.ErrInvalidAmount, "-1udmc"},
		{"nil", modaccounts.AmmBuyback, math.Int{}, types.ErrInvalidAmount, "positive"},
		{"a module without the burner permission", modaccounts.Foundation, math.NewInt(1), types.ErrBurnRefused, "may not burn"},
		{"not a module", "nosuchmodule", math.NewInt(1), types.ErrBurnRefused, "not a module account"},
		{"more than the module holds", modaccounts.AmmBuyback, math.NewInt(1_001), types.ErrBurnRefused, "holds 1000udmc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := testutil.StoreHashes(f.e.App, f.ctx)
			err := f.k.BurnFromModule(f.ctx, tc.module, tc.amount)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.names) {
				t.Fatalf("error %v, want %v naming %q", err, tc.err, tc.names)
			}
			if changed := testutil.ChangedStores(before, testutil.StoreHashes(f.e.App, f.ctx)); len(changed) > 0 {
				t.Fatalf("stores changed: %v", changed)
			}
		})
	}
	// Exactly the room may go; the floor is then reached and nothing more.
	if err := f.k.BurnFromModule(f.ctx, modaccounts.AmmBuyback, math.NewInt(100)); err != nil {
		t.Fatal(err)
	}
	if !f.room().IsZero() {
		t.Fatalf("room %s after burning it all", f.room())
	}
	if err := f.k.BurnFromModule(f.ctx, modaccounts.AmmBuyback, math.NewInt(1)); !errors.Is(err, types.ErrBurnRefused) {
		t.Fatalf("a burn at the floor: %v", err)
	}
	f.check()
}

// RevenueBalances lists the positive balances in denom order, at most limit.
func TestRevenueBalancesArePositiveAndBounded(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	for _, c := range []string{"30uusdt", "5uht", "7udmc"} {
		if err := f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, a.Addr, rcoin(c)); err != nil {
			t.Fatal(err)
		}
	}
	// uht's balance goes back to zero: it is not listed.
	if err := f.k.SpendRevenue(f.ctx, modaccounts.UseAuthoritySpend, a.Addr, rcoin("5uht")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		limit int
		want  string
	}{{10, "7udmc,30uusdt"}, {2, "7udmc,30uusdt"}, {1, "7udmc"}, {0, ""}, {-1, ""}} {
		got, err := f.k.RevenueBalances(f.ctx, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != tc.want || got.Validate() != nil {
			t.Errorf("limit %d: %q, want %q", tc.limit, got, tc.want)
		}
	}
}
