package keeper_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// fakeCustodian holds what is paid for the NFTs it is told to and records each Hold.
type fakeCustodian struct {
	holds bool
	calls []string
}

func (c *fakeCustodian) Holds(context.Context, types.NFT) (bool, error) { return c.holds, nil }
func (c *fakeCustodian) Hold(_ context.Context, id uint64, coins sdk.Coins) error {
	c.calls = append(c.calls, fmt.Sprintf("%d:%s", id, coins))
	return nil
}

// PayeeOf: the owner of an NFT that is unlocked, locked by a name with no custodian, or locked
// by a custodian that does not hold it (lending's open request); the custodian's module account
// otherwise. PayNFTHolder pays a custodian module to module and books the coins with it; anyone
// else as an account. A custodian is registered once, and not after the wiring check.
func TestCollateralCustodian(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(5, "100uusdt"))
	ids := f.buy(f.alice, pid, 2, "200uusdt")
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper, a.AccountKeeper, a.BankKeeper, a.DmcKeeper, nil)
	c := &fakeCustodian{}
	k.RegisterCollateralCustodian("lending", c)
	if msg := recoverMsg(func() { k.RegisterCollateralCustodian("lending", c) }); !strings.Contains(msg, "called twice for lending") {
		t.Fatalf("second registration: panic %q", msg)
	}
	custodianAcc := authtypes.NewModuleAddress("lending").String()
	if err := k.LockNFT(f.ctx, ids[0], f.alice.Addr, "lending"); err != nil {
		t.Fatal(err)
	}
	if err := k.LockNFT(f.ctx, ids[1], f.alice.Addr, "elsewhere"); err != nil {
		t.Fatal(err)
	}
	payee := func(id uint64) string {
		t.Helper()
		n, err := k.GetNFT(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		p, err := k.PayeeOf(f.ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	owner := f.alice.Addr.String()
	if got := payee(ids[0]); got != owner {
		t.Fatalf("locked by a custodian that does not hold it: payee %s, want the owner", got)
	}
	c.holds = true
	if got := payee(ids[0]); got != custodianAcc {
		t.Fatalf("held by the custodian: payee %s, want %s", got, custodianAcc)
	}
	if got := payee(ids[1]); got != owner {
		t.Fatalf("locked by a name with no custodian: payee %s, want the owner", got)
	}

	var sends []string
	send := func(_ context.Context, to sdk.AccAddress, module string, coins sdk.Coins) error {
		sends = append(sends, fmt.Sprintf("%s|%s|%s", to, module, coins))
		return nil
	}
	coins := sdk.NewCoins(sdk.NewInt64Coin("uusdt", 9))
	if err := k.PayNFTHolder(f.ctx, ids[0], custodianAcc, coins, send); err != nil {
		t.Fatal(err)
	}
	if err := k.PayNFTHolder(f.ctx, ids[1], owner, coins, send); err != nil {
		t.Fatal(err)
	}
	if err := k.PayNFTHolder(f.ctx, ids[1], owner, sdk.NewCoins(), send); err != nil {
		t.Fatal(err)
	}
	want := []string{custodianAcc + "|lending|9uusdt", owner + "||9uusdt"}
	if fmt.Sprint(sends) != fmt.Sprint(want) {
		t.Fatalf("sends %v, want %v (nothing sent for no coins)", sends, want)
	}
	if fmt.Sprint(c.calls) != fmt.Sprintf("[%d:9uusdt]", ids[0]) {
		t.Fatalf("custodian booked %v, want only NFT %d's 9uusdt", c.calls, ids[0])
	}
	if err := k.PayNFTHolder(f.ctx, ids[1], "not-an-address", coins, send); !types.ErrInvalidAddress.Is(err) {
		t.Fatalf("a bad payee: %v", err)
	}

	_ = k.CheckWiring()
	if msg := recoverMsg(func() { k.RegisterCollateralCustodian("other", c) }); !strings.Contains(msg, "after the app's wiring was checked") {
		t.Fatalf("registration after the check: panic %q", msg)
	}
}
