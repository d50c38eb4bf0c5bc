package bench

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/jointmine/keeper"
	jmtypes "github.com/dmexchain/dmex/x/jointmine/types"
)

// The joint-mining benchmark chains: pool 1 in its growth period with size holders of 1 IFIL of
// shares each (and size/10 redemptions queued, 1 IFIL each, with cash for 60 of them);
// pool 2 settling with size holders owed an equal part of its maturity fund.
const (
	jmShare      = 1_000_000_000_000_000_000 // 1 IFIL of shares per holder
	jmMaturityEa = 1_000_000_000_000         // each holder's maturity part (aifil)
	// jmCash is pool 1's liquid IFIL: more than a block pays, and the same at both sizes, so the
	// module's balance has as many digits on both chains (its bytes are store gas).
	jmCash = 60
)

type jmChain struct {
	e      *testutil.Env
	size   int
	height int64
	time   time.Time
	actor  *testutil.Account
	other  *testutil.Account
}

func (ch *jmChain) ctx() sdk.Context {
	return ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1, Time: ch.time})
}

func (ch *jmChain) commit(b *testing.B) {
	lc := &lendingChain{e: ch.e, height: ch.height, time: ch.time}
	lc.commit(b)
	ch.height = lc.height
}

func jmHolderAddr(i int) sdk.AccAddress {
	return sdk.AccAddress(fmt.Appendf(nil, "jm-holder-%010d", i))
}

// jmBenchEnv writes both pools and their holders straight into state (committing every 100,000).
func jmBenchEnv(b *testing.B, size int) *jmChain {
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := testutil.New(b, testutil.Options{Accounts: 2, DB: db})
	ch := &jmChain{e: e, size: size, height: e.App.LastBlockHeight(), time: testutil.GenesisTime.Add(time.Hour), actor: e.Accounts[0], other: e.Accounts[1]}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	k := e.App.JointmineKeeper
	z := math.ZeroInt()
	queued := size / 10
	share := math.NewInt(jmShare)
	n := math.NewInt(int64(size))
	base := jmtypes.Pool{
		Miner: ch.actor.Addr.String(), TargetTib: 1_000_000, Disclosure: "bench", Deposit: sdk.NewInt64Coin("udmc", 1), IfilDenom: "aifil",
		ApprovedAt: ch.time.Add(-time.Hour), StUpdated: ch.time.Add(-time.Hour), GenesisDeposited: z, Pledged: z, PledgeOwed: z,
		Income: z, StIndex: z, StResidual: z, StForfeited: z, MaturityFund: z, MaturityPaid: z, Returned: z, Compensated: z, Queued: z,
	}
	p1 := base
	p1.Id, p1.NodeId, p1.Denom, p1.Status = 1, "f01", jmtypes.PoolDenom(1), jmtypes.PoolStatus_POOL_STATUS_GROWTH
	p1.TermEnd, p1.GraceEnd = ch.time.Add(540*24*time.Hour), ch.time.Add(570*24*time.Hour)
	p1.Cap = share.Mul(n)
	p1.GenesisDeposited = p1.Cap
	p1.Pledged, p1.PledgeOwed = p1.Cap, p1.Cap // the cap pledged: the net value is the owed pledge
	p1.Supply = share.Mul(n.AddRaw(10))        // the holders' and the actor's
	p1.Queued = share.MulRaw(int64(queued))
	p1.Liquid = share.MulRaw(jmCash) // cash for more than a block's payouts: the block's bound stops it
	p1.RedemptionsQueued = uint64(queued)
	p2 := base
	p2.Id, p2.NodeId, p2.Denom, p2.Status = 2, "f02", jmtypes.PoolDenom(2), jmtypes.PoolStatus_POOL_STATUS_SETTLING
	p2.TermEnd, p2.GraceEnd = ch.time.Add(-time.Minute), ch.time
	p2.Cap, p2.Supply, p2.Liquid = share, z, z
	p2.StSeconds = uint64(size)
	p2.MaturityFund = math.NewInt(jmMaturityEa).Mul(n)
	p2.StUpdated = p2.TermEnd
	c := ch.ctx()
	must(k.Pools.Set(c, 1, p1))
	must(k.Pools.Set(c, 2, p2))
	must(k.NextPoolID.Set(c, 3))
	must(k.PoolByNode.Set(c, "f01", 1))
	must(k.PoolByNode.Set(c, "f02", 2))
	// the module's cash: pool 1's liquid and pool 2's fund
	cash := sdk.NewCoins(sdk.NewCoin("aifil", p1.Liquid.Add(p2.MaturityFund)))
	must(e.App.BankKeeper.SendCoinsFromAccountToModule(c, ch.actor.Addr, jmtypes.ModuleName, cash))
	// the actor's 10 IFIL of dToken (minted, booked)
	mine := sdk.NewCoins(sdk.NewCoin(p1.Denom, share.MulRaw(10)))
	must(e.App.BankKeeper.MintCoins(c, jmtypes.ModuleName, mine))
	must(e.App.BankKeeper.SendCoinsFromModuleToAccount(c, jmtypes.ModuleName, ch.actor.Addr, mine))
	must(k.Holders.Set(c, collections.Join(uint64(1), ch.actor.Addr), jmtypes.Holder{PoolId: 1, Address: ch.actor.Addr.String(),
		Shares: share.MulRaw(10), StEntry: z, StOwed: z, MaturityPaid: z}))
	owed := math.NewInt(1).Mul(keeper.TimeUnit).Mul(rewards.Precision) // one pool-second each
	for i := 1; i <= size; i++ {
		if i%100_000 == 0 {
			ch.commit(b)
			c = ch.ctx()
		}
		a := jmHolderAddr(i)
		must(k.Holders.Set(c, collections.Join(uint64(1), a), jmtypes.Holder{PoolId: 1, Address: a.String(), Shares: share, StEntry: z, StOwed: z, MaturityPaid: z}))
		must(k.Holders.Set(c, collections.Join(uint64(2), a), jmtypes.Holder{PoolId: 2, Address: a.String(), Shares: z, StEntry: z, StOwed: owed, MaturityPaid: z}))
		if i <= queued {
			must(k.Redemptions.Set(c, collections.Join(uint64(1), uint64(i)), jmtypes.Redemption{
				Id: uint64(i), PoolId: 1, Owner: a.String(), Burned: share, Value: share, Fee: z, FeeLeft: z, Left: share, RequestedAt: ch.time,
			}))
		}
	}
	// due at the measured blocks' time, after the setup's last block
	must(k.PayQueue.Push(c, ch.due(), 1))
	must(k.SettleQueue.Push(c, ch.due(), 2))
	ch.commit(b)
	must(db.ForceCompact(nil, nil))
	return ch
}

// due is the measured blocks' time, a minute after the setup's blocks.
func (ch *jmChain) due() time.Time { return ch.time.Add(time.Minute) }

func (ch *jmChain) fresh(i int) sdk.Context {
	ctx, _ := ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1 + int64(i), Time: ch.due()}).CacheContext()
	return ctx.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
}

// jmSizes are the two chains' sizes: JOINTMINE_BENCH_SIZES=1000,100000 picks others.
func jmSizes(b *testing.B) []int {
	sizes := []int{1_000, 1_000_000}
	if env := os.Getenv("JOINTMINE_BENCH_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1_000 {
				b.Fatalf("JOINTMINE_BENCH_SIZES: %q (each at least 1000)", f)
			}
			sizes = append(sizes, n)
		}
	}
	if len(sizes) != 2 {
		b.Fatalf("JOINTMINE_BENCH_SIZES: two sizes, small and large; got %v", sizes)
	}
	return sizes
}

// BenchmarkJointmine times, at 1,000 and 1,000,000 holders side by side, a deposit (growth, at
// the net value), a redemption (paid from cash), a bank transfer of dToken (the send restriction
// settles both sides' share-time), one block's queued payouts (redemptions_per_block, 50, of
// size/10 queued) and one block's maturity round (settlements_per_block, 100, of size holders).
// Each is O(1) or bounded per block: store gas (deterministic) must stay within 1% between the
// sizes, or the benchmark fails; so does any failed hook or queue item, or a block that does not
// do its full bound.
func BenchmarkJointmine(b *testing.B) {
	var chains []*jmChain
	for _, size := range jmSizes(b) {
		t0 := time.Now()
		chains = append(chains, jmBenchEnv(b, size))
		b.Logf("setup of %d holders in two pools: %s", size, time.Since(t0).Round(time.Millisecond))
	}
	jk := func(ch *jmChain) keeper.Keeper { return ch.e.App.JointmineKeeper }
	// setups (outside the gas count): the redemption is paid from cash (no queue before it); each
	// block job has only its own queue due.
	noQueue := func(ch *jmChain, c sdk.Context) error {
		p, err := jk(ch).Pools.Get(c, 1)
		if err != nil {
			return err
		}
		p.Queued = math.ZeroInt()
		return jk(ch).Pools.Set(c, 1, p)
	}
	onlyPay := func(ch *jmChain, c sdk.Context) error { return jk(ch).SettleQueue.Remove(c, ch.due(), 2) }
	onlySettle := func(ch *jmChain, c sdk.Context) error { return jk(ch).PayQueue.Remove(c, ch.due(), 1) }
	jobs := []struct {
		name  string
		setup func(ch *jmChain, c sdk.Context) error
		run   func(ch *jmChain, c sdk.Context) error
		event string
		want  int
	}{
		{"deposit", onlyPay, func(ch *jmChain, c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(ch.e.App.JointmineKeeper).Deposit(c, &jmtypes.MsgDeposit{Depositor: ch.actor.Addr.String(), PoolId: 1, Amount: sdk.NewCoin("aifil", math.NewInt(jmShare))})
			return err
		}, "dmex.jointmine.v1.EventDeposited", 1},
		{"redeem", noQueue, func(ch *jmChain, c sdk.Context) error {
			_, err := keeper.NewMsgServerImpl(ch.e.App.JointmineKeeper).Redeem(c, &jmtypes.MsgRedeem{Owner: ch.actor.Addr.String(), PoolId: 1, Shares: sdk.NewCoin(jmtypes.PoolDenom(1), math.NewInt(jmShare))})
			return err
		}, "dmex.jointmine.v1.EventRedeemed", 1},
		{"transfer", onlyPay, func(ch *jmChain, c sdk.Context) error {
			return ch.e.App.BankKeeper.SendCoins(c, ch.actor.Addr, ch.other.Addr, sdk.NewCoins(sdk.NewCoin(jmtypes.PoolDenom(1), math.NewInt(jmShare))))
		}, "dmex.jointmine.v1.EventShareTimeMoved", 1},
		{"queue", onlyPay, func(ch *jmChain, c sdk.Context) error { return ch.e.App.JointmineKeeper.BeginBlocker(c) }, "dmex.jointmine.v1.EventRedemptionPaid", 50},
		{"rounds", onlySettle, func(ch *jmChain, c sdk.Context) error { return ch.e.App.JointmineKeeper.BeginBlocker(c) }, "dmex.jointmine.v1.EventMaturityPaid", 100},
	}
	for _, job := range jobs {
		b.Run("job="+job.name, func(b *testing.B) {
			times := make([][]time.Duration, len(chains))
			gas := make([]uint64, len(chains))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k, ch := range chains {
					b.StopTimer()
					c := ch.fresh(i)
					if err := job.setup(ch, c); err != nil {
						b.Fatal(err)
					}
					start := c.GasMeter().GasConsumed()
					b.StartTimer()
					t0 := time.Now()
					err := job.run(ch, c)
					times[k] = append(times[k], time.Since(t0))
					b.StopTimer()
					if err != nil {
						b.Fatalf("%s at %d: %v", job.name, ch.size, err)
					}
					gas[k] += c.GasMeter().GasConsumed() - start
					got := 0
					for _, ev := range c.EventManager().Events() {
						switch ev.Type {
						case job.event:
							got++
						case blockhook.EventTypeHookFailed, itemFailed:
							b.Fatalf("%s at %d: %s %v", job.name, ch.size, ev.Type, ev.Attributes)
						}
					}
					if got != job.want {
						b.Fatalf("%s at %d: %d %s, want %d", job.name, ch.size, got, job.event, job.want)
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
			pct := 100 * (gl - gs) / gs
			b.ReportMetric(pct, "%gas")
			if pct > 1 || pct < -1 {
				b.Errorf("%s: store gas %.0f at %d, %.0f at %d: %.2f%%, not within 1%%", job.name, gs, chains[0].size, gl, chains[1].size, pct)
			}
		})
	}
}
