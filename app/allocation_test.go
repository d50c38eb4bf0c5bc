package app_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/internal/modaccounts"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

func addr() string { return sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address()).String() }

func newApp(t *testing.T) *app.App {
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
}

func validFile() app.AllocationFile {
	var members []string
	for i := 0; i < 7; i++ {
		members = append(members, addr())
	}
	return app.AllocationFile{
		Team:             []app.Grant{{Address: addr(), Amount: "6000000000000udmc"}, {Address: addr(), Amount: "4000000000000udmc"}},
		PrivatePlacement: []app.Grant{{Address: addr(), Amount: "20000000000000udmc"}},
		RiskFund:         "10000000000000udmc",
		Foundation: app.FoundationShare{Amount: "10000000000000udmc", Grants: []app.Grant{
			{Address: addr(), Amount: "1000000000000udmc"},
		}},
		Council: app.CouncilFile{Members: members, Threshold: 4, VotingPeriod: "24h"},
	}
}

func TestApplyAllocationBuildsSpecGenesis(t *testing.T) {
	a := newApp(t)
	cdc := a.AppCodec()
	gen := a.DefaultGenesis()
	f := validFile()
	if err := app.ApplyAllocation(cdc, gen, f, time.Unix(1_700_000_000, 0)); err != nil {
		t.Fatal(err)
	}
	if err := app.ValidateDMCBooks(cdc, gen); err != nil {
		t.Fatalf("books: %v", err)
	}
	if err := a.BasicModuleManager.ValidateGenesis(cdc, a.TxConfig(), gen); err != nil {
		t.Fatalf("module validation: %v", err)
	}
	bank := banktypes.GetGenesisStateFromAppState(cdc, gen)
	total := math.ZeroInt()
	for _, b := range bank.Balances {
		total = total.Add(b.Coins.AmountOf("udmc"))
	}
	if !total.Equal(dmctypes.DMC(50_000_000)) {
		t.Fatalf("genesis holds %s udmc, want exactly 50,000,000 DMC", total)
	}
	foundation := authtypes.NewModuleAddress(modaccounts.Foundation).String()
	riskfund := authtypes.NewModuleAddress(modaccounts.RiskFund).String()
	for _, b := range bank.Balances {
		switch b.Address {
		case foundation:
			if !b.Coins.AmountOf("udmc").Equal(dmctypes.DMC(9_000_000)) {
				t.Fatalf("foundation holds %s, want 9,000,000 DMC after a 1,000,000 DMC grant", b.Coins)
			}
		case riskfund:
			if !b.Coins.AmountOf("udmc").Equal(dmctypes.DMC(10_000_000)) {
				t.Fatalf("risk fund holds %s", b.Coins)
			}
		}
	}

	accounts, err := authtypes.UnpackAccounts(authtypes.GetGenesisStateFromAppState(cdc, gen).Accounts)
	if err != nil {
		t.Fatal(err)
	}
	byAddr := map[string]authtypes.GenesisAccount{}
	for _, acc := range accounts {
		byAddr[acc.GetAddress().String()] = acc
	}
	team := byAddr[f.Team[0].Address].(*vestingtypes.PeriodicVestingAccount)
	if len(team.VestingPeriods) != 36 || team.VestingPeriods[0].Length != app.MonthSeconds ||
		!team.OriginalVesting.AmountOf("udmc").Equal(dmctypes.DMC(6_000_000)) {
		t.Fatalf("team schedule: %d periods, first %ds, vesting %s", len(team.VestingPeriods), team.VestingPeriods[0].Length, team.OriginalVesting)
	}
	pp := byAddr[f.PrivatePlacement[0].Address].(*vestingtypes.PeriodicVestingAccount)
	if len(pp.VestingPeriods) != 4 || pp.VestingPeriods[0].Length != app.QuarterSeconds ||
		!pp.OriginalVesting.AmountOf("udmc").Equal(dmctypes.DMC(16_000_000)) {
		t.Fatalf("placement schedule: %d periods, vesting %s (want 80%% of 20M)", len(pp.VestingPeriods), pp.OriginalVesting)
	}
	// A fifth of the placement is spendable at genesis, the rest unlocks quarter by quarter.
	start := time.Unix(pp.StartTime, 0)
	if v := pp.GetVestingCoins(start).AmountOf("udmc"); !v.Equal(dmctypes.DMC(16_000_000)) {
		t.Fatalf("vesting at genesis %s", v)
	}
	if v := pp.GetVestingCoins(start.Add(app.QuarterSeconds * time.Second)).AmountOf("udmc"); !v.Equal(dmctypes.DMC(12_000_000)) {
		t.Fatalf("vesting after a quarter %s, want 12M DMC", v)
	}
	if v := team.GetVestingCoins(start.Add(36 * app.MonthSeconds * time.Second)); !v.IsZero() {
		t.Fatalf("team still vesting after 36 months: %s", v)
	}
}

func TestVestingScheduleRounding(t *testing.T) {
	for _, amt := range []int64{1, 35, 36, 37, 10_000_000_000_001} {
		periods := app.TeamPeriods(math.NewInt(amt))
		if got := periods.TotalAmount().AmountOf("udmc"); !got.Equal(math.NewInt(amt)) {
			t.Fatalf("team %d: periods add to %s", amt, got)
		}
		pp, free := app.PlacementPeriods(math.NewInt(amt))
		if got := pp.TotalAmount().AmountOf("udmc").Add(free); !got.Equal(math.NewInt(amt)) {
			t.Fatalf("placement %d: periods + free add to %s", amt, got)
		}
	}
}

func TestApplyAllocationRejectsBadInput(t *testing.T) {
	a := newApp(t)
	cdc := a.AppCodec()
	for _, tc := range []struct {
		name string
		edit func(*app.AllocationFile, map[string]json.RawMessage)
		want string
	}{
		{"team short by 1 udmc", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Team[1].Amount = "3999999999999udmc"
		}, "team adds up to 9999999999999udmc"},
		{"risk fund too big", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.RiskFund = "10000000000001udmc"
		}, "risk_fund adds up to"},
		{"unknown denom", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.PrivatePlacement[0].Amount = "20000000000000uatom"
		}, `unknown denom "uatom"`},
		{"zero amount", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Foundation.Grants[0].Amount = "0udmc"
		}, "must be positive"},
		{"bad address", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Team[0].Address = "cosmos1xyz"
		}, "team[0]: address"},
		{"grants exceed foundation", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Foundation.Grants[0].Amount = "10000000000001udmc"
		}, "more than the foundation's"},
		{"threshold above members", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Council.Threshold = 8
		}, "threshold 8 is above the 7 members"},
		{"threshold zero", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Council.Threshold = 0
		}, "threshold must be at least 1"},
		{"duplicate council member", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Council.Members[1] = f.Council.Members[0]
		}, "listed twice"},
		{"bad voting period", func(f *app.AllocationFile, _ map[string]json.RawMessage) {
			f.Council.VotingPeriod = "soon"
		}, "voting_period"},
		{"DMC already in genesis", func(f *app.AllocationFile, gen map[string]json.RawMessage) {
			bank := banktypes.DefaultGenesisState()
			bank.Balances = []banktypes.Balance{{Address: addr(), Coins: sdk.NewCoins(sdk.NewInt64Coin("udmc", 1))}}
			gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bank)
		}, "DMC must come only from the allocation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gen := a.DefaultGenesis()
			f := validFile()
			tc.edit(&f, gen)
			before, _ := json.Marshal(gen)
			err := app.ApplyAllocation(cdc, gen, f, time.Unix(1_700_000_000, 0))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to mention %q", err, tc.want)
			}
			after, _ := json.Marshal(gen)
			if !bytes.Equal(before, after) {
				t.Fatal("a rejected allocation changed the genesis")
			}
		})
	}

	t.Run("allocating twice", func(t *testing.T) {
		gen := a.DefaultGenesis()
		if err := app.ApplyAllocation(cdc, gen, validFile(), time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		if err := app.ApplyAllocation(cdc, gen, validFile(), time.Unix(0, 0)); err == nil || !strings.Contains(err.Error(), "already allocated") {
			t.Fatalf("second allocation: %v", err)
		}
	})
}

func TestValidateDMCBooksCatchesExtraDMC(t *testing.T) {
	a := newApp(t)
	cdc := a.AppCodec()
	gen := a.DefaultGenesis()
	if err := app.ValidateDMCBooks(cdc, gen); err == nil || !strings.Contains(err.Error(), "no DMC allocation") {
		t.Fatalf("unallocated genesis: %v", err)
	}
	if err := app.ApplyAllocation(cdc, gen, validFile(), time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	// DMC added on top of the allocation, as `add-genesis-account ... 1udmc` would do.
	bank := banktypes.GetGenesisStateFromAppState(cdc, gen)
	bank.Balances = append(bank.Balances, banktypes.Balance{Address: addr(), Coins: sdk.NewCoins(sdk.NewInt64Coin("udmc", 5))})
	gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bank)
	err := app.ValidateDMCBooks(cdc, gen)
	if err == nil || !strings.Contains(err.Error(), "difference 5udmc") {
		t.Fatalf("extra DMC: %v", err)
	}
}
