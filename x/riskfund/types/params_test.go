package types_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

func TestPremiumAndCover(t *testing.T) {
	p := types.DefaultParams()
	if got := p.PremiumBpsFor(3); got != 350 {
		t.Fatalf("bps for 3 missed days: %d", got)
	}
	if got := p.PremiumBpsFor(1000); got != 700 {
		t.Fatalf("capped bps: %d", got)
	}
	// 1,000,001 × 350 / 10000 = 35000.035 -> 35001 (rounded up)
	if got := types.Premium(math.NewInt(1_000_001), 350); !got.Equal(math.NewInt(35001)) {
		t.Fatalf("premium %s", got)
	}
	// 1,000,000 × 10 / 360 = 27777.7 -> 27777 (rounded down)
	if got := types.Cover(math.NewInt(1_000_000), 10, 360); !got.Equal(math.NewInt(27777)) {
		t.Fatalf("cover %s", got)
	}
	if got := types.Cover(math.NewInt(1_000_000), 400, 360); !got.Equal(math.NewInt(1_000_000)) {
		t.Fatalf("capped cover %s", got)
	}
	bad := p
	bad.PremiumBps = 10_001
	if err := bad.Validate(); !types.ErrInvalidParams.Is(err) {
		t.Fatalf("premium above 100%% accepted: %v", err)
	}
}

func TestGenesisValidate(t *testing.T) {
	if err := types.DefaultGenesis().Validate(); err != nil {
		t.Fatal(err)
	}
	gs := types.DefaultGenesis()
	gs.Books = []types.Books{{Denom: "udmc", Balance: math.NewInt(10), Committed: math.NewInt(5), Owed: math.ZeroInt()}}
	if err := gs.Validate(); !types.ErrInvalidGenesis.Is(err) {
		t.Fatalf("committed without policies accepted: %v", err)
	}
}
