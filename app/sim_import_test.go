package app_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"

	"github.com/dmexchain/dmex/app"
)

// TestAppSimulationAfterImport simulates (30 blocks by default), exports for a zero-height
// genesis, starts a fresh app from that export through InitChain and simulates on from it with
// the same accounts (another 30 blocks), the books checked after every block of both runs.
//
// Unlike the SDK's simapp test of the same name, whose second run initialises the chain again
// from a random genesis, the second run here really starts from the imported state: its genesis
// function returns the export (and the block time goes on from the export's).
func TestAppSimulationAfterImport(t *testing.T) {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	cfg.NumBlocks = min(cfg.NumBlocks, 30)
	for _, seed := range seeds(t) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			var exported json.RawMessage
			var accounts []simtypes.Account
			var lastTime time.Time
			var firstHeight int64
			sequences := map[string]uint64{}
			simsx.RunWithSeed(t, cfg, simApp(t, seed, nil), simStateFactory, seed, nil,
				func(tb testing.TB, ti simsx.TestInstance[*app.App], accs []simtypes.Account) {
					firstHeight = ti.App.LastBlockHeight()
					lastTime = lastBlockTime(tb, ti.App)
					exp, err := ti.App.ExportAppStateAndValidators(true, nil, nil)
					if err != nil {
						tb.Fatalf("seed %d: zero-height export at height %d: %v", seed, firstHeight, err)
					}
					exported, accounts = exp.AppState, accs
					ctx := ti.App.NewContext(true)
					for _, acc := range accs {
						if a := ti.App.AccountKeeper.GetAccount(ctx, acc.Address); a != nil {
							sequences[acc.Address.String()] = a.GetSequence()
						}
					}
				})
			if exported == nil {
				t.Fatalf("seed %d: the first run exported nothing", seed)
			}

			imported := func(a *app.App) simsx.SimStateFactory {
				f := simStateFactory(a)
				f.AppStateFn = func(*rand.Rand, []simtypes.Account, simtypes.Config) (json.RawMessage, []simtypes.Account, string, time.Time) {
					return exported, accounts, simsx.SimAppChainID, lastTime.Add(time.Hour)
				}
				return f
			}
			// The same seed: its simulation parameters (evidence, downtime) are the ones the first run
			// survived; applied to the imported state, its draws make other messages.
			simsx.RunWithSeed(t, cfg, simApp(t, seed, nil), imported, seed, nil,
				func(tb testing.TB, ti simsx.TestInstance[*app.App], _ []simtypes.Account) {
					if h := ti.App.LastBlockHeight(); h < int64(cfg.NumBlocks) {
						tb.Fatalf("seed %d: the run after import stopped at height %d, want %d", seed, h, cfg.NumBlocks)
					}
					if got := lastBlockTime(tb, ti.App); !got.After(lastTime) {
						tb.Fatalf("seed %d: the run after import ended at %s, not after the export's %s", seed, got, lastTime)
					}
					// the accounts go on from their exported sequences (a fresh genesis would start them at 0)
					ctx := ti.App.NewContext(true)
					carried := 0
					for _, acc := range accounts {
						before := sequences[acc.Address.String()]
						a := ti.App.AccountKeeper.GetAccount(ctx, acc.Address)
						if a == nil || a.GetSequence() < before {
							tb.Fatalf("seed %d: account %s is not carried over from the export (sequence %d before)", seed, acc.Address, before)
						}
						if before > 0 {
							carried++
						}
					}
					if carried == 0 {
						tb.Fatalf("seed %d: no account had sent a transaction before the export", seed)
					}
					tb.Logf("seed %d: exported at height %d, %d blocks from the import, %d accounts carried over with their sequences", seed, firstHeight, ti.App.LastBlockHeight(), carried)
				})
		})
	}
}

// lastBlockTime is the time of the app's last committed block, from x/staking's historical info
// (the check state's context carries no block time).
func lastBlockTime(tb testing.TB, a *app.App) time.Time {
	tb.Helper()
	info, err := a.StakingKeeper.GetHistoricalInfo(a.NewContext(true), a.LastBlockHeight())
	if err != nil {
		tb.Fatalf("the header of block %d: %v", a.LastBlockHeight(), err)
	}
	return info.Header.Time
}
