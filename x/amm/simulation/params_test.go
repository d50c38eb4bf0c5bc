package simulation_test

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dmexchain/dmex/x/amm/simulation"
	"github.com/dmexchain/dmex/x/amm/types"
)

// Every draw is valid, accepts udmc and at least one other denom every simulation account holds,
// and fits a short simulation; the draws reach every accepted denom alone beside udmc and all of
// them together, both fee denoms and a zero fee, no protocol share and all of it, one slice and
// a buyback at any price.
func TestRandomizedParamsAreValid(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	held := []string{"aifil", "uhbtc", "uht", "uhusd", "uusdt"}
	alone := map[string]bool{}
	var all, dmcFee, usdtFee, zeroFee, noProtocol, fullProtocol, oneSlice, anyPrice bool
	for i := 0; i < 20_000; i++ {
		p := simulation.RandomizedParams(r)
		if err := p.Validate(); err != nil {
			t.Fatalf("draw %d: %v (%+v)", i, err, p)
		}
		if !p.Accepts(types.DMCDenom) || len(p.AcceptedDenoms) < 2 {
			t.Fatalf("draw %d: accepted denoms %v: want udmc and another", i, p.AcceptedDenoms)
		}
		for _, d := range p.AcceptedDenoms {
			if d != types.DMCDenom && !slices.Contains(held, d) {
				t.Fatalf("draw %d: accepted denom %s is not held by the simulation's accounts", i, d)
			}
		}
		if p.TwapHistory < 2*time.Hour || p.TwapHistory > 96*time.Hour || p.BuybackDuration > 96*time.Hour {
			t.Fatalf("draw %d: twap history %s, buyback duration %s: outside 2h..96h and ..96h", i, p.TwapHistory, p.BuybackDuration)
		}
		if p.PoolCreationFee.Amount.Int64() > 20_000_000 {
			t.Fatalf("draw %d: creation fee %s above 20 units", i, p.PoolCreationFee)
		}
		if len(p.AcceptedDenoms) == 2 {
			alone[p.AcceptedDenoms[1]] = true
		}
		all = all || len(p.AcceptedDenoms) == 1+len(held)
		dmcFee = dmcFee || p.PoolCreationFee.Denom == types.DMCDenom
		usdtFee = usdtFee || p.PoolCreationFee.Denom == "uusdt"
		zeroFee = zeroFee || p.PoolCreationFee.IsZero()
		noProtocol = noProtocol || p.ProtocolFeeBps == 0
		fullProtocol = fullProtocol || p.ProtocolFeeBps == types.MaxBps
		oneSlice = oneSlice || p.BuybackSlices == 1
		anyPrice = anyPrice || p.BuybackMaxDeviationBps == types.MaxBps
	}
	for _, d := range held {
		if !alone[d] {
			t.Errorf("%s never drawn as the only denom beside udmc (drawn: %s)", d, strings.Join(keys(alone), ","))
		}
	}
	if !all || !dmcFee || !usdtFee || !zeroFee || !noProtocol || !fullProtocol || !oneSlice || !anyPrice {
		t.Errorf("corners not reached: all denoms %v, udmc fee %v, uusdt fee %v, zero fee %v, no protocol share %v, all of it %v, one slice %v, any price %v",
			all, dmcFee, usdtFee, zeroFee, noProtocol, fullProtocol, oneSlice, anyPrice)
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
