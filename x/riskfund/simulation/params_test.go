package simulation_test

import (
	"math/rand"
	"testing"

	"github.com/dmexchain/dmex/x/riskfund/simulation"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// Every draw is valid, and the draws reach the bounds' corners (no premium; premium + cap at
// 100%; a capacity of the whole fund; one round step a block).
func TestRandomizedParamsAreValid(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	var noPremium, fullCap, fullCapacity, oneRound bool
	for i := 0; i < 20_000; i++ {
		p := simulation.RandomizedParams(r)
		if err := p.Validate(); err != nil {
			t.Fatalf("draw %d: %v (%+v)", i, err, p)
		}
		if p.CapacityBps < 1_000 {
			t.Fatalf("draw %d: capacity_bps %d below 1000", i, p.CapacityBps)
		}
		noPremium = noPremium || p.PremiumBps == 0
		fullCap = fullCap || p.PremiumBps+p.SurchargeCapBps == types.MaxBps
		fullCapacity = fullCapacity || p.CapacityBps == types.MaxBps
		oneRound = oneRound || p.RoundsPerBlock == 1
	}
	if !noPremium || !fullCap || !fullCapacity || !oneRound {
		t.Fatalf("corners not reached: no premium %v, premium+cap 100%% %v, capacity 100%% %v, one round %v", noPremium, fullCap, fullCapacity, oneRound)
	}
}
