package simulation_test

import (
	"math/rand"
	"testing"

	"github.com/dmexchain/dmex/x/hashnft/simulation"
)

func TestRandomizedParamsAreValid(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	for i := 0; i < 1_000; i++ {
		if err := simulation.RandomizedParams(r).Validate(); err != nil {
			t.Fatal(err)
		}
	}
}
