package simulation_test

import (
	"math/rand"
	"testing"

	"github.com/dmexchain/dmex/x/escrow/simulation"
)

func TestRandomizedParamsAreValid(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	for i := 0; i < 1_000; i++ {
		p := simulation.RandomizedParams(r)
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		if d, ok := p.RewardDenom("FIL"); !ok || d != "aifil" {
			t.Fatalf("FIL rewards in %q (%v), want aifil", d, ok)
		}
	}
}
