package bench

import (
	"cosmossdk.io/collections"
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// BenchmarkDaoEndBlock: x/dao's EndBlock (the governance hooks' council checks) with 1,000 and
// 100,000 council proposals queued for later and ChecksPerBlock of them due, each deciding one
// (approved) application. The records are written straight into state and committed to
// goleveldb; each block runs on a cached context of the committed state, so the same items are
// due every time. Store gas and time per block must not grow with the queue.
func BenchmarkDaoEndBlock(b *testing.B) {
	for _, queued := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("queued=%d", queued), func(b *testing.B) {
			db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			e := testutil.New(b, testutil.Options{Accounts: 1, DB: db})
			k := e.App.DaoKeeper
			h := e.App.LastBlockHeight()
			now := testutil.GenesisTime.Add(time.Hour)
			ctx := e.App.NewUncachedContext(false, cmtproto.Header{Height: h, Time: testutil.GenesisTime})
			due := daotypes.ChecksPerBlock
			for i := 1; i <= queued+due; i++ {
				id := uint64(1_000_000 + i) // no such council proposal: as if executed and pruned
				at := now.Add(time.Duration(i) * time.Minute)
				if i <= due {
					at = now.Add(-time.Minute)
				}
				if err := k.CouncilChecks.Push(ctx, at, id); err != nil {
					b.Fatal(err)
				}
				appID := uint64(i)
				d := daotypes.Decision{Module: hashnfttypes.ModuleName, ItemId: appID, Kind: daotypes.PROPOSAL_KIND_GROUP, ProposalId: id, Outcome: daotypes.DECISION_OUTCOME_OPEN}
				if err := k.Decisions.Set(ctx, collections.Join(hashnfttypes.ModuleName, appID), d); err != nil {
					b.Fatal(err)
				}
				if err := e.App.HashnftKeeper.Applications.Set(ctx, appID, hashnfttypes.Application{Id: appID, Miner: e.Accounts[0].Addr.String(), Status: hashnfttypes.APPLICATION_STATUS_APPROVED}); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h + 1, Time: now.Add(-2 * time.Minute)}); err != nil {
				b.Fatal(err)
			}
			if _, err := e.App.Commit(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var elapsed time.Duration
			var gas uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c, _ := e.App.NewUncachedContext(false, cmtproto.Header{Height: h + 2 + int64(i), Time: now}).CacheContext()
				c = c.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
				b.StartTimer()
				t0 := time.Now()
				if err := k.EndBlock(c); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				gas += c.GasMeter().GasConsumed()
				// Every due proposal ended its decision; nothing else did.
				if n := len(c.EventManager().Events()); n != due {
					b.Fatalf("%d events, want %d decisions ended", n, due)
				}
				if d, _ := k.Decisions.Get(c, collections.Join(hashnfttypes.ModuleName, uint64(due+1))); d.Outcome != daotypes.DECISION_OUTCOME_OPEN {
					b.Fatalf("a proposal not yet due ended: %v", d)
				}
				b.StartTimer()
			}
			b.StopTimer()
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/1000, "us/block")
			b.ReportMetric(float64(gas)/float64(b.N), "storegas/block")
		})
	}
}
