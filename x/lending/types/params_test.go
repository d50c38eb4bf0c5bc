package types_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/lending/types"
)

func TestFeeRoundsUp(t *testing.T) {
	for _, tc := range []struct{ interest, bps, want int64 }{
		{100, 1000, 10}, {101, 1000, 11}, {1, 1, 1}, {0, 1000, 0}, {9999, 10_000, 9999}, {3, 0, 0},
	} {
		if got := types.Fee(math.NewInt(tc.interest), uint32(tc.bps)); !got.Equal(math.NewInt(tc.want)) {
			t.Fatalf("Fee(%d, %d) = %s, want %d", tc.interest, tc.bps, got, tc.want)
		}
	}
}

func TestParamsValidate(t *testing.T) {
	if err := types.DefaultParams().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mod := range map[string]func(*types.Params){
		"no principal denoms":    func(p *types.Params) { p.PrincipalDenoms = nil },
		"duplicate denom":        func(p *types.Params) { p.PrincipalDenoms = []string{"uusdt", "uusdt"} },
		"principal = collateral": func(p *types.Params) { p.PrincipalDenoms = []string{"aifil"} },
		"bad collateral denom":   func(p *types.Params) { p.CollateralDenom = "" },
		"fee above 100%":         func(p *types.Params) { p.FeeBps = 10_001 },
		"zero max term":          func(p *types.Params) { p.MaxTerm = 0 },
		"negative grace":         func(p *types.Params) { p.Grace = -1 },
		"zero loans per offer":   func(p *types.Params) { p.MaxLoansPerOffer = 0 },
		"zero per block":         func(p *types.Params) { p.ForeclosuresPerBlock = 0 },
	} {
		p := types.DefaultParams()
		mod(&p)
		if err := p.Validate(); !types.ErrInvalidParams.Is(err) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}
