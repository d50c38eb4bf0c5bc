package bench

import (
	"fmt"
	"os"
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

	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// escrowBenchEnv is a chain with one product of nfts NFTs (4 TiB each) owned round-robin by
// holders holders, each NFT owed 4,000 aifil, and its escrow's payout round half done. The
// records are written straight into state and committed with an empty block.
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
	must(e.App.BankKeeper.SendCoinsFromAccountToModule(ctx, funder.Addr, hashnfttypes.EscrowAccount, held))
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
	return e, h - 1, t
}

// BenchmarkEscrow times x/escrow's two per-block jobs on goleveldb with 1,000 and 1,000,000
// NFTs (100,000 holders at most): "payouts" is BeginBlock's payout round (payouts_per_block =
// 100 NFTs paid), "day" is the day-end hook closing the product's day (risk counters and the
// release to the miner). Both are bounded per block, so the figures must stay flat.
func BenchmarkEscrow(b *testing.B) {
	sizes := []int{1_000, 1_000_000}
	// ESCROW_BENCH_NFTS=1000,100000 picks other sizes (the million-NFT setup takes about half an
	// hour on two cores).
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
	for _, nfts := range sizes {
		holders := min(nfts, 100_000)
		e, h, t := escrowBenchEnv(b, nfts, holders)
		ek := e.App.EscrowKeeper
		for _, job := range []string{"payouts", "day"} {
			b.Run(fmt.Sprintf("%s/nfts=%d/holders=%d", job, nfts, holders), func(b *testing.B) {
				b.ReportAllocs()
				b.ResetTimer()
				var elapsed time.Duration
				var gas uint64
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					c, _ := e.App.NewUncachedContext(false, cmtproto.Header{Height: h + 2 + int64(i), Time: t}).CacheContext()
					c = c.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
					b.StartTimer()
					t0 := time.Now()
					var err error
					if job == "payouts" {
						err = ek.ProcessPayouts(c)
					} else {
						err = ek.EpochHooks().AfterEpochEnd(c, "day", 1)
					}
					elapsed += time.Since(t0)
					b.StopTimer()
					if err != nil {
						b.Fatal(err)
					}
					gas += c.GasMeter().GasConsumed()
					want := map[string]string{"payouts": "dmex.escrow.v1.EventRewardsPaid", "day": "dmex.escrow.v1.EventDayClosed"}[job]
					n := 0
					for _, ev := range c.EventManager().Events() {
						if ev.Type == want {
							n++
						}
					}
					if (job == "payouts" && n != 100) || (job == "day" && n != 1) {
						b.Fatalf("%s: %d %s events", job, n, want)
					}
					b.StartTimer()
				}
				b.StopTimer()
				b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/1000, "us/block")
				b.ReportMetric(float64(gas)/float64(b.N), "storegas/block")
			})
		}
	}
}
