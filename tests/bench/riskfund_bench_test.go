package bench

import (
	"fmt"
	"slices"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	riskfundkeeper "github.com/dmexchain/dmex/x/riskfund/keeper"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// The benchmark's product: each NFT sold for rfPrice udmc (its insured value), 90 of its 360
// days unpaid when it was terminated (each claim's cover is a quarter of it), and compensated
// rfCompPerNFT udmc per NFT by the authority right after the termination.
const (
	rfPrice      = 1_000_000
	rfTermDays   = 360
	rfUnpaidDays = 90
	rfCompPerNFT = 10_000
)

// riskFundChain is one benchmark chain: its env, size, and the last committed height and time.
type riskFundChain struct {
	e      *testutil.Env
	db     *dbm.GoLevelDB
	nfts   int
	height int64
	time   time.Time
	// since the last commit: rounds run straight on the committed store
	pending int
}

// riskFundBenchEnv is a chain with one product of nfts NFTs (4 TiB each), each held by its own
// holder, of which the even ids are insured, just terminated: its claim run opened by x/riskfund's
// termination hook and a compensation of rfCompPerNFT per NFT queued through the message server.
// The records are written straight into state (100,000 purchases and policies through
// transactions would take an hour), committed with an empty block every 100,000 NFTs.
func riskFundBenchEnv(b *testing.B, nfts int) *riskFundChain {
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := testutil.New(b, testutil.Options{Accounts: 1, DB: db})
	hk, ek, rk := e.App.HashnftKeeper, e.App.EscrowKeeper, e.App.RiskfundKeeper
	ch := &riskFundChain{e: e, db: db, nfts: nfts, height: e.App.LastBlockHeight(), time: testutil.GenesisTime.Add(time.Hour)}
	ctx := ch.ctx()
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	miner := e.Accounts[0].Addr.String()
	start := testutil.GenesisTime
	end := start.Add(rfTermDays * 24 * time.Hour)
	power := math.NewInt(4)
	must(hk.Products.Set(ctx, 1, hashnfttypes.Product{
		Id: 1, Miner: miner, Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: power, Count: uint64(nfts),
		TermDays: rfTermDays, TermStart: start, TermEnd: end, Status: hashnfttypes.PRODUCT_STATUS_ACTIVE,
		Sold: uint64(nfts), Created: uint64(nfts), Price: sdk.NewInt64Coin("udmc", rfPrice),
	}))
	// The sale's proceeds (the insured value per NFT is paid_in / sold); the termination moved
	// what the escrow held to x/escrow, whose refund round is over.
	paidIn := sdk.NewCoins(sdk.NewCoin("udmc", math.NewInt(rfPrice).MulRaw(int64(nfts))))
	must(hk.Escrows.Set(ctx, 1, hashnfttypes.Escrow{ProductId: 1, PaidIn: paidIn, Held: sdk.NewCoins()}))
	z := math.ZeroInt()
	must(ek.Escrows.Set(ctx, 1, escrowtypes.ProductEscrow{
		ProductId: 1, Miner: miner, Status: escrowtypes.ESCROW_STATUS_TERMINATED, StatusReason: "benchmark", TermDays: rfTermDays,
		DaysElapsed: 100, NextDay: 101, RewardDenom: "aifil", TotalPower: power.MulRaw(int64(nfts)), Nfts: uint64(nfts),
		Index: z, Residual: z, Deposited: z, RewardsPaid: z, DepositedToday: z, RoundIndex: z, RefundDone: true,
		MissedDays: rfUnpaidDays, UnpaidDays: rfUnpaidDays,
	}))
	must(ek.CurrentDay.Set(ctx, 100))
	insured := math.NewInt(rfPrice)
	for i := 1; i <= nfts; i++ {
		if i%100_000 == 0 {
			ch.commit(b)
			ctx = ch.ctx()
		}
		holder := sdk.AccAddress(fmt.Appendf(nil, "holder-%013d", i))
		must(hk.NFTs.Set(ctx, uint64(i), hashnfttypes.NFT{
			Id: uint64(i), ProductId: 1, Serial: uint64(i), Power: power, TermStart: start, TermEnd: end,
			MinerNodeId: "f01234", Owner: holder.String(),
		}))
		if i%2 == 0 {
			p := riskfundtypes.Policy{NftId: uint64(i), ProductId: 1, Buyer: holder.String(), Denom: "udmc", InsuredValue: insured,
				Premium: math.NewInt(rfPrice / 50), BoughtDay: 1, CoverStartDay: 8, UnpaidDaysAtStart: 0, CoverStarted: true, TermDays: rfTermDays}
			must(rk.Policies.Set(ctx, p.NftId, p))
			must(rk.PolicyByBuyer.Set(ctx, collections.Join(holder, p.NftId)))
			must(rk.PolicyByProduct.Set(ctx, collections.Join(p.ProductId, p.NftId)))
		}
	}
	must(hk.NextNFTID.Set(ctx, uint64(nfts)+1))
	must(hk.NextProductID.Set(ctx, 2))
	// The policies' cover is committed in the fund's books (the premiums are left out: the fund
	// holds its genesis allocation, far more than the claims and the compensation).
	books, err := rk.Books.Get(ctx, "udmc")
	must(err)
	books.Committed = books.Committed.Add(insured.MulRaw(int64(nfts / 2)))
	must(rk.Books.Set(ctx, "udmc", books))
	must(rk.TerminationHooks().BeforeProductTerminated(ctx, 1))
	auth, err := e.App.DaoKeeper.GetAuthority(ctx)
	must(err)
	_, err = riskfundkeeper.NewMsgServerImpl(rk).Compensate(ctx, &riskfundtypes.MsgCompensate{
		Authority: auth.String(), ProductId: 1, Amount: sdk.NewCoin("udmc", math.NewInt(rfCompPerNFT).MulRaw(int64(nfts))),
	})
	must(err)
	must(rk.CheckBooks(ctx))
	ch.commit(b)
	return ch
}

// ctx is a context straight on the committed store at the next height (writes go into the
// working trees, which the next commit writes).
func (ch *riskFundChain) ctx() sdk.Context {
	return ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1, Time: ch.time})
}

// commit writes what is pending to disk with an empty block (whose BeginBlock runs one more
// block of rounds).
func (ch *riskFundChain) commit(b *testing.B) {
	ch.height++
	if _, err := ch.e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: ch.height, Time: ch.time}); err != nil {
		b.Fatal(err)
	}
	if _, err := ch.e.App.Commit(); err != nil {
		b.Fatal(err)
	}
	ch.pending = 0
}

// advance runs the fund's rounds, block after block, until reached says the run is there, then
// commits and compacts the database (as a node's background compaction would have). The rounds
// run straight on the committed store, committed every 50 blocks: a block per round would take
// minutes at 100,000 NFTs. The final commit's block runs one more block of rounds.
func (ch *riskFundChain) advance(b *testing.B, what string, reached func(sdk.Context) bool) {
	rk := ch.e.App.RiskfundKeeper
	for blocks := 0; !reached(ch.ctx()); blocks++ {
		if blocks > 2*ch.nfts {
			b.Fatalf("%d NFTs: no %s after %d blocks", ch.nfts, what, blocks)
		}
		if ch.pending == 50 {
			ch.commit(b)
		}
		ctx := ch.ctx().WithEventManager(sdk.NewEventManager())
		if err := rk.BeginBlocker(ctx); err != nil {
			b.Fatal(err)
		}
		for _, ev := range ctx.EventManager().Events() {
			if ev.Type == blockhook.EventTypeHookFailed {
				b.Fatalf("%d NFTs: the rounds failed on the way to %s: %v", ch.nfts, what, ev.Attributes)
			}
		}
		ch.pending++
	}
	ch.commit(b)
	if err := rk.CheckBooks(ch.ctx()); err != nil {
		b.Fatal(err)
	}
	if err := ch.db.ForceCompact(nil, nil); err != nil {
		b.Fatal(err)
	}
}

// fresh is a cache of the committed state with a gas meter that counts every read and write.
func (ch *riskFundChain) fresh(i int) sdk.Context {
	ctx, _ := ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1 + int64(i), Time: ch.time}).CacheContext()
	return ctx.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
}

// BenchmarkRiskFundRounds times x/riskfund's BeginBlocker (its bounded rounds) at 1,000 and at
// 100,000 NFTs, side by side: one product, half of its NFTs insured, terminated, compensated,
// and the three stages of its rounds, each measured half way through: job=record (phase 1 of
// the claim run: policies turned into claims), job=pay (phase 2: the claims paid) and
// job=compensate (the compensation paid per NFT, after the claims). Every stage does
// rounds_per_block (100) steps a block, whatever the product's size, so store gas
// (deterministic) must stay flat within 1%.
//
// Each iteration runs the block on a fresh cache of the committed state, on the small chain,
// then on the large one, so both see the same machine; times are medians (p50).
func BenchmarkRiskFundRounds(b *testing.B) {
	var chains []*riskFundChain
	for _, nfts := range []int{1_000, 100_000} {
		t0 := time.Now()
		chains = append(chains, riskFundBenchEnv(b, nfts))
		b.Logf("setup of %d NFTs: %s", nfts, time.Since(t0).Round(time.Millisecond))
	}
	params, err := chains[0].e.App.RiskfundKeeper.Params.Get(chains[0].ctx())
	if err != nil {
		b.Fatal(err)
	}
	steps := int(params.RoundsPerBlock)
	// Each stage is measured once its cursor passed 40% of the records it visits (and the
	// commit's block 100 more): at 1,000 NFTs, at least 200 of them are left after it.
	run := func(ch *riskFundChain, c sdk.Context) (riskfundtypes.ClaimRun, bool) {
		r, err := ch.e.App.RiskfundKeeper.ClaimRuns.Get(c, 1)
		return r, err == nil
	}
	stages := []struct {
		job     string
		event   string
		reached func(ch *riskFundChain, c sdk.Context) bool
	}{
		{"record", "dmex.riskfund.v1.EventClaimRecorded", func(ch *riskFundChain, c sdk.Context) bool {
			r, ok := run(ch, c)
			return ok && r.Phase == 1 && r.Cursor >= uint64(ch.nfts*2/5)
		}},
		{"pay", "dmex.riskfund.v1.EventClaimPaid", func(ch *riskFundChain, c sdk.Context) bool {
			r, ok := run(ch, c)
			return ok && r.Phase == 2 && r.Cursor >= uint64(ch.nfts*2/5)
		}},
		{"compensate", "dmex.riskfund.v1.EventCompensationPaid", func(ch *riskFundChain, c sdk.Context) bool {
			if _, ok := run(ch, c); ok {
				return false
			}
			comp, err := ch.e.App.RiskfundKeeper.Compensations.Get(c, 1)
			if err != nil {
				b.Fatal(err)
			}
			return comp.Cursor >= uint64(ch.nfts*2/5)
		}},
	}
	for _, st := range stages {
		for _, ch := range chains {
			t0 := time.Now()
			ch.advance(b, st.job, func(c sdk.Context) bool { return st.reached(ch, c) })
			b.Logf("%d NFTs: to %s in %s", ch.nfts, st.job, time.Since(t0).Round(time.Millisecond))
		}
		b.Run("job="+st.job, func(b *testing.B) {
			times := make([][]time.Duration, len(chains))
			gas := make([]uint64, len(chains))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k, ch := range chains {
					b.StopTimer()
					c := ch.fresh(i)
					rk := ch.e.App.RiskfundKeeper
					b.StartTimer()
					t0 := time.Now()
					err := rk.BeginBlocker(c)
					times[k] = append(times[k], time.Since(t0))
					b.StopTimer()
					if err != nil {
						b.Fatal(err)
					}
					gas[k] += c.GasMeter().GasConsumed()
					n := 0
					for _, ev := range c.EventManager().Events() {
						switch ev.Type {
						case st.event:
							n++
						case blockhook.EventTypeHookFailed:
							b.Fatalf("%s at %d NFTs: the rounds failed: %v", st.job, ch.nfts, ev.Attributes)
						}
					}
					if n != steps {
						b.Fatalf("%s at %d NFTs: %d %s events, want %d", st.job, ch.nfts, n, st.event, steps)
					}
					if i == 0 {
						if err := rk.CheckBooks(c); err != nil {
							b.Fatal(err)
						}
					}
					b.StartTimer()
				}
			}
			b.StopTimer()
			p50 := func(ts []time.Duration) float64 {
				slices.Sort(ts)
				return float64(ts[len(ts)/2].Nanoseconds()) / 1000
			}
			small, large := p50(times[0]), p50(times[1])
			gs, gl := float64(gas[0])/float64(b.N), float64(gas[1])/float64(b.N)
			b.ReportMetric(small, "us@1k(p50)")
			b.ReportMetric(large, "us@100k(p50)")
			b.ReportMetric(100*(large-small)/small, "%time")
			b.ReportMetric(gs, "gas@1k")
			b.ReportMetric(gl, "gas@100k")
			b.ReportMetric(100*(gl-gs)/gs, "%gas")
		})
	}
}
