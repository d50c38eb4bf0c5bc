package simulation

import (
	"math/rand"
	"time"

	"github.com/dmexchain/dmex/x/lending/types"
)

// simPrincipalDenoms are the denoms the simulation lends: the demo stable coins every
// simulation account holds (testutil.DemoCoins).
var simPrincipalDenoms = []string{"uusdt", "uhusd"}

// RandomizedParams returns valid params drawn at random, short enough that loans mature and
// foreclose within a simulation of 50 to 500 blocks (the SDK simulation's blocks are 5,000 to
// 10,000 s apart, about 4 days per 50 blocks): a max term of 6 h to 4 days, 0 to 24 h of grace, a
// fee of 0 to 20% of the interest, 1 to 100 loans per offer, 1 to 20 NFTs per request and 1 to
// 100 queue items per block. The principal denoms are a non-empty subset of uusdt and uhusd;
// the collateral denom stays the default's (aifil), which cannot change while any is held.
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.PrincipalDenoms = nil
	for len(p.PrincipalDenoms) == 0 {
		for _, d := range simPrincipalDenoms {
			if r.Intn(3) > 0 {
				p.PrincipalDenoms = append(p.PrincipalDenoms, d)
			}
		}
	}
	p.FeeBps = uint32(r.Intn(2_001))
	p.MaxTerm = 6*time.Hour + time.Duration(r.Int63n(int64(90*time.Hour)+1))
	p.Grace = time.Duration(r.Int63n(int64(24*time.Hour) + 1))
	p.MaxLoansPerOffer = uint32(1 + r.Intn(100))
	p.MaxNftsPerLoan = uint32(1 + r.Intn(20))
	p.ForeclosuresPerBlock = uint32(1 + r.Intn(100))
	p.ExpiriesPerBlock = uint32(1 + r.Intn(100))
	return p
}
