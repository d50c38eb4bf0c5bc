package simulation

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// WeightMsgApplyProduct is the default weight of MsgApplyProduct (simsx key msg_apply_product).
const WeightMsgApplyProduct = 25

// Factories registers x/hashnft's factories. Only the miner's application so far: the market
// messages need a product, which needs the council's approval (a council-proposal factory).
func Factories(k keeper.Keeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_apply_product", WeightMsgApplyProduct), MsgApplyProductFactory(k))
}

// MsgApplyProductFactory has a random account apply to sell a FIL product: fixed price or
// auction, 1 to 100 NFTs of 1 to 8 TiB for 30 to 540 days.
func MsgApplyProductFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApplyProduct] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgApplyProduct) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		deposit := params.ApplicationDeposit
		from := data.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(deposit.Add(deposit)))
		// the deposit is held back from what the fees may take
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(deposit) {
			reporter.Skip("no account holds the application deposit")
			return nil, nil
		}
		r := data.Rand()
		msg := &types.MsgApplyProduct{
			Miner: from.AddressBech32, Chain: "FIL", NodeId: fmt.Sprintf("f0%d", 1000+r.Intn(100_000)),
			PowerUnit: "TiB", PowerPerNft: math.NewInt(int64(1 + r.Intn(8))), Count: uint64(1 + r.Intn(100)),
			TermDays: uint32(30 + r.Intn(511)), SaleMode: types.SALE_MODE_FIXED_PRICE,
			Price: sdk.NewInt64Coin("udmc", int64(1_000+r.Intn(1_000_000))),
			Disclosure: types.Disclosure{
				Name: "Sim Mining " + r.StringN(6), Registration: "SIM-" + r.StringN(4),
				Contact: "ops@sim.example", Uri: "https://sim.example",
			},
		}
		if r.Bool() {
			msg.SaleMode, msg.AuctionDuration = types.SALE_MODE_AUCTION, time.Duration(1+r.Intn(24))*time.Hour
		}
		cache, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
		if _, err := keeper.NewMsgServerImpl(k).ApplyProduct(cache, msg); err != nil {
			reporter.Skipf("application refused: %v", err)
			return nil, nil
		}
		return []simsx.SimAccount{from}, msg
	}
}
