// Package bench holds dmexd's in-process block benchmarks (see docs/benchmarks.md).
//
// BenchmarkBankSendFinalizeCommit mirrors ../shared/anchor-bench (a vanilla SDK v0.53.8 app) as
// closely as possible so that the two are comparable: N signed bank MsgSend txs per block are
// delivered through FinalizeBlock + Commit on a goleveldb store, and tx/s is reported.
// tx/s, us/tx, ms/block and gas/tx are computed exactly as the anchor's; cpu-us/tx (process CPU
// time in the timed region per tx) is an addition, for a machine shared with other work.
//
// Run: GOMAXPROCS=2 go test -run '^$' -bench . -benchtime 20x -count 3 ./tests/bench/...
package bench

import (
	"fmt"
	"math/rand"
	"syscall"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/testutil"
)

// sendDMCPerAccount is each benchmark account's udmc (500 DMC): 10,000 of them fit the foundation's
// 10M DMC budget with room for the validator and the council.
var sendDMCPerAccount = math.NewInt(500_000_000)

// sendSetup starts a DMEX chain through the real genesis allocation with nAccounts funded accounts.
// Unlike testutil's defaults, the accounts hold udmc only (no demo coins), as the anchor's
// accounts hold only the bond denom.
func sendSetup(b *testing.B, nAccounts int, db dbm.DB) *testutil.Env {
	b.Helper()
	return testutil.New(b, testutil.Options{
		Accounts:      nAccounts,
		DB:            db,
		DMCPerAccount: sendDMCPerAccount,
		ExtraCoins:    sdk.Coins{}, // non-nil and empty: no extra denoms
	})
}

// sendBlock signs txPerBlock MsgSend txs as the anchor does: sender j%len(accounts), recipient the
// next account, 1 udmc, a zero fee and 200,000 gas. Sequences are bumped here.
func sendBlock(b *testing.B, env *testutil.Env, r *rand.Rand, txPerBlock int) [][]byte {
	txCfg := env.App.TxConfig()
	enc := txCfg.TxEncoder()
	accs := env.Accounts
	txs := make([][]byte, 0, txPerBlock)
	for j := 0; j < txPerBlock; j++ {
		s := accs[j%len(accs)]
		rcpt := accs[(j%len(accs)+1)%len(accs)]
		msg := banktypes.NewMsgSend(s.Addr, rcpt.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		tx, err := simtestutil.GenSignedMockTx(r, txCfg, []sdk.Msg{msg},
			sdk.Coins{sdk.NewInt64Coin(app.BondDenom, 0)}, 200_000, testutil.ChainID,
			[]uint64{s.AccNum}, []uint64{s.Seq}, s.Key)
		if err != nil {
			b.Fatal(err)
		}
		s.Seq++
		bz, err := enc(tx)
		if err != nil {
			b.Fatal(err)
		}
		txs = append(txs, bz)
	}
	return txs
}

func runSendBench(b *testing.B, db dbm.DB, nAccounts, txPerBlock int) {
	env := sendSetup(b, nAccounts, db)
	r := rand.New(rand.NewSource(1))
	// Blocks follow the env's last block, 3 s apart, at increasing heights.
	h0, t0Block := env.App.LastBlockHeight(), env.Ctx().BlockTime()
	var elapsed, cpu time.Duration
	var gasUsed int64
	blocks := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		txs := sendBlock(b, env, r, txPerBlock)
		h := env.App.LastBlockHeight() + 1
		req := &abci.RequestFinalizeBlock{
			Height: h, Time: t0Block.Add(time.Duration(h-h0) * 3 * time.Second), Txs: txs,
		}
		b.StartTimer()
		// Timed: FinalizeBlock + Commit only (env.NextBlock would add the invariant checks).
		c0 := processCPU()
		t0 := time.Now()
		res, err := env.App.FinalizeBlock(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := env.App.Commit(); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
		cpu += processCPU() - c0
		b.StopTimer()
		if len(res.TxResults) != txPerBlock {
			b.Fatalf("block %d: %d tx results, want %d", h, len(res.TxResults), txPerBlock)
		}
		for k, tr := range res.TxResults {
			if tr.Code != 0 {
				b.Fatalf("tx %d failed: code=%d log=%s", k, tr.Code, tr.Log)
			}
			gasUsed += tr.GasUsed
		}
		blocks++
		b.StartTimer()
	}
	b.StopTimer()
	// The books still balance after the run (outside the timer).
	env.CheckInvariants()
	nTx := float64(blocks * txPerBlock)
	b.ReportMetric(nTx/elapsed.Seconds(), "tx/s")
	b.ReportMetric(float64(elapsed.Microseconds())/nTx, "us/tx")
	b.ReportMetric(float64(elapsed.Milliseconds())/float64(blocks), "ms/block")
	b.ReportMetric(float64(gasUsed)/nTx, "gas/tx")
	b.ReportMetric(float64(cpu.Microseconds())/nTx, "cpu-us/tx")
}

// BenchmarkBankSendFinalizeCommit: blocks of N bank sends on goleveldb with 10,000 funded
// accounts, N = 100, 1000, 5000. Sub-benchmark names match the anchor's.
func BenchmarkBankSendFinalizeCommit(b *testing.B) {
	for _, tc := range []struct {
		db         string
		accounts   int
		txPerBlock int
	}{
		{"goleveldb", 10000, 100},
		{"goleveldb", 10000, 1000},
		{"goleveldb", 10000, 5000},
	} {
		b.Run(fmt.Sprintf("%s/accounts=%d/txPerBlock=%d", tc.db, tc.accounts, tc.txPerBlock), func(b *testing.B) {
			var db dbm.DB = dbm.NewMemDB()
			if tc.db == "goleveldb" {
				var err error
				db, err = dbm.NewGoLevelDB("application", b.TempDir(), nil)
				if err != nil {
					b.Fatal(err)
				}
			}
			defer db.Close()
			runSendBench(b, db, tc.accounts, tc.txPerBlock)
		})
	}
}

// BenchmarkCheckTx measures the mempool-admission cost (decode + ante incl. sig verify) per tx,
// as the anchor's: 1,000 accounts on memdb, 1,000 txs per iteration.
func BenchmarkCheckTx(b *testing.B) {
	env := sendSetup(b, 1000, dbm.NewMemDB())
	r := rand.New(rand.NewSource(2))
	var elapsed, cpu time.Duration
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		txs := sendBlock(b, env, r, 1000)
		b.StartTimer()
		c0 := processCPU()
		t0 := time.Now()
		for _, tx := range txs {
			res, err := env.App.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
			if err != nil || res.Code != 0 {
				b.Fatalf("checktx: %v %v", err, res)
			}
			n++
		}
		elapsed += time.Since(t0)
		cpu += processCPU() - c0
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "tx/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-us/tx")
}

// processCPU is the process's user+system CPU time (all threads, GC workers included): a diagnostic
// that is far less sensitive than wall time to other processes sharing the machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
