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

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	lendingtypes "github.com/dmexchain/dmex/x/lending/types"
)

// The benchmarks' loans and offers: 1,000uusdt lent for 100uusdt of interest over 30 days against
// one NFT of product 1 (4 TiB, a 360-day term).
const (
	lnPrincipal = 1_000
	lnInterest  = 100
	lnTerm      = 30 * 24 * time.Hour
	// lnDue loans and lnDue offers are due at the measured block: more than a block's 100.
	lnDue = 150
	// itemFailed is internal/queue's event for an item whose handler failed.
	itemFailed = "dmex.queue.v1.EventItemFailed"
)

// lendingChain is one benchmark chain: its env, size, the last committed height and time, and
// the time at which the first lnDue loans' grace and the first lnDue offers end.
type lendingChain struct {
	e      *testutil.Env
	size   int
	height int64
	time   time.Time
	due    time.Time
}

func (ch *lendingChain) ctx() sdk.Context {
	return ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1, Time: ch.time})
}

// commit writes what is pending with an empty block (before ch.due: nothing of lending is due).
func (ch *lendingChain) commit(b *testing.B) {
	ch.height++
	if _, err := ch.e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: ch.height, Time: ch.time}); err != nil {
		b.Fatal(err)
	}
	if _, err := ch.e.App.Commit(); err != nil {
		b.Fatal(err)
	}
}

// lnProduct writes product 1 with nfts NFTs (ids 1..nfts), NFT i owned by owner(i) and locked by
// lending if locked, with its escrow (active, nothing owed: x/escrow's transfer hook pays
// nothing) and one escrow position per NFT; every 100,000 NFTs commit() is called.
func lnProduct(b *testing.B, e *testutil.Env, ctx func() sdk.Context, commit func(), nfts int, owner func(i int) sdk.AccAddress, locked bool) {
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	hk, ek := e.App.HashnftKeeper, e.App.EscrowKeeper
	funder := e.Accounts[0]
	miner := funder.Addr.String()
	start := testutil.GenesisTime
	end := start.Add(360 * 24 * time.Hour)
	power := math.NewInt(4)
	c := ctx()
	must(hk.Products.Set(c, 1, hashnfttypes.Product{
		Id: 1, Miner: miner, Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: power, Count: uint64(nfts),
		TermDays: 360, TermStart: start, TermEnd: end, Status: hashnfttypes.PRODUCT_STATUS_ACTIVE,
		Sold: uint64(nfts), Created: uint64(nfts), Price: sdk.NewInt64Coin("udmc", 1),
	}))
	// the power the product commits, on its node and of its miner, and its term-end entry
	committed := power.MulRaw(int64(nfts))
	must(hk.NodePower.Set(c, collections.Join3("FIL", "f01234", "TiB"), committed))
	must(hk.MinerPower.Set(c, collections.Join3(funder.Addr, "FIL", "TiB"), committed))
	must(hk.ProductQueue.Push(c, end, 1))
	held := sdk.NewCoins(sdk.NewInt64Coin("udmc", int64(nfts)))
	must(hk.Escrows.Set(c, 1, hashnfttypes.Escrow{ProductId: 1, PaidIn: held, Held: held}))
	must(e.App.BankKeeper.SendCoinsFromAccountToModule(c, funder.Addr, modaccounts.HashnftEscrow, held))
	z := math.ZeroInt()
	must(ek.Escrows.Set(c, 1, escrowtypes.ProductEscrow{
		ProductId: 1, Miner: miner, Status: escrowtypes.ESCROW_STATUS_ACTIVE, TermDays: 360, NextDay: 1, RewardDenom: "aifil",
		TotalPower: power.MulRaw(int64(nfts)), Nfts: uint64(nfts), Index: z, Residual: z, Deposited: z, RewardsPaid: z,
		DepositedToday: z, RoundIndex: z,
	}))
	must(ek.DayQueue.Push(c, 1, 1))
	must(ek.CurrentDay.Set(c, 0))
	lockedBy := ""
	if locked {
		lockedBy = lendingtypes.ModuleName
	}
	for i := 1; i <= nfts; i++ {
		if i%100_000 == 0 {
			commit()
			c = ctx()
		}
		must(hk.NFTs.Set(c, uint64(i), hashnfttypes.NFT{
			Id: uint64(i), ProductId: 1, Serial: uint64(i), Power: power, TermStart: start, TermEnd: end,
			MinerNodeId: "f01234", Owner: owner(i).String(), LockedBy: lockedBy,
		}))
		must(ek.Positions.Set(c, uint64(i), escrowtypes.Position{NftId: uint64(i), ProductId: 1, Entry: z, OwedScaled: z, Paid: z}))
	}
	must(hk.NextNFTID.Set(c, uint64(nfts)+1))
	must(hk.NextProductID.Set(c, 2))
}

// lnOffer is offer id of lender: one loan of lnPrincipal against any NFT of product 1.
func lnOffer(id uint64, lender string, expiry time.Time) lendingtypes.Offer {
	return lendingtypes.Offer{
		Id: id, Lender: lender, Principal: sdk.NewInt64Coin("uusdt", lnPrincipal), Interest: math.NewInt(lnInterest), Term: lnTerm, ProductId: 1,
		Collateral: lendingtypes.CollateralTerms{Kind: lendingtypes.CollateralKind_COLLATERAL_KIND_PRODUCT, ProductId: 1, Amount: math.ZeroInt(), MinPower: math.ZeroInt()},
		MaxLoans:   1, Expiry: expiry,
	}
}

// lnSetOffers writes offers 1..n of lender (expiry(i) each) with their index and expiry queue
// entries, locks their principal in the lending account (from funder) and books it.
func lnSetOffers(b *testing.B, e *testutil.Env, ctx func() sdk.Context, commit func(), n int, lender sdk.AccAddress, funder sdk.AccAddress, expiry func(i int) time.Time) {
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	lk := e.App.LendingKeeper
	c := ctx()
	locked := sdk.NewCoin("uusdt", math.NewInt(lnPrincipal).MulRaw(int64(n)))
	must(e.App.BankKeeper.SendCoinsFromAccountToModule(c, funder, lendingtypes.ModuleName, sdk.NewCoins(locked)))
	books := lendingtypes.NewBooks("uusdt")
	books.LockedPrincipal = locked.Amount
	must(lk.Books.Set(c, "uusdt", books))
	for i := 1; i <= n; i++ {
		if i%100_000 == 0 {
			commit()
			c = ctx()
		}
		must(lk.ImportOffer(c, lnOffer(uint64(i), lender.String(), expiry(i))))
	}
	must(lk.NextOfferID.Set(c, uint64(n)+1))
}

// lnNFTLoans is how many loans of each benchmark chain are against an NFT (the first ones, the
// due loans among them); the others are against lnIfil aifil each. The NFT registry is then the
// same at both sizes (x/hashnft's benchmark measures a registry of a million NFTs), and the large
// chain's setup writes 7 records per loan and offer instead of 12.
const (
	lnNFTLoans = 500
	lnIfil     = 1_000_000
)

// lendingBenchEnv is a chain on goleveldb with size open records: size/2 loans lent by the env's
// first account
// (loan i against NFT i, owned by borrower i and locked by lending, for the first lnNFTLoans;
// against lnIfil aifil for the others) and size/2 open offers of that account; the first lnDue
// loans' grace and the first lnDue offers end at ch.due, the others later, one second apart.
// The records are written straight into state through the keepers' collections (a million takes
// through transactions would take hours), committed with an empty block every 100,000, then the
// books are checked and the database compacted.
func lendingBenchEnv(b *testing.B, size int) *lendingChain {
	size /= 2
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := testutil.New(b, testutil.Options{Accounts: 1, DB: db})
	ch := &lendingChain{e: e, size: size, height: e.App.LastBlockHeight(), time: testutil.GenesisTime.Add(time.Hour)}
	ch.due = ch.time.Add(time.Hour)
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	lender := e.Accounts[0].Addr
	borrower := func(i int) sdk.AccAddress { return sdk.AccAddress(fmt.Appendf(nil, "borrower-%011d", i)) }
	// item i's due time: ch.due for the first lnDue, then one second apart
	dueAt := func(i int) time.Time {
		if i <= lnDue {
			return ch.due
		}
		return ch.due.Add(time.Duration(i) * time.Second)
	}
	commit := func() { ch.commit(b) }
	nftLoans := min(size, lnNFTLoans)
	lnProduct(b, e, ch.ctx, commit, nftLoans, borrower, true)
	commit()
	lk := e.App.LendingKeeper
	p, err := lk.Params.Get(ch.ctx())
	must(err)
	c := ch.ctx()
	if ifilLoans := size - nftLoans; ifilLoans > 0 {
		held := sdk.NewCoin(p.CollateralDenom, math.NewInt(lnIfil).MulRaw(int64(ifilLoans)))
		must(e.App.BankKeeper.SendCoinsFromAccountToModule(c, lender, lendingtypes.ModuleName, sdk.NewCoins(held)))
		books := lendingtypes.NewBooks(p.CollateralDenom)
		books.Collateral = held.Amount
		must(lk.Books.Set(c, p.CollateralDenom, books))
	}
	z := math.ZeroInt()
	for i := 1; i <= size; i++ {
		if i%100_000 == 0 {
			commit()
			c = ch.ctx()
		}
		graceEnd := dueAt(i)
		maturity := graceEnd.Add(-p.Grace)
		l := lendingtypes.Loan{
			Id: uint64(i), Borrower: borrower(i).String(), Lender: lender.String(), Principal: sdk.NewInt64Coin("uusdt", lnPrincipal),
			Interest: math.NewInt(lnInterest), PrincipalRepaid: z, InterestRepaid: z, FeePaid: z, FeeBps: p.FeeBps,
			Ifil: z, Start: maturity.Add(-lnTerm), Maturity: maturity, GraceEnd: graceEnd,
			Status: lendingtypes.LoanStatus_LOAN_STATUS_ACTIVE, OfferId: uint64(size + i),
		}
		if i <= nftLoans {
			l.NftIds = []uint64{uint64(i)}
		} else {
			l.Ifil = math.NewInt(lnIfil)
		}
		must(lk.ImportLoan(c, l))
	}
	must(lk.NextLoanID.Set(c, uint64(size)+1))
	commit()
	lnSetOffers(b, e, ch.ctx, commit, size, lender, lender, dueAt)
	// the loans' offers (ids size+1..2size) are used up, so not in state
	must(lk.NextOfferID.Set(ch.ctx(), uint64(2*size)+1))
	commit()
	must(lk.CheckBooks(ch.ctx()))
	must(db.ForceCompact(nil, nil))
	return ch
}

// fresh is a cache of the committed state at block time ch.due with a gas meter that counts
// every read and write. keep names the queue left due ("maturity", "offers" or both): the other
// queue's due entries are moved a day later in the cache first, outside the gas count.
func (ch *lendingChain) fresh(b *testing.B, i int, job string) sdk.Context {
	ctx, _ := ch.e.App.NewUncachedContext(false, cmtproto.Header{Height: ch.height + 1 + int64(i), Time: ch.due}).CacheContext()
	lk := ch.e.App.LendingKeeper
	for id := uint64(1); id <= lnDue; id++ {
		var err error
		switch job {
		case "foreclose":
			err = lk.OfferExpiryQueue.Remove(ctx, ch.due, id)
		case "expire":
			err = lk.MaturityQueue.Remove(ctx, ch.due, id)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return ctx.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
}

// lnSizes are the two chains' sizes: LENDING_BENCH_SIZES=1000,100000 picks others (small, large).
func lnSizes(b *testing.B) []int {
	sizes := []int{1_000, 1_000_000}
	if env := os.Getenv("LENDING_BENCH_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 2*lnDue {
				b.Fatalf("LENDING_BENCH_SIZES: %q (each at least %d)", f, 2*lnDue)
			}
			sizes = append(sizes, n)
		}
	}
	if len(sizes) != 2 {
		b.Fatalf("LENDING_BENCH_SIZES: two sizes, small and large; got %v", sizes)
	}
	return sizes
}

// BenchmarkLendingBeginBlock times x/lending's BeginBlocker at 1,000 and 1,000,000 open loans and
// offers (half of each: 500 loans and 500 offers, then 500,000 and 500,000; the first 500 loans
// against an NFT each, the others against IFIL), side by side: 150 loans past their grace end and
// 150 expired offers are due, more than a block takes. job=foreclose: the block's
// foreclosures_per_block (100) foreclosures, each NFT unlocked and moved borrower → lender through
// x/hashnft's Transfer (x/escrow's hook settles its rewards first); job=expire: expiries_per_block
// (100) offer expiries, each refunding its locked principal; job=both: the two in one block.
// Both queues are bounded per block, so store gas (deterministic) must stay flat within 1%.
// The benchmark fails if any foreclosure or expiry fails, or a block does not do exactly 100.
//
// Each iteration runs the block on a fresh cache of the committed state, on the small chain, then
// on the large one, so both see the same machine; times are medians (p50).
func BenchmarkLendingBeginBlock(b *testing.B) {
	var chains []*lendingChain
	for _, size := range lnSizes(b) {
		t0 := time.Now()
		chains = append(chains, lendingBenchEnv(b, size))
		b.Logf("setup of %d loans and %d offers: %s", size/2, size/2, time.Since(t0).Round(time.Millisecond))
	}
	const foreclosed, closed = "dmex.lending.v1.EventLoanForeclosed", "dmex.lending.v1.EventOfferClosed"
	for _, job := range []string{"foreclose", "expire", "both"} {
		want := map[string]int{foreclosed: 0, closed: 0}
		if job != "expire" {
			want[foreclosed] = 100
		}
		if job != "foreclose" {
			want[closed] = 100
		}
		b.Run("job="+job, func(b *testing.B) {
			times := make([][]time.Duration, len(chains))
			gas := make([]uint64, len(chains))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k, ch := range chains {
					b.StopTimer()
					c := ch.fresh(b, i, job)
					lk := ch.e.App.LendingKeeper
					b.StartTimer()
					t0 := time.Now()
					err := lk.BeginBlocker(c)
					times[k] = append(times[k], time.Since(t0))
					b.StopTimer()
					if err != nil {
						b.Fatal(err)
					}
					gas[k] += c.GasMeter().GasConsumed()
					got := map[string]int{foreclosed: 0, closed: 0}
					for _, ev := range c.EventManager().Events() {
						switch ev.Type {
						case foreclosed, closed:
							got[ev.Type]++
						case blockhook.EventTypeHookFailed, itemFailed:
							b.Fatalf("%s at %d: %s %v", job, ch.size, ev.Type, ev.Attributes)
						}
					}
					if got[foreclosed] != want[foreclosed] || got[closed] != want[closed] {
						b.Fatalf("%s at %d: %v events, want %v", job, ch.size, got, want)
					}
					if i == 0 {
						if err := lk.CheckBooks(c); err != nil {
							b.Fatal(err)
						}
						if job != "expire" {
							n, err := ch.e.App.HashnftKeeper.GetNFT(c, 1)
							if err != nil || n.Owner != ch.e.Accounts[0].Addr.String() || n.LockedBy != "" {
								b.Fatalf("%s at %d: NFT 1 after its foreclosure: %+v %v", job, ch.size, n, err)
							}
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
			b.ReportMetric(small, "us@small(p50)")
			b.ReportMetric(large, "us@large(p50)")
			b.ReportMetric(100*(large-small)/small, "%time")
			b.ReportMetric(gs, "gas@small")
			b.ReportMetric(gl, "gas@large")
			b.ReportMetric(100*(gl-gs)/gs, "%gas")
		})
	}
}

// lnTxBlocks bounds the blocks of takes (and of repayments) one run of
// BenchmarkLendingTxFinalizeCommit can deliver: -benchtime up to 20x with -count up to 3 (Go runs
// b.N = 1 first, and the repetitions share the chain).
const lnTxBlocks = 63

// BenchmarkLendingTxFinalizeCommit delivers blocks of 1,000 signed txs through FinalizeBlock +
// Commit on goleveldb (1,000 accounts) and reports tx/s: bank sends (1 udmc), take-offer (each
// borrower locks one of its NFTs and receives 1,000uusdt from an offer of 100 loans) and repay
// (each borrower repays a loan taken in the take blocks in full: 1,100uusdt, the fee to revenue,
// the rest to the lender, the NFT unlocked), in that order on the same chain. The product's
// 63,000 NFTs and 630 offers are written into state first. Any failed tx fails the benchmark.
func BenchmarkLendingTxFinalizeCommit(b *testing.B) {
	const txPerBlock, accounts = 1_000, 1_000
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := testutil.New(b, testutil.Options{Accounts: accounts, DB: db})
	ch := &lendingChain{e: e, size: lnTxBlocks * txPerBlock, height: e.App.LastBlockHeight(), time: e.Ctx().BlockTime()}
	commit := func() { ch.commit(b) }
	// NFT k belongs to account (k−1) mod 1,000: block n's tx j takes offer n·10 + j/100 + 1 with
	// NFT n·1,000 + j + 1, and creates loan n·1,000 + j + 1.
	lnProduct(b, e, ch.ctx, commit, ch.size, func(i int) sdk.AccAddress { return e.Accounts[(i-1)%accounts].Addr }, false)
	commit()
	lender := sdk.AccAddress("bench-lender-0000000")
	offers := lnTxBlocks * txPerBlock / 100
	lnSetOffers(b, e, ch.ctx, commit, offers, lender, e.Accounts[0].Addr, func(int) time.Time { return ch.time.Add(240 * time.Hour) })
	c := ch.ctx()
	books, err := e.App.LendingKeeper.Books.Get(c, "uusdt")
	if err != nil {
		b.Fatal(err)
	}
	// 100 loans per offer: the principal of 99 more each
	more := sdk.NewCoin("uusdt", math.NewInt(lnPrincipal*99).MulRaw(int64(offers)))
	if err := e.App.BankKeeper.SendCoinsFromAccountToModule(c, e.Accounts[0].Addr, lendingtypes.ModuleName, sdk.NewCoins(more)); err != nil {
		b.Fatal(err)
	}
	books.LockedPrincipal = books.LockedPrincipal.Add(more.Amount)
	if err := e.App.LendingKeeper.Books.Set(c, "uusdt", books); err != nil {
		b.Fatal(err)
	}
	for id := uint64(1); id <= uint64(offers); id++ {
		o, err := e.App.LendingKeeper.Offers.Get(c, id)
		if err != nil {
			b.Fatal(err)
		}
		o.MaxLoans = 100
		if err := e.App.LendingKeeper.Offers.Set(c, id, o); err != nil {
			b.Fatal(err)
		}
	}
	commit()
	if err := e.App.LendingKeeper.CheckBooks(ch.ctx()); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	taken, repaid := 0, 0
	for _, tc := range []struct {
		name string
		msg  func(n, j int, a *testutil.Account) sdk.Msg
		next func() int // the block number n to deliver (and count it)
	}{
		{"bank-send", func(_, j int, a *testutil.Account) sdk.Msg {
			to := e.Accounts[(j+1)%len(e.Accounts)]
			return banktypes.NewMsgSend(a.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		}, func() int { return 0 }},
		{"take-offer", func(n, j int, a *testutil.Account) sdk.Msg {
			return &lendingtypes.MsgTakeOffer{Borrower: a.Addr.String(), OfferId: uint64(n*10 + j/100 + 1), NftId: uint64(n*txPerBlock + j + 1)}
		}, func() int {
			if taken == lnTxBlocks {
				b.Fatalf("more than %d blocks of takes: use -benchtime 20x -count 3 at most", lnTxBlocks)
			}
			taken++
			return taken - 1
		}},
		{"repay", func(n, j int, a *testutil.Account) sdk.Msg {
			return &lendingtypes.MsgRepay{Payer: a.Addr.String(), LoanId: uint64(n*txPerBlock + j + 1), Amount: sdk.NewInt64Coin("uusdt", lnPrincipal+lnInterest)}
		}, func() int {
			if repaid == taken {
				b.Fatalf("%d blocks of repayments after %d of takes: run take-offer with as many iterations", repaid+1, taken)
			}
			repaid++
			return repaid - 1
		}},
	} {
		b.Run(fmt.Sprintf("txPerBlock=%d/msg=%s", txPerBlock, tc.name), func(b *testing.B) {
			var elapsed time.Duration
			var gasUsed int64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				n := tc.next()
				txs := hnSignedBlock(b, e, r, txPerBlock, func(j int, a *testutil.Account) sdk.Msg { return tc.msg(n, j, a) })
				ch.height++
				ch.time = ch.time.Add(3 * time.Second)
				req := &abci.RequestFinalizeBlock{Height: ch.height, Time: ch.time, Txs: txs}
				b.StartTimer()
				t0 := time.Now()
				res, err := e.App.FinalizeBlock(req)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.App.Commit(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				if len(res.TxResults) != txPerBlock {
					b.Fatalf("%d tx results, want %d", len(res.TxResults), txPerBlock)
				}
				for k, tr := range res.TxResults {
					if tr.Code != 0 {
						b.Fatalf("%s tx %d failed: code=%d log=%s", tc.name, k, tr.Code, tr.Log)
					}
					gasUsed += tr.GasUsed
				}
				b.StartTimer()
			}
			b.StopTimer()
			nTx := float64(b.N * txPerBlock)
			b.ReportMetric(nTx/elapsed.Seconds(), "tx/s")
			b.ReportMetric(float64(elapsed.Microseconds())/nTx, "us/tx")
			b.ReportMetric(float64(gasUsed)/nTx, "gas/tx")
		})
	}
	e.CheckInvariants()
}
