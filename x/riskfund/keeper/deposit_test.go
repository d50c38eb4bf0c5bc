package keeper_test

import (
	"context"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

// SendCoinsFromModuleToModule: another module's account (by name) into the fund's.
func (b *fakeBank) SendCoinsFromModuleToModule(_ context.Context, from, _ string, amt sdk.Coins) error {
	return b.move(authtypes.NewModuleAddress(from), modAddr, amt)
}

// DepositFromModule (modaccounts.RiskFundLedger) moves the coins and credits the books in one
// step; an empty or invalid amount and a module short of funds change nothing.
func TestDepositFromModule(t *testing.T) {
	f := setup(t)
	from := authtypes.NewModuleAddress("hashnft")
	f.bank.bal[from.String()] = sdk.NewCoins(sdk.NewInt64Coin(denom, 500), sdk.NewInt64Coin("udmc", 7))
	before := f.books(t).Balance

	if err := f.k.DepositFromModule(f.ctx, "hashnft", sdk.NewCoins(sdk.NewInt64Coin(denom, 300), sdk.NewInt64Coin("udmc", 7)), "rejected_deposit:application/1"); err != nil {
		t.Fatal(err)
	}
	if got := f.books(t).Balance.Sub(before).Int64(); got != 300 {
		t.Fatalf("uusdt books grew by %d, want 300", got)
	}
	dmc, err := f.k.Books.Get(f.ctx, "udmc")
	if err != nil || dmc.Balance.Int64() != 7 {
		t.Fatalf("udmc books %v (%v), want a balance of 7", dmc, err)
	}
	f.checkBooks(t)

	for _, c := range []struct {
		name  string
		coins sdk.Coins
	}{
		{"empty", sdk.NewCoins()},
		{"more than the module holds", sdk.NewCoins(sdk.NewInt64Coin(denom, 201))},
		{"invalid", sdk.Coins{sdk.Coin{Denom: "!", Amount: sdk.NewInt64Coin(denom, 1).Amount}}},
	} {
		cache, _ := f.ctx.CacheContext()
		if err := f.k.DepositFromModule(cache, "hashnft", c.coins, "x"); err == nil {
			t.Fatalf("%s: accepted", c.name)
		}
	}
	if err := f.k.DepositFromModule(f.ctx, "hashnft", sdk.NewCoins(), "x"); !types.ErrInvalidAmount.Is(err) {
		t.Fatalf("empty deposit: %v, want ErrInvalidAmount", err)
	}
	f.checkBooks(t)
}
