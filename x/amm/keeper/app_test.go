package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/amm/types"
)

// appPool reads pool id on the chain's last committed state.
func appPool(t *testing.T, e *testutil.Env, id uint64) types.Pool {
	t.Helper()
	p, err := e.App.AmmKeeper.GetPool(e.Ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func appBalance(e *testutil.Env, who *testutil.Account, denom string) math.Int {
	return e.App.BankKeeper.GetBalance(e.Ctx(), who.Addr, denom).Amount
}

// Through the real app, every module's books checked after every block: the only provider of a
// pool exits all its shares. The pool keeps the part of each reserve the locked minimum holds
// (shares = locked shares, none of them in anyone's hands), the chain exports and imports, and a
// new provider joins at the pool's ratio.
func TestLastProviderExitsEverything(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	alice, bob := e.Accounts[0], e.Accounts[1]
	e.MustDeliver(alice, &types.MsgCreatePool{
		Creator: alice.Addr.String(), TokenA: sdk.NewInt64Coin("udmc", 1_000_000), TokenB: sdk.NewInt64Coin("uusdt", 4_000_000),
	})
	// floor(sqrt(4×10^12)) = 2,000,000 shares, 1,000 locked: alice holds 1,999,000 and exits them
	// all for floor(1,999,000 × 10^6 / 2×10^6) = 999,500udmc and 3,998,000uusdt.
	usdt0 := appBalance(e, alice, "uusdt")
	e.MustDeliver(alice, &types.MsgExitPool{Sender: alice.Addr.String(), PoolId: 1, Shares: math.NewInt(1_999_000)})
	if got := appBalance(e, alice, "uusdt").Sub(usdt0); !got.Equal(math.NewInt(3_998_000)) {
		t.Fatalf("alice's exit paid %suusdt, want 3998000", got)
	}
	p := appPool(t, e, 1)
	if !p.ReserveA.Equal(math.NewInt(500)) || !p.ReserveB.Equal(math.NewInt(2_000)) || !p.Shares.Equal(math.NewInt(1_000)) || !p.LockedShares.Equal(math.NewInt(1_000)) {
		t.Fatalf("pool after the last exit: %v", p)
	}
	if s := e.App.BankKeeper.GetSupply(e.Ctx(), types.ShareDenom(1)); !s.IsZero() {
		t.Fatalf("share supply after the last exit: %s", s)
	}
	e = e.RoundTrip()
	bob = e.Accounts[1]
	// 1,000udmc and 4,000uusdt buy min(1000×1000/500, 4000×1000/2000) = 2,000 shares at the ratio.
	e.MustDeliver(bob, &types.MsgJoinPool{
		Sender: bob.Addr.String(), PoolId: 1, MaxA: sdk.NewInt64Coin("udmc", 1_000), MaxB: sdk.NewInt64Coin("uusdt", 4_000), MinShares: math.NewInt(2_000),
	})
	if got := appBalance(e, bob, types.ShareDenom(1)); !got.Equal(math.NewInt(2_000)) {
		t.Fatalf("bob's shares after joining the emptied pool: %s", got)
	}
}
