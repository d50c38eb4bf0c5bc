package bench

import (
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	ammkeeper "github.com/dmexchain/dmex/x/amm/keeper"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
)

// ---- swaps and joins beside bank sends --------------------------------------------------------

// The tx benchmarks' pool: pool 1 of udmc (denom_a) and uusdt (denom_b) at 2 uusdt per udmc,
// created by the first account through MsgCreatePool; each swap is 2,000uusdt in or 1,000udmc in,
// each join at most 1,000udmc and 2,002uusdt.
const (
	amTxPerBlock  = 1_000
	amTxAccounts  = 1_000
	amPoolDMC     = 4_000_000_000 // 4,000 DMC
	amPoolUSDT    = 8_000_000_000
	amSwapUSDT    = 2_000
	amSwapDMC     = 1_000
	amJoinDMC     = 1_000
	amJoinUSDT    = 2_002
	amTxGas       = 400_000
	amDMCPerAcct  = 5_000_000_000 // 5,000 DMC each: 1,000 accounts fit the foundation's budget
	amPoolCreator = 0
)

// ammTxEnv is a chain on goleveldb with amTxAccounts funded accounts (each with 5,000 DMC and the
// demo coins, 10^12 uusdt among them) and pool 1 of udmc and uusdt.
func ammTxEnv(b *testing.B) *testutil.Env {
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := testutil.New(b, testutil.Options{Accounts: amTxAccounts, DB: db, DMCPerAccount: math.NewInt(amDMCPerAcct)})
	creator := e.Accounts[amPoolCreator]
	e.MustDeliver(creator, &ammtypes.MsgCreatePool{
		Creator: creator.Addr.String(),
		TokenA:  sdk.NewInt64Coin(ammtypes.DMCDenom, amPoolDMC), TokenB: sdk.NewInt64Coin("uusdt", amPoolUSDT),
	})
	if _, err := e.App.AmmKeeper.GetPool(e.Ctx(), 1); err != nil {
		b.Fatal(err)
	}
	return e
}

// amBlockStats adds up one kind of block: its txs, the time of FinalizeBlock + Commit (wall and
// process CPU), each block's wall time, gas used.
type amBlockStats struct {
	txs     int
	elapsed time.Duration
	cpu     time.Duration
	blocks  []time.Duration
	gas     int64
}

func (s amBlockStats) txPerSec() float64 { return float64(s.txs) / s.elapsed.Seconds() }

// deliver finalizes and commits txs as the block after the chain's last, at *t + 3 s (only
// FinalizeBlock + Commit timed), and fails the benchmark unless every tx succeeds.
func (s *amBlockStats) deliver(b *testing.B, e *testutil.Env, t *time.Time, what string, txs [][]byte) {
	b.Helper()
	*t = t.Add(3 * time.Second)
	req := &abci.RequestFinalizeBlock{Height: e.App.LastBlockHeight() + 1, Time: *t, Txs: txs}
	b.StartTimer()
	c0 := processCPU()
	t0 := time.Now()
	res, err := e.App.FinalizeBlock(req)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.App.Commit(); err != nil {
		b.Fatal(err)
	}
	d := time.Since(t0)
	s.cpu += processCPU() - c0
	b.StopTimer()
	s.elapsed += d
	s.blocks = append(s.blocks, d)
	if len(res.TxResults) != len(txs) {
		b.Fatalf("%s block %d: %d tx results, want %d", what, req.Height, len(res.TxResults), len(txs))
	}
	for k, tr := range res.TxResults {
		if tr.Code != 0 {
			b.Fatalf("%s block %d: tx %d failed: code=%d log=%s", what, req.Height, k, tr.Code, tr.Log)
		}
		s.gas += tr.GasUsed
	}
	s.txs += len(txs)
}

// runAmmTxBench alternates blocks of amTxPerBlock bank sends (1 udmc to the next account) and
// blocks of amTxPerBlock msgFor txs (block n's tx j by account j), one of each per iteration, so
// that the two see the same machine. It reports the message's tx/s and the bank sends', their
// ratio three ways (x-bank: of the totals; x-bank(p50): the median of each pair of blocks'
// ratio; x-bank(cpu): of the process CPU time per tx, the least sensitive to other work on the
// machine), and gas per tx of each. Any failed tx fails the benchmark; the books are checked at
// the end.
func runAmmTxBench(b *testing.B, e *testutil.Env, blocks *int, msgFor func(n, j int, a *testutil.Account) sdk.Msg) {
	r := rand.New(rand.NewSource(1))
	t := e.Ctx().BlockTime()
	var bank, msg amBlockStats
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		sends := hnSignedBlock(b, e, r, amTxPerBlock, func(j int, a *testutil.Account) sdk.Msg {
			to := e.Accounts[(j+1)%len(e.Accounts)]
			return banktypes.NewMsgSend(a.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		})
		bank.deliver(b, e, &t, "bank-send", sends)
		n := *blocks
		*blocks++
		txs := hnSignedBlock(b, e, r, amTxPerBlock, func(j int, a *testutil.Account) sdk.Msg { return msgFor(n, j, a) })
		msg.deliver(b, e, &t, "amm", txs)
	}
	b.ReportMetric(msg.txPerSec(), "tx/s")
	b.ReportMetric(float64(msg.elapsed.Microseconds())/float64(msg.txs), "us/tx")
	b.ReportMetric(float64(msg.gas)/float64(msg.txs), "gas/tx")
	b.ReportMetric(bank.txPerSec(), "bank-tx/s")
	b.ReportMetric(float64(bank.gas)/float64(bank.txs), "bank-gas/tx")
	b.ReportMetric(msg.txPerSec()/bank.txPerSec(), "x-bank")
	pairs := make([]float64, len(msg.blocks))
	for i := range pairs {
		pairs[i] = float64(bank.blocks[i]) / float64(msg.blocks[i])
	}
	slices.Sort(pairs)
	b.ReportMetric(pairs[len(pairs)/2], "x-bank(p50)")
	b.ReportMetric(float64(msg.cpu.Microseconds())/float64(msg.txs), "cpu-us/tx")
	b.ReportMetric(float64(bank.cpu.Microseconds())/float64(bank.txs), "bank-cpu-us/tx")
	b.ReportMetric(float64(bank.cpu)/float64(msg.cpu), "x-bank(cpu)")
	e.CheckInvariants()
	if err := e.App.AmmKeeper.CheckBooks(e.Ctx()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAmmSwapFinalizeCommit: blocks of 1,000 signed one-hop MsgSwapExactIn on pool 1
// (udmc/uusdt), tx j of block n selling 2,000uusdt for udmc when j+n is even and 1,000udmc for
// uusdt when it is odd (so the reserves stay near 2 uusdt per udmc and every account alternates),
// each with a minimum out of 99% of the quoted amount, beside blocks of 1,000 bank sends in the
// same run (alternating). goleveldb, 1,000 accounts. Any failed tx fails the benchmark.
func BenchmarkAmmSwapFinalizeCommit(b *testing.B) {
	e := ammTxEnv(b)
	blocks := 0
	b.Run(fmt.Sprintf("txPerBlock=%d/msg=swap-exact-in", amTxPerBlock), func(b *testing.B) {
		runAmmTxBench(b, e, &blocks, func(n, j int, a *testutil.Account) sdk.Msg {
			m := &ammtypes.MsgSwapExactIn{Sender: a.Addr.String()}
			if (j+n)%2 == 0 {
				// 2,000uusdt at 0.5 udmc per uusdt less the 0.3% fee: 996udmc; at least 990
				m.Route = []ammtypes.SwapHop{{PoolId: 1, DenomOut: ammtypes.DMCDenom}}
				m.TokenIn, m.MinOut = sdk.NewInt64Coin("uusdt", amSwapUSDT), math.NewInt(990)
			} else {
				m.Route = []ammtypes.SwapHop{{PoolId: 1, DenomOut: "uusdt"}}
				m.TokenIn, m.MinOut = sdk.NewInt64Coin(ammtypes.DMCDenom, amSwapDMC), math.NewInt(1_980)
			}
			return m
		})
	})
}

// BenchmarkAmmJoinFinalizeCommit: blocks of 1,000 signed MsgJoinPool on pool 1 (at most
// 1,000udmc and 2,002uusdt each, at least 1 share), beside blocks of 1,000 bank sends in the same
// run (alternating). goleveldb, 1,000 accounts. Any failed tx fails the benchmark.
func BenchmarkAmmJoinFinalizeCommit(b *testing.B) {
	e := ammTxEnv(b)
	blocks := 0
	b.Run(fmt.Sprintf("txPerBlock=%d/msg=join-pool", amTxPerBlock), func(b *testing.B) {
		runAmmTxBench(b, e, &blocks, func(_, _ int, a *testutil.Account) sdk.Msg {
			return &ammtypes.MsgJoinPool{
				Sender: a.Addr.String(), PoolId: 1,
				MaxA: sdk.NewInt64Coin(ammtypes.DMCDenom, amJoinDMC), MaxB: sdk.NewInt64Coin("uusdt", amJoinUSDT),
				MinShares: math.OneInt(),
			}
		})
	})
}

// ---- the buyback's block work at 10 and 10,000 pools --------------------------------------------

// The buyback chains. Every chain has the same 7 route pools (ids 1-7) and the same revenue in 6
// denoms; the others are filler pools of bench denoms ub00000, ub00001, … (their reserves minted
// into the amm account), so the chains differ only in how many pools there are:
//   - layout=apart: the fillers are the pairs of bench denoms (ub{i}, ub{j}), i < j, in the order
//     (0,1), (0,2), (1,2), (0,3), …: 10,000 pools among 142 denoms, none of them a revenue denom;
//   - layout=shared: filler k holds ub{k/5} and the (k mod 5)th non-DMC revenue denom (aifil,
//     uhbtc, uht, uhusd, uusdt), so on the large chain each of them is in about 2,000 pools: of
//     denoms no longer accepted (accepted_denoms may change; a genesis may hold any denoms).
//
// (With a bench denom per filler, 10,000 denoms, the books checks take tens of minutes: x/amm's
// CheckBooks sums the reserves with Coins.Add, and x/bank's GetAllBalances adds the amm account's
// balances one by one, each Add copying and sorting the whole set.)
var (
	amRoutePools = []struct{ x, y sdk.Coin }{
		{sdk.NewInt64Coin(ammtypes.DMCDenom, 1e11), sdk.NewInt64Coin("uusdt", 2e11)},                     // 1
		{sdk.NewInt64Coin(ammtypes.DMCDenom, 1e11), sdk.NewInt64Coin("uhusd", 2e11)},                     // 2
		{sdk.NewInt64Coin(ammtypes.DMCDenom, 1e11), sdk.NewInt64Coin("uht", 1e11)},                       // 3
		{sdk.NewInt64Coin("uhusd", 1e11), sdk.NewInt64Coin("uusdt", 1e11)},                               // 4
		{sdk.NewInt64Coin("uhbtc", 1e9), sdk.NewInt64Coin("uusdt", 2e11)},                                // 5: uhbtc's only route is through uusdt
		{sdk.NewCoin("aifil", math.NewIntWithDecimal(1, 23)), sdk.NewInt64Coin(ammtypes.DMCDenom, 1e11)}, // 6
		{sdk.NewCoin("aifil", math.NewIntWithDecimal(1, 23)), sdk.NewInt64Coin("uusdt", 2e11)},           // 7
	}
	// amRevenue: the platform revenue of each chain (80% set aside at the month epoch, in 240
	// slices: each slice moves a route's price by less than 0.02%).
	amRevenue = []sdk.Coin{
		sdk.NewCoin("aifil", math.NewIntWithDecimal(1, 21)), sdk.NewInt64Coin(ammtypes.DMCDenom, 1e9),
		sdk.NewInt64Coin("uhbtc", 5e7), sdk.NewInt64Coin("uht", 1e10), sdk.NewInt64Coin("uhusd", 1e10),
		sdk.NewInt64Coin("uusdt", 1e10),
	}
	amSharedDenoms = []string{"aifil", "uhbtc", "uht", "uhusd", "uusdt"}
)

const (
	// amFiller is each filler pool's reserve of each of its denoms.
	amFiller = 100_000
	// amSlicesPerBlock is the chains' buyback_slices_per_block: 6 buybacks are due at each
	// measured block, more than a block takes.
	amSlicesPerBlock = 4
	amBuybacks       = 6
	// amSwaps: the pool swaps of a measured block's 4 slices (buyback ids in denom order, all due
	// at the same time): aifil direct (1), udmc none, uhbtc through uusdt (2), uht direct (1).
	amSwaps = 4
)

var (
	evSetAside     = proto.MessageName(&ammtypes.EventBuybackSetAside{})
	evSlice        = proto.MessageName(&ammtypes.EventBuybackSlice{})
	evSliceRefused = proto.MessageName(&ammtypes.EventBuybackSliceRefused{})
	evSwap         = proto.MessageName(&ammtypes.EventSwap{})
)

// ammChain is one buyback chain: its env, pools and layout, the last committed height and time,
// and month, the time of the month epoch's block; sliced says the month's first two blocks are
// committed (job=slices measures the block one slice interval later).
type ammChain struct {
	e      *testutil.Env
	pools  int
	layout string
	height int64
	time   time.Time
	month  time.Time
	sliced bool
}

func (ch *ammChain) ctx(t time.Time) sdk.Context {
	return ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1, Time: t})
}

// commit writes what is pending with an empty block at t.
func (ch *ammChain) commit(b *testing.B, t time.Time) {
	ch.height++
	ch.time = t
	if _, err := ch.e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: ch.height, Time: t}); err != nil {
		b.Fatal(err)
	}
	if _, err := ch.e.App.Commit(); err != nil {
		b.Fatal(err)
	}
}

func (ch *ammChain) checkBooks(b *testing.B, c sdk.Context) {
	b.Helper()
	for _, chk := range ch.e.App.BooksChecks() {
		if err := chk.Run(c); err != nil {
			b.Fatalf("%s at %d pools: x/%s books check %q: %v", ch.layout, ch.pools, chk.Module, chk.Name, err)
		}
	}
}

// ammPool is a new pool of x and y with floor(sqrt(x·y)) shares, minimum locked.
func ammPool(id uint64, x, y sdk.Coin, locked math.Int, height int64) ammtypes.Pool {
	if y.Denom < x.Denom {
		x, y = y, x
	}
	return ammtypes.Pool{
		Id: id, DenomA: x.Denom, DenomB: y.Denom, ReserveA: x.Amount, ReserveB: y.Amount,
		Shares: ammtypes.InitialShares(x.Amount, y.Amount), LockedShares: locked, SwapFeeBps: 30, CreatedHeight: height,
	}
}

// ammBuybackChain is a chain on goleveldb with n pools: the route pools and n-7 fillers of the
// layout, imported through x/amm's InitGenesis (the exported genesis plus the pools, each with
// its first price record now) with the bank balances to match: the reserves of accepted denoms
// sent from the provider (the env's only account) into the amm account, those of bench denoms
// minted there, and each pool's unlocked shares minted to the provider. Then the revenue is paid
// into x/dmc's ledger, buyback_slices_per_block set to 4, every books check run, one block
// committed and the database compacted. The month epoch's block is 2 hours later.
func ammBuybackChain(b *testing.B, n int, layout string) *ammChain {
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	big := sdk.NewCoins(
		sdk.NewInt64Coin("uusdt", 1e15), sdk.NewInt64Coin("uhusd", 1e15), sdk.NewInt64Coin("uht", 1e15),
		sdk.NewInt64Coin("uhbtc", 1e13), sdk.NewCoin("aifil", math.NewIntWithDecimal(1, 27)),
	)
	e := testutil.New(b, testutil.Options{Accounts: 1, DB: db, DMCPerAccount: math.NewInt(1e12), ExtraCoins: big})
	ch := &ammChain{e: e, pools: n, layout: layout, height: e.App.LastBlockHeight(), time: e.Ctx().BlockTime()}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	c := ch.ctx(ch.time.Add(3 * time.Second))
	now := c.BlockTime()
	k, bk := e.App.AmmKeeper, e.App.BankKeeper
	provider := e.Accounts[0].Addr
	gs, err := k.ExportGenesis(c)
	must(err)
	if len(gs.Pools) != 0 {
		b.Fatalf("the env already has %d pools", len(gs.Pools))
	}
	gs.Params.BuybackSlicesPerBlock = amSlicesPerBlock
	locked := gs.Params.MinimumLiquidity
	// Coins.Add is linear in the coins held: the bench denoms are summed by denom and the shares
	// (one denom per pool) listed, then each sorted once.
	fromProvider := sdk.NewCoins()
	minted := map[string]math.Int{}
	var shares []sdk.Coin
	add := func(x, y sdk.Coin) {
		id := uint64(len(gs.Pools) + 1)
		p := ammPool(id, x, y, locked, c.BlockHeight())
		gs.Pools = append(gs.Pools, p)
		gs.TwapRecords = append(gs.TwapRecords, ammtypes.TwapRecord{
			PoolId: id, Time: now, Height: c.BlockHeight(), CumulativeA: math.LegacyZeroDec(), CumulativeB: math.LegacyZeroDec(),
		})
		for _, co := range []sdk.Coin{x, y} {
			if strings.HasPrefix(co.Denom, "ub") {
				if m, ok := minted[co.Denom]; ok {
					minted[co.Denom] = m.Add(co.Amount)
				} else {
					minted[co.Denom] = co.Amount
				}
			} else {
				fromProvider = fromProvider.Add(co)
			}
		}
		shares = append(shares, sdk.NewCoin(ammtypes.ShareDenom(id), p.Shares.Sub(locked)))
	}
	for _, rp := range amRoutePools {
		add(rp.x, rp.y)
	}
	if n < len(amRoutePools) {
		b.Fatalf("%d pools: at least the %d route pools", n, len(amRoutePools))
	}
	ub := func(i int) sdk.Coin { return sdk.NewInt64Coin(fmt.Sprintf("ub%05d", i), amFiller) }
	fillers := n - len(amRoutePools)
	switch layout {
	case "apart":
		for j := 1; fillers > 0; j++ {
			for i := 0; i < j && fillers > 0; i++ {
				add(ub(i), ub(j))
				fillers--
			}
		}
	case "shared":
		for f := 0; f < fillers; f++ {
			add(ub(f/len(amSharedDenoms)), sdk.NewInt64Coin(amSharedDenoms[f%len(amSharedDenoms)], amFiller))
		}
	default:
		b.Fatalf("layout %q", layout)
	}
	gs.NextPoolId = uint64(len(gs.Pools) + 1)
	must(bk.SendCoinsFromAccountToModule(c, provider, ammtypes.ModuleName, fromProvider))
	if len(minted) > 0 {
		var mint []sdk.Coin
		for d, a := range minted {
			mint = append(mint, sdk.NewCoin(d, a))
		}
		must(bk.MintCoins(c, ammtypes.ModuleName, sdk.NewCoins(mint...)))
	}
	must(bk.MintCoins(c, ammtypes.ModuleName, sdk.NewCoins(shares...)))
	must(bk.SendCoinsFromModuleToAccount(c, ammtypes.ModuleName, provider, sdk.NewCoins(shares...)))
	must(k.InitGenesis(c, *gs))
	for _, r := range amRevenue {
		must(e.App.DmcKeeper.PayRevenueFromAccount(c, modaccounts.SourceChannelFee, provider, r))
	}
	ch.checkBooks(b, c)
	ch.commit(b, now)
	ch.month = now.Add(2 * time.Hour)
	ch.checkBooks(b, ch.ctx(ch.time))
	must(db.ForceCompact(nil, nil))
	return ch
}

// monthBlock is x/amm's part of the month epoch's block at t: the `month` epoch's end (its hook
// sets each revenue denom aside and schedules its slices, the first at once), then x/amm's
// BeginBlocker (the slice queue: 4 of the 6 first slices).
func monthBlock(c sdk.Context, k ammkeeper.Keeper) error {
	if err := k.EpochHooks().AfterEpochEnd(c, ammkeeper.MonthEpoch, 1); err != nil {
		return err
	}
	return k.BeginBlocker(c)
}

// advance commits the month's block (monthBlock at ch.month) and the next (its BeginBlocker, at the
// same time, runs the 2 first slices left over), so that at ch.month + one slice interval all 6
// buybacks have their second slice due.
func (ch *ammChain) advance(b *testing.B) {
	if ch.sliced {
		return
	}
	c := ch.ctx(ch.month)
	if err := monthBlock(c, ch.e.App.AmmKeeper); err != nil {
		b.Fatal(err)
	}
	ch.commit(b, ch.month)
	ch.checkBooks(b, ch.ctx(ch.time))
	for _, ev := range c.EventManager().Events() {
		if ev.Type == evSliceRefused || ev.Type == blockhook.EventTypeHookFailed || ev.Type == itemFailed {
			b.Fatalf("%s at %d pools, the month's block: %s %v", ch.layout, ch.pools, ev.Type, ev.Attributes)
		}
	}
	ch.sliced = true
}

// fresh is a cache of the committed state at block time t, at the next height (the same for
// every iteration: the price records a block writes hold its height, so store gas does not
// depend on the iteration), with a gas meter that counts every read and write.
func (ch *ammChain) fresh(t time.Time) sdk.Context {
	c, _ := ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1, Time: t}).CacheContext()
	return c.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
}

// amSizes are the two chains' pool counts: AMM_BENCH_POOLS=10,1000 picks others (small, large).
func amSizes(b *testing.B) []int {
	sizes := []int{10, 10_000}
	if env := os.Getenv("AMM_BENCH_POOLS"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < len(amRoutePools) || n > 99_999 {
				b.Fatalf("AMM_BENCH_POOLS: %q (each %d to 99999)", f, len(amRoutePools))
			}
			sizes = append(sizes, n)
		}
	}
	if len(sizes) != 2 {
		b.Fatalf("AMM_BENCH_POOLS: two sizes, small and large; got %v", sizes)
	}
	return sizes
}

// BenchmarkAmmBuybackBlock times x/amm's buyback work per block at 10 and 10,000 pools, side by
// side, for each layout (see amRoutePools): 7 route pools and the same revenue in 6 denoms
// (aifil, udmc, uhbtc, uht, uhusd, uusdt) on every chain, buyback_slices_per_block = 4.
// job=month: the month epoch's block (monthBlock): 6 denoms set aside (80% of their revenue,
// 240 slices each) and the first 4 slices bought and burned (udmc burned as it is; aifil, uht
// direct; uhbtc through uusdt), each route chosen among the direct pool and two-hop routes by
// estimate and checked against its TWAP; job=slices: the block one slice interval (1 h) later, with
// 6 slices due: 4 bought and burned. The benchmark fails unless every block sets aside and buys
// exactly that, with no refused slice, failed item or failed hook, and the books add up.
//
// Each iteration runs the block on a fresh cache of the committed state, on the small chain, then
// on the large one, so both see the same machine; times are medians (p50). Store gas counts every
// read and write.
func BenchmarkAmmBuybackBlock(b *testing.B) {
	sizes := amSizes(b)
	for _, layout := range []string{"apart", "shared"} {
		var chains []*ammChain
		for _, n := range sizes {
			t0 := time.Now()
			chains = append(chains, ammBuybackChain(b, n, layout))
			b.Logf("layout=%s: setup of %d pools: %s", layout, n, time.Since(t0).Round(time.Millisecond))
		}
		for _, job := range []string{"month", "slices"} {
			want := map[string]int{evSetAside: 0, evSlice: amSlicesPerBlock, evSwap: amSwaps}
			if job == "month" {
				want[evSetAside] = amBuybacks
			}
			b.Run("layout="+layout+"/job="+job, func(b *testing.B) {
				times := make([][]time.Duration, len(chains))
				gas := make([]uint64, len(chains))
				b.ResetTimer()
				b.StopTimer()
				for i := 0; i < b.N; i++ {
					for k, ch := range chains {
						var c sdk.Context
						var run func(sdk.Context, ammkeeper.Keeper) error
						if job == "month" {
							if ch.sliced {
								b.Fatal("job=month after job=slices: the month's block is already committed")
							}
							c, run = ch.fresh(ch.month), monthBlock
						} else {
							ch.advance(b)
							p, err := ch.e.App.AmmKeeper.Params.Get(ch.ctx(ch.time))
							if err != nil {
								b.Fatal(err)
							}
							c = ch.fresh(ch.month.Add(p.BuybackDuration / time.Duration(p.BuybackSlices)))
							run = func(c sdk.Context, k ammkeeper.Keeper) error { return k.BeginBlocker(c) }
						}
						ak := ch.e.App.AmmKeeper
						b.StartTimer()
						t0 := time.Now()
						err := run(c, ak)
						times[k] = append(times[k], time.Since(t0))
						b.StopTimer()
						if err != nil {
							b.Fatal(err)
						}
						gas[k] += c.GasMeter().GasConsumed()
						got := map[string]int{evSetAside: 0, evSlice: 0, evSwap: 0}
						for _, ev := range c.EventManager().Events() {
							switch ev.Type {
							case evSetAside, evSlice, evSwap:
								got[ev.Type]++
							case evSliceRefused, blockhook.EventTypeHookFailed, itemFailed:
								b.Fatalf("%s at %d pools: %s %v", job, ch.pools, ev.Type, ev.Attributes)
							}
						}
						if got[evSetAside] != want[evSetAside] || got[evSlice] != want[evSlice] || got[evSwap] != want[evSwap] {
							b.Fatalf("%s at %d pools: %v events, want %v", job, ch.pools, got, want)
						}
						if i == 0 {
							ch.checkBooks(b, c)
						}
					}
				}
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
