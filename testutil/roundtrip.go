package testutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	"github.com/dmexchain/dmex/app"
)

// Export is the chain's state as `dmexd export` writes it, at the last committed height.
func (e *Env) Export() servertypes.ExportedApp {
	e.TB.Helper()
	exported, err := e.App.ExportAppStateAndValidators(false, nil, nil)
	must(e.TB, err)
	return exported
}

// RoundTrip is the export/import test every module's genesis must pass: it exports the chain,
// imports the export into a fresh app, runs the next block on both chains, checks every module's
// books on the imported chain (CheckInvariants), and asserts that both chains then export the
// same state, module by module, byte for byte. A module that forgets a record or a field in its
// export, or imports one differently, fails here.
//
// It returns the imported chain, one block on; e has run the same block. The accounts of the
// returned Env are copies (same keys, sequences and numbers), so either chain can go on.
// e.Invariants are not carried over: they close over e's app.
func (e *Env) RoundTrip() *Env {
	e.TB.Helper()
	exported := e.Export()
	if e.editExport != nil {
		gen := map[string]json.RawMessage{}
		must(e.TB, json.Unmarshal(exported.AppState, &gen))
		e.editExport(gen)
		state, err := json.Marshal(gen)
		must(e.TB, err)
		exported.AppState = state
	}

	b := &Env{
		TB: e.TB, BlockTime: e.BlockTime, rand: rand.New(rand.NewSource(2)),
		App: app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
			simtestutil.NewAppOptionsWithFlagHome(e.TB.TempDir()), baseapp.SetChainID(ChainID)),
		Validator: copyAccount(e.Validator), Feeder: copyAccount(e.Feeder),
		Accounts: copyAccounts(e.Accounts), Council: copyAccounts(e.Council),
	}
	params := exported.ConsensusParams
	_, err := b.App.InitChain(&abci.RequestInitChain{
		ChainId: ChainID, Time: e.lastTime, ConsensusParams: &params, AppStateBytes: exported.AppState,
		InitialHeight: exported.Height,
	})
	must(e.TB, err)

	// The next block on both chains: same height, same time.
	next := e.lastTime.Add(e.BlockTime)
	_, err = b.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: exported.Height, Time: next})
	must(e.TB, err)
	_, err = b.App.Commit()
	must(e.TB, err)
	b.lastTime = next
	e.NextBlockAt(next)
	b.CheckInvariants()

	if diff := SameExport(e.Export().AppState, b.Export().AppState); diff != "" {
		e.TB.Fatalf("export and import changed the state: %s", diff)
	}
	return b
}

// SameExport compares two exported app states module by module: "" when they are the same byte
// for byte, else which modules differ and where the first of them does.
func SameExport(a, b json.RawMessage) string {
	var ma, mb map[string]json.RawMessage
	if err := json.Unmarshal(a, &ma); err != nil {
		return err.Error()
	}
	if err := json.Unmarshal(b, &mb); err != nil {
		return err.Error()
	}
	names := map[string]bool{}
	for n := range ma {
		names[n] = true
	}
	for n := range mb {
		names[n] = true
	}
	var differ []string
	for n := range names {
		if !bytes.Equal(ma[n], mb[n]) {
			differ = append(differ, n)
		}
	}
	if len(differ) == 0 {
		return ""
	}
	sort.Strings(differ)
	first := differ[0]
	return fmt.Sprintf("modules %v differ; %s: %s", differ, first, firstDifference(ma[first], mb[first]))
}

// firstDifference shows both sides around the first byte where a and b differ.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	around := func(s []byte) string {
		from, to := max(0, i-80), min(len(s), i+80)
		return string(s[from:to])
	}
	return fmt.Sprintf("at byte %d, before the import …%s… after …%s…", i, around(a), around(b))
}

func copyAccount(a *Account) *Account {
	if a == nil {
		return nil
	}
	c := *a
	return &c
}

func copyAccounts(as []*Account) []*Account {
	out := make([]*Account, len(as))
	for i, a := range as {
		out[i] = copyAccount(a)
	}
	return out
}
