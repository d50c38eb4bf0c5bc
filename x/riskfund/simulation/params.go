package simulation

import (
	"math/rand"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

// RandomizedParams returns valid params with every figure drawn at random within its bounds:
// a premium of 0 to 20% (now and then none at all), a surcharge cap that keeps premium + cap
// within 100%, a capacity of 10% to 100% of the fund (a lower one would refuse almost every
// policy), a waiting period of 0 to 14 days and 1 to 200 round steps a block.
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.PremiumBps = uint32(r.Intn(2_001))
	p.SurchargeCapBps = uint32(r.Intn(int(types.MaxBps-p.PremiumBps) + 1))
	p.SurchargeBpsPerMissedDay = uint32(r.Intn(501))
	p.CapacityBps = uint32(1_000 + r.Intn(types.MaxBps-1_000+1))
	p.WaitingDays = uint32(r.Intn(15))
	p.RoundsPerBlock = uint32(1 + r.Intn(200))
	return p
}
