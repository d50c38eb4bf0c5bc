package types_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/types"
)

var g0 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// validGenesis: pools 1 (udmc/uusdt) and 2 (uht/uusdt), two price records of pool 1 and one of
// pool 2, next pool id 3.
func validGenesis() *types.GenesisState {
	gs := types.DefaultGenesis()
	creator := sdk.AccAddress([]byte("alice_______________")).String()
	gs.Pools = []types.Pool{
		{Id: 1, DenomA: "udmc", DenomB: "uusdt", ReserveA: n(1_000_000), ReserveB: n(4_000_000), Shares: n(2_000_000), LockedShares: n(1000), SwapFeeBps: 30, Creator: creator, CreatedHeight: 3},
		{Id: 2, DenomA: "uht", DenomB: "uusdt", ReserveA: n(3_000_000), ReserveB: n(2_000_000), Shares: n(2_449_489), LockedShares: n(1000), SwapFeeBps: 100},
	}
	gs.NextPoolId = 3
	zero := math.LegacyZeroDec()
	gs.TwapRecords = []types.TwapRecord{
		{PoolId: 1, Time: g0, Height: 3, CumulativeA: zero, CumulativeB: zero},
		{PoolId: 1, Time: g0.Add(time.Minute), Height: 15, CumulativeA: math.LegacyNewDec(240), CumulativeB: math.LegacyNewDec(15)},
		{PoolId: 2, Time: g0, Height: 3, CumulativeA: zero, CumulativeB: zero},
	}
	return gs
}

func TestGenesisValidate(t *testing.T) {
	if err := types.DefaultGenesis().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := validGenesis().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		mod   func(*types.GenesisState)
		names string
	}{
		{"bad params", func(g *types.GenesisState) { g.Params.MinSwapFeeBps = 0 }, "params"},
		{"next pool id 0", func(g *types.GenesisState) { g.NextPoolId = 0 }, "next_pool_id starts at 1"},
		{"pool id at the next id", func(g *types.GenesisState) { g.NextPoolId = 2 }, "pool id 2 duplicated or not in [1, next_pool_id 2)"},
		{"pool id 0", func(g *types.GenesisState) { g.Pools[0].Id = 0 }, "pool id 0"},
		{"pool id twice", func(g *types.GenesisState) { g.Pools[1].Id = 1 }, "pool id 1 duplicated"},
		{"denoms out of order", func(g *types.GenesisState) { g.Pools[0].DenomA, g.Pools[0].DenomB = "uusdt", "udmc" }, "denom_a uusdt must sort before denom_b udmc"},
		{"one denom", func(g *types.GenesisState) { g.Pools[0].DenomB = "udmc" }, "denom_a udmc must sort before denom_b udmc"},
		{"invalid denom", func(g *types.GenesisState) { g.Pools[0].DenomA = "1x" }, `denom "1x"`},
		{"a share denom", func(g *types.GenesisState) { g.Pools[0].DenomA = "amm/pool/2" }, "holds a pool share"},
		{"pair twice", func(g *types.GenesisState) { g.Pools[1].DenomA = "udmc" }, "pools 1 and 2 both hold udmc/uusdt"},
		{"zero reserve", func(g *types.GenesisState) { g.Pools[1].ReserveB = n(0) }, "pool 2: reserve_b 0"},
		{"no reserve", func(g *types.GenesisState) { g.Pools[1].ReserveA = math.Int{} }, "pool 2: reserve_a"},
		{"reserve above 2^128-1", func(g *types.GenesisState) { g.Pools[1].ReserveA = types.MaxAmount.AddRaw(1) }, "2^128-1"},
		{"no locked shares", func(g *types.GenesisState) { g.Pools[0].LockedShares = n(0) }, "locked_shares 0"},
		{"shares below the locked", func(g *types.GenesisState) { g.Pools[0].Shares = n(999) }, "999 shares, fewer than the 1000 locked"},
		{"swap fee above 10%", func(g *types.GenesisState) { g.Pools[0].SwapFeeBps = 1001 }, "1001 bps"},
		{"creator not bech32", func(g *types.GenesisState) { g.Pools[0].Creator = "alice" }, `creator "alice"`},
		{"negative height", func(g *types.GenesisState) { g.Pools[0].CreatedHeight = -1 }, "height -1"},
		{"record of no pool", func(g *types.GenesisState) { g.TwapRecords[2].PoolId = 7 }, "price record of pool 7, which does not exist"},
		{"two records at one time", func(g *types.GenesisState) { g.TwapRecords[1].Time = g0 }, "two price records of pool 1 at 2026-03-01T00:00:00Z"},
		{"negative cumulative", func(g *types.GenesisState) { g.TwapRecords[1].CumulativeB = math.LegacyNewDec(-1) }, "cumulatives"},
		{"no cumulative", func(g *types.GenesisState) { g.TwapRecords[1].CumulativeA = math.LegacyDec{} }, "cumulatives"},
		{"huge cumulative", func(g *types.GenesisState) {
			g.TwapRecords[1].CumulativeA = math.LegacyNewDecFromInt(types.MaxAmount).MulInt(types.MaxAmount.QuoRaw(1 << 40))
		}, "cumulatives"},
		{"record out of range", func(g *types.GenesisState) { g.TwapRecords[1].Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "out of range"},
		{"buyback part", func(g *types.GenesisState) {
			g.Buybacks = []types.Buyback{{Id: 1, Denom: "uusdt", Remaining: n(5)}}
		}, "buyback of uusdt: id 1 not in [1, next_buyback_id 1)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			gs := validGenesis()
			c.mod(gs)
			err := gs.Validate()
			if !types.ErrInvalidGenesis.Is(err) {
				t.Fatalf("error %v", err)
			}
			if !strings.Contains(err.Error(), c.names) {
				t.Fatalf("%v does not name %q", err, c.names)
			}
		})
	}
}

// The params may have changed since a pool was made: its denoms need not be accepted now, nor
// its swap fee within today's bounds.
func TestGenesisKeepsPoolsOfOldParams(t *testing.T) {
	gs := validGenesis()
	gs.Params.AcceptedDenoms = []string{"aifil", "udmc"}
	gs.Pools[1].SwapFeeBps = 500
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
}
