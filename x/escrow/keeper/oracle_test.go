package keeper_test

import (
	"context"
	"strings"
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// marketAt is an oracle whose market average is avg per TiB per day.
type marketAt struct{ avg math.LegacyDec }

func (m marketAt) MarketAverage(context.Context, string, string) (math.LegacyDec, bool, error) {
	return m.avg, true, nil
}

// With market data, 7 consecutive days whose deposit per TiB is more than 20% below the market
// average suspend the release; a day at 80% of the market does not count. Without data (the
// default oracle) the same deposits never suspend.
func TestBelowMarketSuspends(t *testing.T) {
	f := newFixture(t)
	p := f.product(10, 30, "f04444")
	f.buy(f.e.Accounts[1], p, 5) // 20 TiB
	run := func(k keeper.Keeper, perDay []int64) types.ProductEscrow {
		ctx, _ := f.e.Ctx().CacheContext()
		ms := keeper.NewMsgServerImpl(k)
		e, err := k.Escrows.Get(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		day := e.NextDay
		for _, amt := range perDay {
			if _, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: f.miner.Addr.String(), ProductId: p, Amount: sdk.NewInt64Coin("aifil", amt)}); err != nil {
				t.Fatal(err)
			}
			if err := k.CurrentDay.Set(ctx, day); err != nil {
				t.Fatal(err)
			}
			if err := k.CloseDueDays(ctx); err != nil {
				t.Fatal(err)
			}
			day++
		}
		e, err = k.Escrows.Get(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	withMarket := f.newKeeper(marketAt{avg: math.LegacyNewDec(1000)})
	// 20 TiB × 1000 = 20,000 a day is the market; 15,999 is more than 20% below, 16,000 is not.
	below := []int64{15_999, 15_999, 15_999, 15_999, 15_999, 15_999}
	if e := run(withMarket, append(below, 16_000)); e.Status != types.ESCROW_STATUS_ACTIVE || e.BelowMarketDaysInRow != 0 {
		t.Fatalf("six days below, then one at 80%%: %s, %d days below in a row", e.Status, e.BelowMarketDaysInRow)
	}
	e := run(withMarket, append(below, 15_999))
	if e.Status != types.ESCROW_STATUS_SUSPENDED || !strings.Contains(e.StatusReason, "below the market average for 7 consecutive days") {
		t.Fatalf("seven days below the market: %s (%q)", e.Status, e.StatusReason)
	}
	if e := run(f.e.App.EscrowKeeper, append(below, 15_999)); e.Status != types.ESCROW_STATUS_ACTIVE {
		t.Fatalf("without market data: %s (%q)", e.Status, e.StatusReason)
	}
}
