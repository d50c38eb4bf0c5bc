package app_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// FuzzAllocationFile reads arbitrary bytes as an allocation file and applies it to the default
// genesis. It never panics; a file it rejects leaves the genesis untouched; a file it accepts
// gives a genesis whose every module validates, whose DMC books check, and whose balances hold
// exactly the genesis supply of DMC.
func FuzzAllocationFile(f *testing.F) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(f.TempDir()))
	cdc := a.AppCodec()
	base := a.DefaultGenesis()
	var dmcGen dmctypes.GenesisState
	cdc.MustUnmarshalJSON(base[dmctypes.ModuleName], &dmcGen)
	supply := dmcGen.Params.GenesisSupply

	fixed := func(i byte) string { return sdk.AccAddress(bytes.Repeat([]byte{i}, 20)).String() }
	var members []string
	for i := byte(0); i < 7; i++ {
		members = append(members, fixed(100+i))
	}
	valid := app.AllocationFile{
		Team:             []app.Grant{{Address: fixed(1), Amount: "6000000000000udmc"}, {Address: fixed(2), Amount: "4000000000000udmc"}},
		PrivatePlacement: []app.Grant{{Address: fixed(3), Amount: "20000000000000udmc"}},
		RiskFund:         "10000000000000udmc",
		Foundation: app.FoundationShare{Amount: "10000000000000udmc", Grants: []app.Grant{
			{Address: fixed(4), Amount: "1000000000000udmc"},
		}},
		Council: app.CouncilFile{Members: members, Threshold: 4, VotingPeriod: "24h"},
	}
	// The first seed is accepted, so the properties of an accepted file are exercised.
	if err := app.ApplyAllocation(cdc, maps.Clone(base), valid, time.Unix(1_700_000_000, 0)); err != nil {
		f.Fatalf("the valid seed is rejected: %v", err)
	}
	seed, err := json.Marshal(valid)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	valid.Team[1].Address = fixed(1) // the same account twice
	seed, _ = json.Marshal(valid)
	f.Add(seed)
	valid.Foundation.Grants[0].Amount = "10000000000001udmc"
	seed, _ = json.Marshal(valid)
	f.Add(seed)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"team":[{"address":"","amount":"-1udmc"}],"council":{"threshold":18446744073709551615}}`))
	dir := f.TempDir()

	f.Fuzz(func(t *testing.T, bz []byte) {
		path := filepath.Join(dir, "allocation.json")
		if err := os.WriteFile(path, bz, 0o600); err != nil {
			t.Fatal(err)
		}
		file, err := app.ReadAllocationFile(path)
		if err != nil {
			return
		}
		gen := maps.Clone(base)
		if err := app.ApplyAllocation(cdc, gen, file, time.Unix(1_700_000_000, 0)); err != nil {
			if !maps.EqualFunc(gen, base, func(x, y json.RawMessage) bool { return bytes.Equal(x, y) }) {
				t.Fatalf("a rejected file (%v) changed the genesis", err)
			}
			return
		}
		if err := app.ValidateDMCBooks(cdc, gen); err != nil {
			t.Fatalf("accepted file, books: %v\n%s", err, bz)
		}
		if err := a.BasicModuleManager.ValidateGenesis(cdc, a.TxConfig(), gen); err != nil {
			t.Fatalf("accepted file, module validation: %v\n%s", err, bz)
		}
		total := math.ZeroInt()
		for _, b := range banktypes.GetGenesisStateFromAppState(cdc, gen).Balances {
			total = total.Add(b.Coins.AmountOf(app.BondDenom))
		}
		if !total.Equal(supply) {
			t.Fatalf("accepted file: balances hold %s%s, the genesis supply is %s\n%s", total, app.BondDenom, supply, bz)
		}
	})
}
