package keeper_test

import (
	"errors"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// on is the fixture of another chain (the import of a RoundTrip) with the same miner and council.
func (f *fixture) on(e *testutil.Env) *fixture {
	return &fixture{t: f.t, e: e, auth: f.auth, miner: e.Accounts[0], q: keeper.NewQueryServerImpl(e.App.EscrowKeeper)}
}

// productAt is f.product at a unit price of price udmc.
func (f *fixture) productAt(price int64, count uint64, termDays uint32, node string) uint64 {
	f.t.Helper()
	f.e.MustDeliver(f.miner, &hashnfttypes.MsgApplyProduct{
		Miner: f.miner.Addr.String(), Chain: "FIL", NodeId: node, PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: count,
		TermDays: termDays, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("udmc", price),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	apps, err := f.e.App.HashnftKeeper.NextApplicationID.Peek(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	f.e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: f.auth, ApplicationId: apps - 1})
	id, err := f.e.App.HashnftKeeper.NextProductID.Peek(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	return id - 1
}

func (f *fixture) risk(product uint64) riskfundtypes.ProductRisk {
	f.t.Helper()
	r, err := f.e.App.EscrowKeeper.RiskReader().ProductRisk(f.e.Ctx(), product)
	if err != nil {
		f.t.Fatalf("ProductRisk(%d): %v", product, err)
	}
	return r
}

func (f *fixture) unpaid(product uint64) uint32 {
	f.t.Helper()
	return f.escrow(product).Escrow.UnpaidDays
}

func (f *fixture) minerMissed() uint32 {
	f.t.Helper()
	mr, err := f.q.MinerRecord(f.e.Ctx(), &types.QueryMinerRecordRequest{Miner: f.miner.Addr.String()})
	if err != nil {
		f.t.Fatal(err)
	}
	return mr.Record.MissedDays
}

// closeDays runs product p's next days with keeper k on a branch of the chain: each day the
// miner deposits perDay[i] (nothing if 0), then the day closes. It returns the escrow before and after.
func (f *fixture) closeDays(k keeper.Keeper, p uint64, perDay ...int64) (before, after types.ProductEscrow) {
	f.t.Helper()
	ctx, _ := f.e.Ctx().CacheContext()
	ms := keeper.NewMsgServerImpl(k)
	before, err := k.Escrows.Get(ctx, p)
	if err != nil {
		f.t.Fatal(err)
	}
	d := before.NextDay
	for _, amt := range perDay {
		if amt > 0 {
			if _, err := ms.DepositRewards(ctx, &types.MsgDepositRewards{Miner: f.miner.Addr.String(), ProductId: p, Amount: sdk.NewInt64Coin("aifil", amt)}); err != nil {
				f.t.Fatal(err)
			}
		}
		if err := k.CurrentDay.Set(ctx, d); err != nil {
			f.t.Fatal(err)
		}
		if err := k.CloseDueDays(ctx); err != nil {
			f.t.Fatal(err)
		}
		d++
	}
	if err := k.CheckBooks(ctx); err != nil {
		f.t.Fatalf("books after the days: %v", err)
	}
	after, err = k.Escrows.Get(ctx, p)
	if err != nil {
		f.t.Fatal(err)
	}
	return before, after
}

// Each day released to the miner counts one unpaid day when it had no deposit, or its deposit
// per TiB was more than 20% below the market average (SPEC §5, §8: strictly more than; exactly
// 20% below is not). 20 TiB sold; the market is 1,000 aifil per TiB per day: 20,000 a day, and
// 80% of it 16,000. A day without a deposit and with market data is below the market too, and
// still counts once.
func TestUnpaidDaysPerDay(t *testing.T) {
	f := newFixture(t)
	p := f.product(10, 30, "f04444")
	f.buy(f.e.Accounts[1], p, 5) // 20 TiB
	market := f.newKeeper(marketAt{avg: math.LegacyNewDec(1000)})
	// 1,000.5 per TiB: 20,010 a day; 80% of it is 16,008 exactly.
	halfMarket := f.newKeeper(marketAt{avg: math.LegacyMustNewDecFromStr("1000.5")})
	noData := f.newKeeper(nil)
	rows := []struct {
		name                          string
		k                             keeper.Keeper
		perDay                        []int64
		unpaid, missedRow, belowInRow uint32
	}{
		{"a full deposit at the market", market, []int64{20_000}, 0, 0, 0},
		{"a deposit above the market", market, []int64{50_000}, 0, 0, 0},
		{"exactly 20% below the market", market, []int64{16_000}, 0, 0, 0},
		{"one unit more than 20% below", market, []int64{15_999}, 1, 0, 1},
		{"no deposit, with market data", market, []int64{0}, 1, 1, 1},
		{"no deposit, no market data", noData, []int64{0}, 1, 1, 0},
		{"below the market, no market data", noData, []int64{15_999}, 0, 0, 0},
		{"exactly 80% of a fractional market", halfMarket, []int64{16_008}, 0, 0, 0},
		{"one unit under 80% of a fractional market", halfMarket, []int64{16_007}, 1, 0, 1},
		{"five days: paid, missed, below, at 80%, missed", market, []int64{20_000, 0, 15_999, 16_000, 0}, 3, 1, 1},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			before, after := f.closeDays(r.k, p, r.perDay...)
			if before.UnpaidDays != 0 {
				t.Fatalf("unpaid days before the test: %d", before.UnpaidDays)
			}
			if after.UnpaidDays != r.unpaid || after.MissedDaysInRow != r.missedRow || after.BelowMarketDaysInRow != r.belowInRow {
				t.Fatalf("unpaid %d, missed in a row %d, below in a row %d; want %d, %d, %d",
					after.UnpaidDays, after.MissedDaysInRow, after.BelowMarketDaysInRow, r.unpaid, r.missedRow, r.belowInRow)
			}
			// Every one of these days was released to the miner.
			if after.Status != types.ESCROW_STATUS_ACTIVE || after.DaysElapsed != before.DaysElapsed+uint32(len(r.perDay)) ||
				!after.Released.AmountOf("udmc").GT(before.Released.AmountOf("udmc")) {
				t.Fatalf("the days were not released: %s, %d days elapsed (was %d), released %s (was %s)",
					after.Status, after.DaysElapsed, before.DaysElapsed, after.Released, before.Released)
			}
		})
	}

	// Seven days more than 20% below: six released, the seventh suspends and releases nothing,
	// so it is no unpaid day.
	below := []int64{15_999, 15_999, 15_999, 15_999, 15_999, 15_999}
	_, six := f.closeDays(market, p, below...)
	_, seven := f.closeDays(market, p, append(below, 15_999)...)
	if six.Status != types.ESCROW_STATUS_ACTIVE || seven.Status != types.ESCROW_STATUS_SUSPENDED {
		t.Fatalf("six days below: %s; seven: %s", six.Status, seven.Status)
	}
	eq(t, "released on the day that suspended", seven.Released.AmountOf("udmc"), six.Released.AmountOf("udmc"))
	if six.UnpaidDays != 6 || seven.UnpaidDays != 6 {
		t.Fatalf("unpaid days after six days below: %d, after seven (the last suspended): %d; want 6, 6", six.UnpaidDays, seven.UnpaidDays)
	}
}

// Through the app: a paid day does not count, a missed one does; the counter survives export
// and import; the day that suspends the release (the 7th missed in a row) releases nothing, so
// it is not an unpaid day (SPEC §8: "days released without a deposit"), and neither are the days
// while suspended; a resume keeps the counter, and the next missed day counts again.
func TestUnpaidDaysThroughTheApp(t *testing.T) {
	f := newFixture(t)
	p := f.product(10, 30, "f01234")
	f.buy(f.e.Accounts[1], p, 5)

	f.deposit(p, 20_000)
	f.passDay()
	if u, d := f.unpaid(p), f.escrow(p).Escrow.DaysElapsed; u != 0 || d != 1 {
		t.Fatalf("after a paid day: %d unpaid days, %d days elapsed", u, d)
	}
	f.passDay()
	if u := f.unpaid(p); u != 1 {
		t.Fatalf("after a day without a deposit: %d unpaid days, want 1", u)
	}
	f.deposit(p, 20_000)
	f.passDay()
	if u := f.unpaid(p); u != 1 {
		t.Fatalf("after another paid day: %d unpaid days, want 1", u)
	}

	g := f.on(f.e.RoundTrip())
	if u := g.unpaid(p); u != 1 {
		t.Fatalf("after export and import: %d unpaid days, want 1", u)
	}
	if r := g.risk(p); r.UnpaidDays != 1 {
		t.Fatalf("ProductRisk after export and import: %d unpaid days, want 1", r.UnpaidDays)
	}

	// Seven days without a deposit: six released, the seventh suspends and releases nothing.
	for i := 0; i < 6; i++ {
		g.passDay()
	}
	r := g.escrow(p)
	if r.Status != types.ESCROW_STATUS_ACTIVE || r.Escrow.UnpaidDays != 7 {
		t.Fatalf("after six missed days: %s, %d unpaid days, want active, 7", r.Status, r.Escrow.UnpaidDays)
	}
	released := r.Released.AmountOf("udmc")
	g.passDay()
	r = g.escrow(p)
	if r.Status != types.ESCROW_STATUS_SUSPENDED {
		t.Fatalf("after seven missed days: %s", r.Status)
	}
	eq(t, "released on the day that suspended", r.Released.AmountOf("udmc"), released)
	if r.Escrow.UnpaidDays != 7 {
		t.Fatalf("the day that suspended released nothing, yet unpaid days are %d, want 7", r.Escrow.UnpaidDays)
	}
	g.passDay()
	if u := g.unpaid(p); u != 7 {
		t.Fatalf("a suspended day counted: %d unpaid days, want 7", u)
	}

	g.e.CouncilPropose(4, &types.MsgResumeEscrow{Authority: g.auth, ProductId: p})
	if u := g.unpaid(p); u != 7 {
		t.Fatalf("after the resume: %d unpaid days, want 7", u)
	}
	g.passDay()
	if u := g.unpaid(p); u != 8 {
		t.Fatalf("a missed day after the resume: %d unpaid days, want 8", u)
	}
	if r := g.risk(p); r.UnpaidDays != 8 || r.MissedInRow != 1 || r.MinerMissedDays != g.minerMissed() || r.MinerMissedDays != 10 {
		t.Fatalf("ProductRisk after the resume: %d unpaid, %d in a row, miner %d (record %d); want 8, 1, 10",
			r.UnpaidDays, r.MissedInRow, r.MinerMissedDays, g.minerMissed())
	}
}

// Every field of an active product's risk, and the insured value per NFT: the net sale proceeds
// (after the 2% channel fee) over the NFTs sold.
func TestRiskReaderActiveProduct(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	p := f.product(10, 30, "f02222")
	f.buy(alice, p, 2)
	f.buy(bob, p, 1)
	r := f.risk(p)
	want := riskfundtypes.ProductRisk{ProductID: p, Status: riskfundtypes.StatusActive, Denom: "udmc", TermDays: 30, NFTs: 3, SaleDenoms: 1}
	eq(t, "insured value", r.InsuredValue, math.NewInt(980_000)) // 3 × 1,000,000 − 2% = 2,940,000, / 3
	r.InsuredValue = math.Int{}
	if r != want {
		t.Fatalf("a product just sold: %+v, want %+v", r, want)
	}

	// Day 1 paid, days 2 and 3 missed.
	f.deposit(p, 1_000)
	f.passDay()
	f.passDay()
	f.passDay()
	r = f.risk(p)
	if r.Status != riskfundtypes.StatusActive || r.UnpaidDays != 2 || r.MissedInRow != 2 || r.MinerMissedDays != 2 || r.NFTs != 3 || r.TermDays != 30 {
		t.Fatalf("after a paid day and two missed: %+v", r)
	}
	eq(t, "insured value after three days", r.InsuredValue, math.NewInt(980_000))
	f.deposit(p, 1_000)
	f.passDay()
	if r := f.risk(p); r.MissedInRow != 0 || r.UnpaidDays != 2 || r.MinerMissedDays != 2 {
		t.Fatalf("after a paid day: %+v", r)
	}
}

// The insured value is rounded down: at 1,000,001udmc, 3 NFTs pay 3,000,003 less a fee of
// 60,001 (2%, rounded up): 2,940,002 in the escrow, 980,000.67 per NFT, insured 980,000.
func TestRiskReaderInsuredValueRoundsDown(t *testing.T) {
	f := newFixture(t)
	p := f.productAt(1_000_001, 10, 30, "f03333")
	f.e.MustDeliver(f.e.Accounts[1], &hashnfttypes.MsgBuyNFTs{Buyer: f.e.Accounts[1].Addr.String(), ProductId: p, Quantity: 3, MaxUnitPrice: sdk.NewInt64Coin("udmc", 1_000_001)})
	eq(t, "paid in", f.escrow(p).PaidIn.AmountOf("udmc"), math.NewInt(2_940_002))
	r := f.risk(p)
	eq(t, "insured value", r.InsuredValue, math.NewInt(980_000))
	if r.NFTs != 3 || r.Denom != "udmc" {
		t.Fatalf("risk %+v", r)
	}
}

// The status follows the escrow: suspended by the council or by missed days, terminated, expired.
func TestRiskReaderStatus(t *testing.T) {
	f := newFixture(t)
	alice := f.e.Accounts[1]
	byCouncil := f.product(10, 30, "f01111")
	missed := f.product(10, 30, "f02222")
	short := f.product(10, 2, "f03333")
	for _, p := range []uint64{byCouncil, missed, short} {
		f.buy(alice, p, 1)
	}
	status := func(p uint64, want riskfundtypes.ProductStatus) {
		t.Helper()
		if got := f.risk(p).Status; got != want {
			t.Fatalf("product %d: %s, want %s", p, got, want)
		}
	}
	f.e.CouncilPropose(4, &types.MsgSuspendEscrow{Authority: f.auth, ProductId: byCouncil, Reason: "audit"})
	status(byCouncil, riskfundtypes.StatusSuspended)
	status(missed, riskfundtypes.StatusActive)

	f.passDay()
	f.passDay()
	status(short, riskfundtypes.StatusExpired)
	if r := f.risk(short); r.UnpaidDays != 2 || r.NFTs != 1 {
		t.Fatalf("expired product: %+v, want 2 unpaid days", r)
	}
	for i := 0; i < 5; i++ {
		f.passDay()
	}
	status(missed, riskfundtypes.StatusSuspended)

	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: byCouncil, Reason: "node offline"})
	status(byCouncil, riskfundtypes.StatusTerminated)
	r := f.risk(byCouncil)
	eq(t, "insured value after the termination", r.InsuredValue, math.NewInt(980_000))
	if r.NFTs != 1 || r.UnpaidDays != 0 {
		t.Fatalf("terminated product (suspended before its first day): %+v", r)
	}
}

// An unknown product, and a product with no NFT sold yet (no escrow): ErrUnknownEscrow.
func TestRiskReaderUnknownProduct(t *testing.T) {
	f := newFixture(t)
	unsold := f.product(10, 30, "f01111")
	rr := f.e.App.EscrowKeeper.RiskReader()
	for _, id := range []uint64{unsold, unsold + 1, 0} {
		r, err := rr.ProductRisk(f.e.Ctx(), id)
		if !errors.Is(err, types.ErrUnknownEscrow) {
			t.Fatalf("product %d: %v, want %v", id, err, types.ErrUnknownEscrow)
		}
		if r.Status != riskfundtypes.StatusUnknown || r.ProductID != id {
			t.Fatalf("product %d: %+v", id, r)
		}
	}
}

// MinerMissedDays is the miner's record, over all the miner's products.
func TestRiskReaderMinerMissedDays(t *testing.T) {
	f := newFixture(t)
	a := f.product(10, 30, "f01111")
	b := f.product(10, 30, "f02222")
	f.buy(f.e.Accounts[1], a, 1)
	f.buy(f.e.Accounts[1], b, 1)
	f.deposit(a, 100)
	f.passDay() // a paid, b missed
	if ra, rb := f.risk(a), f.risk(b); ra.MinerMissedDays != 1 || rb.MinerMissedDays != 1 || ra.MissedInRow != 0 || rb.MissedInRow != 1 {
		t.Fatalf("after day 1: a %+v, b %+v", ra, rb)
	}
	f.passDay() // both missed
	ra, rb := f.risk(a), f.risk(b)
	if ra.MinerMissedDays != 3 || rb.MinerMissedDays != 3 || f.minerMissed() != 3 || ra.UnpaidDays != 1 || rb.UnpaidDays != 2 {
		t.Fatalf("after day 2: a %+v, b %+v, record %d", ra, rb, f.minerMissed())
	}
}

// CurrentDay is the number of the last day epoch that ended: it moves by one when a day epoch
// ends, not within the day, and survives export and import.
func TestRiskReaderCurrentDay(t *testing.T) {
	f := newFixture(t)
	rr := f.e.App.EscrowKeeper.RiskReader()
	day0, err := rr.CurrentDay(f.e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	epoch := func(e *testutil.Env) int64 {
		info, err := e.App.EpochsKeeper.GetEpochInfo(e.Ctx(), types.DayEpoch)
		if err != nil {
			t.Fatal(err)
		}
		return info.CurrentEpoch
	}
	for i := uint64(1); i <= 3; i++ {
		f.passDay()
		got, err := rr.CurrentDay(f.e.Ctx())
		if err != nil || got != day0+i {
			t.Fatalf("after %d days: day %d (%v), want %d", i, got, err, day0+i)
		}
		// x/epochs numbers the running epoch; the last one that ended is the one before it.
		if ep := epoch(f.e); uint64(ep-1) != got {
			t.Fatalf("after %d days: current day %d, day epoch %d running", i, got, ep)
		}
	}
	f.e.PassTime(5 * time.Hour)
	if got, _ := rr.CurrentDay(f.e.Ctx()); got != day0+3 {
		t.Fatalf("within a day: day %d, want %d", got, day0+3)
	}
	g := f.e.RoundTrip()
	if got, err := g.App.EscrowKeeper.RiskReader().CurrentDay(g.Ctx()); err != nil || got != day0+3 {
		t.Fatalf("after export and import: day %d (%v), want %d", got, err, day0+3)
	}
}

// auction40 sells 40 NFTs by auction with one NFT created per block: alice bids for 30 at 150,
// bob for 10 at 120; it clears at 120, 4,800 paid, fee 96, 4,704 in the escrow, and the winners'
// NFTs are created over the next blocks.
func (f *fixture) auction40() uint64 {
	f.t.Helper()
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	hk := f.e.App.HashnftKeeper
	params, err := hk.Params.Get(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	params.MintBudgetPerBlock = 1
	f.e.CouncilPropose(4, &hashnfttypes.MsgUpdateParams{Authority: f.auth, Params: params})
	f.e.MustDeliver(f.miner, &hashnfttypes.MsgApplyProduct{
		Miner: f.miner.Addr.String(), Chain: "FIL", NodeId: "f04444", PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: 40,
		TermDays: 30, SaleMode: hashnfttypes.SALE_MODE_AUCTION, Price: sdk.NewInt64Coin("udmc", 100), AuctionDuration: time.Hour,
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	appID, err := hk.NextApplicationID.Peek(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	f.e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: f.auth, ApplicationId: appID - 1})
	pid, err := hk.NextProductID.Peek(f.e.Ctx())
	if err != nil {
		f.t.Fatal(err)
	}
	pid--
	prod, err := hk.GetProduct(f.e.Ctx(), pid)
	if err != nil {
		f.t.Fatal(err)
	}
	f.e.MustDeliver(alice, &hashnfttypes.MsgPlaceBid{Bidder: alice.Addr.String(), AuctionId: prod.AuctionId, Quantity: 30, UnitPrice: sdk.NewInt64Coin("udmc", 150)})
	f.e.MustDeliver(bob, &hashnfttypes.MsgPlaceBid{Bidder: bob.Addr.String(), AuctionId: prod.AuctionId, Quantity: 10, UnitPrice: sdk.NewInt64Coin("udmc", 120)})
	f.e.PassTime(time.Hour)
	if prod, err = hk.GetProduct(f.e.Ctx(), pid); err != nil || prod.Sold != 40 || prod.Created == 0 || prod.Created >= 30 {
		f.t.Fatalf("after clearing: %+v %v", prod, err)
	}
	eq(f.t, "paid in", f.escrow(pid).PaidIn.AmountOf("udmc"), math.NewInt(4_704))
	return pid
}

// While an auction's NFTs are being created, the escrow holds the proceeds of all 40 sold but
// only some exist: the insured value is still 4,704 / 40 = 117 (SPEC §8: the sale proceeds per
// NFT sold), not 4,704 over the NFTs created so far.
func TestRiskReaderInsuredValueWhileAuctionCreatesNFTs(t *testing.T) {
	f := newFixture(t)
	p := f.auction40()
	r := f.risk(p)
	eq(t, "insured value while the NFTs are created", r.InsuredValue, math.NewInt(117))
	if created := f.escrow(p).Escrow.Nfts; r.NFTs != created || created >= 40 {
		t.Fatalf("NFTs %d, escrow %d", r.NFTs, created)
	}
	for i := 0; f.escrow(p).Escrow.Nfts < 40; i++ {
		if i > 50 {
			t.Fatal("the NFTs were not created")
		}
		f.e.NextBlock()
	}
	r = f.risk(p)
	eq(t, "insured value once all exist", r.InsuredValue, math.NewInt(117))
	if r.NFTs != 40 {
		t.Fatalf("NFTs %d, want 40", r.NFTs)
	}
}

// Terminated while the auction's NFTs are created: the winners still owed NFTs are paid back
// their share at once (refunded_undelivered, rounded down per bid); the insured value of an NFT
// that exists is what the escrow got for it: (4,704 − refunded undelivered) / NFTs created.
func TestRiskReaderInsuredValueTerminatedWhileAuctionCreatesNFTs(t *testing.T) {
	f := newFixture(t)
	p := f.auction40()
	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p, Reason: "node offline"})
	created := int64(f.escrow(p).Escrow.Nfts)
	aliceLeft, bobLeft := 30-created, int64(10)
	undelivered := 4704*aliceLeft/40 + 4704*bobLeft/40
	h, err := f.e.App.HashnftKeeper.GetEscrow(f.e.Ctx(), p)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "refunded undelivered", h.RefundedUndelivered.AmountOf("udmc"), math.NewInt(undelivered))
	r := f.risk(p)
	if r.Status != riskfundtypes.StatusTerminated || int64(r.NFTs) != created {
		t.Fatalf("risk after the termination: %+v", r)
	}
	eq(t, "insured value after the termination", r.InsuredValue, math.NewInt((4704-undelivered)/created))
}

// ClosedThrough is the last day epoch the product's day closes dealt with (x/riskfund takes the
// unpaid-day counter at cover start from it): the current day once a day's close ran; the day
// before while the close of the day that just ended is still due; the current day for a parked
// day close (the resumption closes only later days); the last close for a terminated product.
func TestRiskReaderClosedThrough(t *testing.T) {
	f := newFixture(t)
	p := f.product(10, 30, "f03333")
	f.buy(f.e.Accounts[1], p, 2)
	k := f.e.App.EscrowKeeper
	today := func(ctx sdk.Context) uint64 {
		d, err := k.RiskReader().CurrentDay(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	closed := func(ctx sdk.Context) uint64 {
		r, err := k.RiskReader().ProductRisk(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return r.ClosedThrough
	}
	d0 := today(f.e.Ctx())
	if got := closed(f.e.Ctx()); got != d0 {
		t.Fatalf("a product just opened at day %d: closed through %d", d0, got)
	}
	f.passDay()
	f.passDay()
	d := today(f.e.Ctx())
	if d != d0+2 || closed(f.e.Ctx()) != d {
		t.Fatalf("after two days: day %d (want %d), closed through %d", d, d0+2, closed(f.e.Ctx()))
	}

	// The day epoch d+1 ended, the product's close not run yet: still d; after it, d+1.
	ctx, _ := f.e.Ctx().CacheContext()
	if err := k.CurrentDay.Set(ctx, d+1); err != nil {
		t.Fatal(err)
	}
	if got := closed(ctx); got != d {
		t.Fatalf("close of day %d due: closed through %d, want %d", d+1, got, d)
	}
	if err := k.CloseDueDays(ctx); err != nil {
		t.Fatal(err)
	}
	if got := closed(ctx); got != d+1 {
		t.Fatalf("after the close of day %d: closed through %d", d+1, got)
	}

	// A parked day close has no next_day: every day up to the current one is dealt with.
	ctx, _ = f.e.Ctx().CacheContext()
	e, err := k.Escrows.Get(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	e.DayCloseParked, e.NextDay, e.Status = true, 0, types.ESCROW_STATUS_SUSPENDED
	if err := k.Escrows.Set(ctx, p, e); err != nil {
		t.Fatal(err)
	}
	if err := k.CurrentDay.Set(ctx, d+5); err != nil {
		t.Fatal(err)
	}
	if got := closed(ctx); got != d+5 {
		t.Fatalf("parked at day %d: closed through %d", d+5, got)
	}

	// Terminated: no close runs any more; it stays at the last one.
	f.e.CouncilPropose(4, &types.MsgTerminateEscrow{Authority: f.auth, ProductId: p, Reason: "node offline"})
	f.passDay()
	if got, now := closed(f.e.Ctx()), today(f.e.Ctx()); got != d || now != d+1 {
		t.Fatalf("terminated after the close of day %d: closed through %d at day %d", d, got, now)
	}
}
