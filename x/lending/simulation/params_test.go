package simulation_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/dmexchain/dmex/x/lending/simulation"
	"github.com/dmexchain/dmex/x/lending/types"
)

// Every draw is valid, keeps aifil as the collateral denom, and is short enough for a loan to
// mature and foreclose within a short simulation; the draws reach each principal denom alone and
// both together, no grace, and one loan per offer.
func TestRandomizedParamsAreValid(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	seen := map[string]bool{}
	var noGrace, oneLoan bool
	for i := 0; i < 20_000; i++ {
		p := simulation.RandomizedParams(r)
		if err := p.Validate(); err != nil {
			t.Fatalf("draw %d: %v (%+v)", i, err, p)
		}
		if p.CollateralDenom != types.DefaultParams().CollateralDenom {
			t.Fatalf("draw %d: collateral denom %q", i, p.CollateralDenom)
		}
		if p.MaxTerm < 6*time.Hour || p.MaxTerm > 96*time.Hour || p.Grace > 24*time.Hour {
			t.Fatalf("draw %d: max term %s, grace %s: outside 6h..96h and 0..24h", i, p.MaxTerm, p.Grace)
		}
		key := ""
		for _, d := range p.PrincipalDenoms {
			key += d + ","
		}
		seen[key] = true
		noGrace = noGrace || p.Grace < time.Minute
		oneLoan = oneLoan || p.MaxLoansPerOffer == 1
	}
	for _, want := range []string{"uusdt,", "uhusd,", "uusdt,uhusd,"} {
		if !seen[want] {
			t.Errorf("principal denoms %q never drawn (seen %v)", want, seen)
		}
	}
	if !noGrace || !oneLoan {
		t.Errorf("corners not reached: grace under a minute %v, one loan per offer %v", noGrace, oneLoan)
	}
}
