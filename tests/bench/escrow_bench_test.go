package bench

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// escrowBenchEnv is a chain with one product of nfts NFTs (4 TiB each) owned round-robin by
// holders holders, each NFT owed 4,000 aifil, and its escrow's payout round half done. The
// records are written straight into state (no message: a million purchases would take hours),
// committed with an empty block every 100,000 NFTs, and the database is compacted.
func escrowBenchEnv(b *testing.B, nfts, holders int) (*testutil.Env, int64, time.Time) {
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := testutil.New(b, testutil.Options{Accounts: 1, DB: db})
	funder := e.Accounts[0]
	hk, ek := e.App.HashnftKeeper, e.App.EscrowKeeper
	h := e.App.LastBlockHeight()
	ctx := e.App.NewUncachedContext(false, cmtproto.Header{Height: h, Time: testutil.GenesisTime})
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	miner := funder.Addr.String()
	start := testutil.GenesisTime
	power := math.NewInt(4)
	must(hk.Products.Set(ctx, 1, hashnfttypes.Product{
		Id: 1, Miner: miner, Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: power, Count: uint64(nfts),
		TermDays: 360, TermStart: start, TermEnd: start.Add(360 * 24 * time.Hour), Status: hashnfttypes.PRODUCT_STATUS_ACTIVE,
		Sold: uint64(nfts), Created: uint64(nfts), Price: sdk.NewInt64Coin("udmc", 1),
	}))
	held := sdk.NewCoins(sdk.NewInt64Coin("udmc", 360_000_000))
	must(hk.Escrows.Set(ctx, 1, hashnfttypes.Escrow{ProductId: 1, PaidIn: held, Held: held}))
	must(e.App.BankKeeper.SendCoinsFromAccountToModule(ctx, funder.Addr, modaccounts.HashnftEscrow, held))
	perUnit := math.NewInt(1_000)
	owed := perUnit.Mul(power).MulRaw(int64(nfts))
	must(e.App.BankKeeper.SendCoinsFromAccountToModule(ctx, funder.Addr, escrowtypes.ModuleName, sdk.NewCoins(sdk.NewCoin("aifil", owed))))
	index := perUnit.Mul(rewards.Precision)
	t := testutil.GenesisTime.Add(time.Hour)
	// commit writes what is pending to disk with an empty block (in chunks: a million NFTs at once
	// would hold the whole tree in memory).
	commit := func() {
		h++
		if _, err := e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h, Time: t}); err != nil {
			b.Fatal(err)
		}
		if _, err := e.App.Commit(); err != nil {
			b.Fatal(err)
		}
		ctx = e.App.NewUncachedContext(false, cmtproto.Header{Height: h, Time: t})
	}
	for i := 1; i <= nfts; i++ {
		if i%100_000 == 0 {
			commit()
		}
		owner := sdk.AccAddress(fmt.Appendf(nil, "holder-%013d", i%holders)).String()
		must(hk.NFTs.Set(ctx, uint64(i), hashnfttypes.NFT{
			Id: uint64(i), ProductId: 1, Serial: uint64(i), Power: power, TermStart: start, TermEnd: start.Add(360 * 24 * time.Hour),
			MinerNodeId: "f01234", Owner: owner,
		}))
		must(ek.Positions.Set(ctx, uint64(i), escrowtypes.Position{NftId: uint64(i), ProductId: 1, Entry: math.ZeroInt(), OwedScaled: math.ZeroInt(), Paid: math.ZeroInt()}))
	}
	must(hk.NextNFTID.Set(ctx, uint64(nfts)+1))
	must(hk.NextProductID.Set(ctx, 2))
	z := math.ZeroInt()
	must(ek.Escrows.Set(ctx, 1, escrowtypes.ProductEscrow{
		ProductId: 1, Miner: miner, Status: escrowtypes.ESCROW_STATUS_ACTIVE, TermDays: 360, NextDay: 1, RewardDenom: "aifil",
		TotalPower: power.MulRaw(int64(nfts)), Nfts: uint64(nfts), Index: index, Residual: z, Deposited: owed, RewardsPaid: z,
		DepositedToday: owed, Deposits: 1, RoundIndex: index, PayoutQueued: true, RoundOpen: true, RoundCursor: uint64(nfts / 2),
	}))
	must(ek.DayQueue.Push(ctx, 1, 1))
	must(ek.PayoutQueue.Push(ctx, 0, 1))
	must(ek.CurrentDay.Set(ctx, 0))
	commit()
	// as a node's background compaction would have
	must(db.ForceCompact(nil, nil))
	return e, h - 1, t
}

// escrowChain is one benchmark chain: its env and the last committed height and time.
type escrowChain struct {
	e      *testutil.Env
	nfts   int
	height int64
	time   time.Time
}

// fresh is a cache of the committed state with a gas meter that counts every read and write.
// cursor >= 0 moves the payout round's cursor there first (in the cache, outside the timing).
func (c escrowChain) fresh(b *testing.B, i int, cursor int) sdk.Context {
	ctx, _ := c.e.App.NewUncachedContext(false, cmtproto.Header{Height: c.height + 2 + int64(i), Time: c.time}).CacheContext()
	ctx = ctx.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
	if cursor >= 0 {
		ek := c.e.App.EscrowKeeper
		pe, err := ek.Escrows.Get(ctx, 1)
		if err != nil {
			b.Fatal(err)
		}
		pe.RoundCursor = uint64(cursor)
		if err := ek.Escrows.Set(ctx, 1, pe); err != nil {
			b.Fatal(err)
		}
		ctx = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	}
	return ctx
}

// BenchmarkEscrow times x/escrow's two per-block jobs on goleveldb at 1,000 NFTs (1,000
// holders) and at 1,000,000 NFTs (100,000 holders), side by side: each iteration runs the job on
// the small chain, then on the large one, so both see the same machine. "payouts" is
// BeginBlock's payout round (payouts_per_block = 100 NFTs paid), "day" is the day-end hook
// closing the product's day (risk counters and the release to the miner). Both are bounded per
// block, so store gas (deterministic) and the median time must stay flat.
//
// cache=warm: every iteration pays the same 100 NFTs (the round's cursor as committed, half way);
// cache=cold: every iteration moves the round's cursor to another place spread over the second
// half of the product, so at 1,000,000 NFTs the NFTs and positions read miss the node's caches.
func BenchmarkEscrow(b *testing.B) {
	sizes := []int{1_000, 1_000_000}
	// ESCROW_BENCH_NFTS=1000,100000 picks other sizes (small first, then large).
	if env := os.Getenv("ESCROW_BENCH_NFTS"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatalf("ESCROW_BENCH_NFTS: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	if len(sizes) != 2 {
		b.Fatalf("ESCROW_BENCH_NFTS: two sizes, small and large; got %v", sizes)
	}
	// ESCROW_BENCH_HOLDERS caps the holders (default 100,000): with few holders every payout goes
	// to an account the caches hold, which separates the registry's cost from the accounts'.
	maxHolders := 100_000
	if env := os.Getenv("ESCROW_BENCH_HOLDERS"); env != "" {
		n, err := strconv.Atoi(env)
		if err != nil || n < 1 {
			b.Fatalf("ESCROW_BENCH_HOLDERS: %q", env)
		}
		maxHolders = n
	}
	var chains []escrowChain
	for _, nfts := range sizes {
		t0 := time.Now()
		e, h, t := escrowBenchEnv(b, nfts, min(nfts, maxHolders))
		b.Logf("setup of %d NFTs: %s", nfts, time.Since(t0).Round(time.Second))
		chains = append(chains, escrowChain{e: e, nfts: nfts, height: h, time: t})
	}
	want := map[string]string{"payouts": "dmex.escrow.v1.EventRewardsPaid", "day": "dmex.escrow.v1.EventDayClosed"}
	for _, job := range []string{"payouts", "day"} {
		for _, cache := range []string{"warm", "cold"} {
			if job == "day" && cache == "cold" {
				continue // the day close reads the product's records only
			}
			b.Run(fmt.Sprintf("job=%s/cache=%s", job, cache), func(b *testing.B) {
				times := make([][]time.Duration, len(chains))
				gas := make([]uint64, len(chains))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for k, ch := range chains {
						b.StopTimer()
						cursor := -1
						if cache == "cold" {
							// a cursor spread over the NFTs not paid yet (the setup's commit
							// paid the 100 after the half), leaving at least 200 after it
							cursor = ch.nfts/2 + 100 + int((uint64(i)*7_919+13)%uint64(ch.nfts/2-300))
						}
						c := ch.fresh(b, i, cursor)
						ek := ch.e.App.EscrowKeeper
						b.StartTimer()
						t0 := time.Now()
						var err error
						if job == "payouts" {
							err = ek.ProcessPayouts(c)
						} else {
							err = ek.EpochHooks().AfterEpochEnd(c, "day", 1)
						}
						times[k] = append(times[k], time.Since(t0))
						b.StopTimer()
						if err != nil {
							b.Fatal(err)
						}
						gas[k] += c.GasMeter().GasConsumed()
						n := 0
						for _, ev := range c.EventManager().Events() {
							if ev.Type == want[job] {
								n++
							}
						}
						if (job == "payouts" && n != 100) || (job == "day" && n != 1) {
							b.Fatalf("%s at %d NFTs: %d %s events", job, ch.nfts, n, want[job])
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
				b.ReportMetric(small, "us@small(p50)")
				b.ReportMetric(large, "us@large(p50)")
				b.ReportMetric(100*(large-small)/small, "%time")
				b.ReportMetric(gs, "gas@small")
				b.ReportMetric(gl, "gas@large")
				b.ReportMetric(100*(gl-gs)/gs, "%gas")
			})
		}
	}
}
