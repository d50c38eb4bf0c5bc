package types_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/amm/types"
)

// The buyback part of a genesis: one good state, then each bad row refused with the value named.
func TestBuybackGenesisValidation(t *testing.T) {
	z := math.ZeroInt()
	good := func() types.GenesisState {
		gs := *types.DefaultGenesis()
		gs.NextBuybackId = 3
		gs.Buybacks = []types.Buyback{
			{Id: 1, Denom: "uusdt", Month: 2, Remaining: math.NewInt(500), SlicesLeft: 3, NextSlice: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
			{Id: 2, Denom: "uht", Month: 1, Remaining: z},
		}
		gs.BuybackMonths = []types.BuybackMonth{
			{Month: 1, Denom: "uht", SetAside: math.NewInt(10), CarriedIn: z, Spent: math.NewInt(10), Bought: math.NewInt(9), Burned: math.NewInt(7), Returned: math.NewInt(2)},
			{Month: 2, Denom: "uusdt", SetAside: math.NewInt(500), CarriedIn: z, Spent: z, Bought: z, Burned: z, Returned: z},
		}
		return gs
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("a good genesis: %v", err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*types.GenesisState)
		names string
	}{
		{"bad denom", func(gs *types.GenesisState) { gs.Buybacks[0].Denom = "1x" }, `"1x"`},
		{"id zero", func(gs *types.GenesisState) { gs.Buybacks[0].Id = 0 }, "id 0"},
		{"id at next_buyback_id", func(gs *types.GenesisState) { gs.NextBuybackId = 2 }, "id 2 not in [1, next_buyback_id 2)"},
		{"id twice", func(gs *types.GenesisState) { gs.Buybacks[1].Id = 1 }, "listed twice"},
		{"denom twice", func(gs *types.GenesisState) { gs.Buybacks[1].Denom = "uusdt" }, "listed twice"},
		{"negative remaining", func(gs *types.GenesisState) { gs.Buybacks[1].Remaining = math.NewInt(-1) }, "remaining -1"},
		{"nil remaining", func(gs *types.GenesisState) { gs.Buybacks[1].Remaining = math.Int{} }, "remaining"},
		{"too many slices", func(gs *types.GenesisState) { gs.Buybacks[0].SlicesLeft = types.MaxBuybackSlices + 1 }, "100001 slices left"},
		{"slices with nothing remaining", func(gs *types.GenesisState) { gs.Buybacks[1].SlicesLeft = 2 }, "2 slices left with nothing remaining"},
		{"month zero", func(gs *types.GenesisState) { gs.Buybacks[0].Month = 0 }, "month 0"},
		{"next slice past 9999", func(gs *types.GenesisState) { gs.Buybacks[0].NextSlice = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "next slice 10000"},
		{"month record of month 0", func(gs *types.GenesisState) { gs.BuybackMonths[0].Month = 0 }, "months are month epoch numbers"},
		{"month record twice", func(gs *types.GenesisState) { gs.BuybackMonths[1] = gs.BuybackMonths[0] }, "listed twice"},
		{"month record bad denom", func(gs *types.GenesisState) { gs.BuybackMonths[0].Denom = "" }, `denom ""`},
		{"negative spent", func(gs *types.GenesisState) { gs.BuybackMonths[0].Spent = math.NewInt(-1) }, "spent is -1"},
		{"nil bought", func(gs *types.GenesisState) { gs.BuybackMonths[1].Bought = math.Int{} }, "bought is"},
		{"burned + returned != bought", func(gs *types.GenesisState) { gs.BuybackMonths[0].Returned = math.NewInt(1) }, "burned 7 + returned 1 != bought 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := good()
			tc.edit(&gs)
			err := gs.Validate()
			if !errors.Is(err, types.ErrInvalidGenesis) || !strings.Contains(err.Error(), tc.names) {
				t.Fatalf("error %v, want ErrInvalidGenesis naming %q", err, tc.names)
			}
		})
	}
}
