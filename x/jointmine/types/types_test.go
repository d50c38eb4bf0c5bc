package types_test

import (
	"strings"
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/jointmine/types"
)

// The 20/5/75 split is exact to the unit: the parts add up to the income, the miner's and the
// platform's are rounded down and the users get the rounding units.
func TestSplitIsExact(t *testing.T) {
	for _, tc := range []struct {
		amount                 int64
		miner, platform, users int64
	}{
		{1, 0, 0, 1},
		{19, 3, 0, 16},
		{20, 4, 1, 15},
		{99, 19, 4, 76},
		{100, 20, 5, 75},
		{10_001, 2_000, 500, 7_501},
		{1_000_000_000_000_000_007, 200_000_000_000_000_001, 50_000_000_000_000_000, 750_000_000_000_000_006},
	} {
		m, p, u := types.Split(math.NewInt(tc.amount))
		if m.Int64() != tc.miner || p.Int64() != tc.platform || u.Int64() != tc.users || !m.Add(p).Add(u).Equal(math.NewInt(tc.amount)) {
			t.Errorf("split %d: %s/%s/%s, want %d/%d/%d", tc.amount, m, p, u, tc.miner, tc.platform, tc.users)
		}
	}
	big := types.MaxAmount
	m, p, u := types.Split(big)
	if !m.Add(p).Add(u).Equal(big) {
		t.Fatal("2^128 does not split exactly")
	}
}

func TestRedemptionFeeRoundsUp(t *testing.T) {
	for amount, want := range map[int64]int64{1: 1, 499: 1, 500: 1, 501: 2, 1000: 2, 32_250: 65} {
		if got := types.RedemptionFee(math.NewInt(amount)); got.Int64() != want {
			t.Errorf("fee of %d: %s, want %d", amount, got, want)
		}
	}
}

func TestPoolDenom(t *testing.T) {
	for denom, want := range map[string]uint64{"jointmine/pool/1": 1, "jointmine/pool/42": 42} {
		if id, ok := types.ParsePoolDenom(denom); !ok || id != want {
			t.Errorf("%s: %d %v", denom, id, ok)
		}
		if err := sdk.ValidateDenom(denom); err != nil {
			t.Errorf("%s is not a valid bank denom: %v", denom, err)
		}
	}
	for _, denom := range []string{"jointmine/pool/", "jointmine/pool/0", "jointmine/pool/01", "jointmine/pool/x", "amm/pool/1", "jointmine/pool/1/2"} {
		if id, ok := types.ParsePoolDenom(denom); ok {
			t.Errorf("%s parsed as pool %d", denom, id)
		}
	}
}

func validGenesis() types.GenesisState {
	z := math.ZeroInt()
	pool := types.Pool{
		Id: 1, Miner: "dmex1miner", NodeId: "f01", TargetTib: 4, Deposit: sdk.NewInt64Coin("udmc", 1), Status: types.PoolStatus_POOL_STATUS_GROWTH,
		Denom: types.PoolDenom(1), IfilDenom: "aifil", Cap: math.NewInt(100), GenesisDeposited: math.NewInt(100), Pledged: math.NewInt(60),
		PledgeOwed: math.NewInt(60), Liquid: math.NewInt(40), Queued: math.NewInt(5), Supply: math.NewInt(90), Income: z,
		StIndex: math.NewInt(10), StResidual: z, StForfeited: z, MaturityFund: z, MaturityPaid: z, Returned: z, Compensated: z,
		RedemptionsQueued: 1, NextIncomeSeq: 1,
	}
	return types.GenesisState{
		Params: types.DefaultParams(), NextPoolId: 2, Pools: []types.Pool{pool},
		Holders: []types.Holder{
			{PoolId: 1, Address: "dmex1alice", Shares: math.NewInt(60), StEntry: math.NewInt(10), StOwed: z, MaturityPaid: z},
			{PoolId: 1, Address: "dmex1bob", Shares: math.NewInt(30), StEntry: math.NewInt(3), StOwed: math.NewInt(7), MaturityPaid: z},
		},
		Redemptions: []types.Redemption{{Id: 1, PoolId: 1, Owner: "dmex1carol", Burned: math.NewInt(10), Value: math.NewInt(10), Fee: math.NewInt(1), FeeLeft: math.NewInt(1), Left: math.NewInt(4)}},
		Incomes:     []types.Income{{PoolId: 1, Seq: 0, Amount: math.NewInt(10), Miner: math.NewInt(2), Platform: z, Users: math.NewInt(8)}},
	}
}

// Genesis validation cross-checks ids, references and sums.
func TestGenesisValidate(t *testing.T) {
	if err := validGenesis().Validate(); err != nil {
		t.Fatalf("valid genesis: %v", err)
	}
	if err := types.DefaultGenesis().Validate(); err != nil {
		t.Fatalf("default genesis: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*types.GenesisState)
		says string
	}{
		{"pool id not below next", func(g *types.GenesisState) { g.NextPoolId = 1 }, "not below next_pool_id"},
		{"wrong denom", func(g *types.GenesisState) { g.Pools[0].Denom = "jointmine/pool/2" }, "denom"},
		{"supply not the holders'", func(g *types.GenesisState) { g.Holders[0].Shares = math.NewInt(59) }, "holders' shares sum to 89"},
		{"queued not the redemptions'", func(g *types.GenesisState) { g.Redemptions[0].Left = math.NewInt(3) }, "its redemptions owe 4"},
		{"owed above pledged", func(g *types.GenesisState) { g.Pools[0].PledgeOwed = math.NewInt(61) }, "owed 61"},
		{"pledged − owed not returned", func(g *types.GenesisState) { g.Pools[0].PledgeOwed = math.NewInt(50) }, "returned"},
		{"holder of an unknown pool", func(g *types.GenesisState) { g.Holders[1].PoolId = 7 }, "no such approved pool"},
		{"holder twice", func(g *types.GenesisState) { g.Holders[1].Address = "dmex1alice" }, "listed twice"},
		{"entry above the index", func(g *types.GenesisState) { g.Holders[0].StEntry = math.NewInt(11) }, "entry 11"},
		{"redemption id already paid", func(g *types.GenesisState) { g.Pools[0].RedemptionsPaid = 1; g.Pools[0].RedemptionsQueued = 1 }, "unpaid ids"},
		{"income not adding up", func(g *types.GenesisState) { g.Incomes[0].Users = math.NewInt(7) }, "≠ miner"},
		{"income seq not below next", func(g *types.GenesisState) { g.Pools[0].NextIncomeSeq = 0 }, "next_income_seq"},
		{"two open pools of a node", func(g *types.GenesisState) {
			p := g.Pools[0]
			p.Id, p.Denom, p.Status, p.Supply, p.Queued = 2, types.PoolDenom(2), types.PoolStatus_POOL_STATUS_PENDING, math.ZeroInt(), math.ZeroInt()
			p.Liquid, p.Pledged, p.PledgeOwed = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
			g.Pools, g.NextPoolId = append(g.Pools, p), 3
		}, "node f01 has pools 1 and 2"},
		{"negative liquid", func(g *types.GenesisState) { g.Pools[0].Liquid = math.NewInt(-1) }, "liquid -1"},
		{"bad params", func(g *types.GenesisState) { g.Params.TermDays = 0 }, "term_days 0"},
	} {
		g := validGenesis()
		tc.edit(&g)
		err := g.Validate()
		if err == nil || !types.ErrInvalidGenesis.Is(err) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v, want an invalid genesis saying %q", tc.name, err, tc.says)
		}
	}
}
