package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/types"
)

// simOtherDenoms are the denoms besides udmc that every simulation account holds
// (testutil.DemoCoins); the pools are drawn among them and udmc.
var simOtherDenoms = []string{"aifil", "uhbtc", "uht", "uhusd", "uusdt"}

// maxSimCreationFee bounds the random pool creation fee (20 DMC, or 20 units of a 6-decimal
// stable coin): every account holds 1,000 DMC, which x/hashnft's applications also need.
const maxSimCreationFee = 20_000_000

// RandomizedParams returns valid params drawn at random for a simulation of 50 to 500 blocks
// (the SDK simulation's blocks are 5,000 to 10,000 s apart):
//   - accepted denoms: udmc and a non-empty random subset of the denoms every account holds
//     (sometimes all of them), so that pools can always be made and the buyback has udmc;
//   - a creation fee of 0 (a fifth of the draws) or up to 20 units, in udmc or uusdt (a uusdt fee
//     is revenue the buyback swaps);
//   - swap fees: min 1 to 30 bps, max from min to 1,000 (the hard bound), the default between;
//   - a protocol share of the swap fee of 0 (a third of the draws), all of it (a sixth) or 1 to
//     10,000 bps;
//   - 1 to 100,000 locked shares;
//   - 2 h to 4 days of TWAP history, a buyback TWAP window of 10 min to min(history, 6 h);
//   - a buyback of 10% to 100% of revenue over 6 h to 4 days in 1 to 500 slices, 1 to 50 a block,
//     each within 50 to 2,000 bps of the TWAP (one draw in ten: any price, 10,000 bps).
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.AcceptedDenoms = []string{types.DMCDenom}
	all := r.Intn(4) == 0
	for len(p.AcceptedDenoms) < 2 {
		for _, d := range simOtherDenoms {
			if all || r.Intn(2) == 0 {
				p.AcceptedDenoms = append(p.AcceptedDenoms, d)
			}
		}
	}
	feeDenom := types.DMCDenom
	if r.Intn(3) == 0 {
		feeDenom = "uusdt"
	}
	fee := int64(0)
	if r.Intn(5) > 0 {
		fee = 1 + r.Int63n(maxSimCreationFee)
	}
	p.PoolCreationFee = sdk.NewCoin(feeDenom, math.NewInt(fee))
	p.MinSwapFeeBps = uint32(1 + r.Intn(30))
	p.MaxSwapFeeBps = p.MinSwapFeeBps + uint32(r.Intn(int(types.MaxSwapFeeBps-p.MinSwapFeeBps)+1))
	p.DefaultSwapFeeBps = p.MinSwapFeeBps + uint32(r.Intn(int(p.MaxSwapFeeBps-p.MinSwapFeeBps)+1))
	switch r.Intn(6) {
	case 0, 1:
		p.ProtocolFeeBps = 0
	case 2:
		p.ProtocolFeeBps = types.MaxBps
	default:
		p.ProtocolFeeBps = uint32(1 + r.Intn(types.MaxBps))
	}
	p.MinimumLiquidity = math.NewInt(1 + r.Int63n(100_000))
	p.TwapHistory = 2*time.Hour + time.Duration(r.Int63n(int64(94*time.Hour)+1))
	maxWindow := min(p.TwapHistory, 6*time.Hour)
	p.BuybackTwapWindow = 10*time.Minute + time.Duration(r.Int63n(int64(maxWindow-10*time.Minute)+1))
	p.BuybackBps = uint32(1_000 + r.Intn(types.MaxBps-1_000+1))
	p.BuybackDuration = 6*time.Hour + time.Duration(r.Int63n(int64(90*time.Hour)+1))
	p.BuybackSlices = uint32(1 + r.Intn(500))
	p.BuybackSlicesPerBlock = uint32(1 + r.Intn(50))
	p.BuybackMaxDeviationBps = uint32(50 + r.Intn(1_951))
	if r.Intn(10) == 0 {
		p.BuybackMaxDeviationBps = types.MaxBps
	}
	return p
}
