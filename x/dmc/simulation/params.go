package simulation

import (
	"math/rand"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/dmc/types"
)

// RandomizedParams returns params that MsgUpdateParams accepts on a chain with current params,
// minted DMC mined so far and open farms: the genesis supply kept (it is history), a mining cap
// at or above what was mined and the max supply following it, a burn floor below the max, the
// three program shares adding up to 100%, and at least as many farms allowed as are open. The
// start height stays: the schedule is anchored where it began.
func RandomizedParams(r *rand.Rand, current types.Params, minted math.Int, openFarms uint32) types.Params {
	p := current
	p.MiningCap = minted.Add(types.DMC(r.Int63n(100_000_000)))
	p.MaxSupply = p.GenesisSupply.Add(p.MiningCap)
	p.BurnFloor = math.NewInt(r.Int63n(p.MaxSupply.Quo(types.DMC(1)).Int64() + 1)).Mul(types.DMC(1))
	p.InitialBlockReward = math.NewInt(1 + r.Int63n(types.DMC(10).Int64()))
	p.HalvingBlocks = uint64(1 + r.Int63n(10_000_000))
	p.BlocksPerDay = uint64(1 + r.Int63n(50_000))
	behavioral := uint32(r.Intn(10_001))
	liquidity := uint32(r.Intn(int(10_001 - behavioral)))
	p.BehavioralShareBps, p.LiquidityShareBps, p.StakedShareBps = behavioral, liquidity, 10_000-behavioral-liquidity
	p.MaxFarms = max(openFarms, 1) + uint32(r.Intn(100))
	p.MaxNftFarms = min(p.MaxNftFarms, p.MaxFarms)
	return p
}
