package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/testutil"
	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// chain is the real app (testutil.New) with a miner, three holders, a sponsor of the fund and
// the council's authority. testutil runs every module's books checks (App.BooksChecks, x/riskfund's
// CheckBooks among them) after every block it makes.
type chain struct {
	t              *testing.T
	e              *testutil.Env
	auth           string
	miner, a, b, c *testutil.Account
	sponsor        *testutil.Account
	q              types.QueryServer
	eq             escrowtypes.QueryServer
}

func newChain(t *testing.T) *chain {
	e := testutil.New(t, testutil.Options{Accounts: 5, NodePower: map[string]int64{"f01234": 1_000, "f05678": 1_000}})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	return &chain{
		t: t, e: e, auth: auth.String(),
		miner: e.Accounts[0], a: e.Accounts[1], b: e.Accounts[2], c: e.Accounts[3], sponsor: e.Accounts[4],
		q: keeper.NewQueryServerImpl(e.App.RiskfundKeeper), eq: escrowkeeper.NewQueryServerImpl(e.App.EscrowKeeper),
	}
}

// apply has the miner apply for 10 NFTs of 4 TiB on node at price for termDays; it returns the
// application id.
func (ch *chain) apply(node string, price sdk.Coin, termDays uint32) uint64 {
	ch.t.Helper()
	ch.e.MustDeliver(ch.miner, &hashnfttypes.MsgApplyProduct{
		Miner: ch.miner.Addr.String(), Chain: "FIL", NodeId: node, PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: 10,
		TermDays: termDays, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: price,
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	next, err := ch.e.App.HashnftKeeper.NextApplicationID.Peek(ch.e.Ctx())
	if err != nil {
		ch.t.Fatal(err)
	}
	return next - 1
}

func (ch *chain) books(denom string) types.Books {
	ch.t.Helper()
	b, err := ch.e.App.RiskfundKeeper.Books.Get(ch.e.Ctx(), denom)
	if err != nil {
		return types.NewBooks(denom)
	}
	return b
}

func (ch *chain) bal(a sdk.AccAddress, denom string) math.Int {
	return ch.e.App.BankKeeper.GetBalance(ch.e.Ctx(), a, denom).Amount
}

func (ch *chain) escrow(product uint64) *escrowtypes.QueryEscrowResponse {
	ch.t.Helper()
	r, err := ch.eq.Escrow(ch.e.Ctx(), &escrowtypes.QueryEscrowRequest{ProductId: product})
	if err != nil {
		ch.t.Fatal(err)
	}
	return r
}

// day moves the chain one day on (the day epoch ends, x/escrow closes the day) and gives the
// rounds a few blocks; the miner deposits rewards for the day first if deposit is true.
func (ch *chain) day(product uint64, deposit bool) {
	ch.t.Helper()
	if deposit {
		ch.e.MustDeliver(ch.miner, &escrowtypes.MsgDepositRewards{Miner: ch.miner.Addr.String(), ProductId: product, Amount: sdk.NewInt64Coin("aifil", 1_000)})
	}
	ch.e.PassTime(24 * time.Hour)
	for i := 0; i < 3; i++ {
		ch.e.NextBlock()
	}
}

// nftsOf lists the NFTs of product that a holds, by id.
func (ch *chain) nftsOf(a *testutil.Account, product uint64) []hashnfttypes.NFT {
	ch.t.Helper()
	var out []hashnfttypes.NFT
	err := ch.e.App.HashnftKeeper.WalkOwnerNFTs(ch.e.Ctx(), a.Addr, func(n hashnfttypes.NFT) (bool, error) {
		if n.ProductId == product {
			out = append(out, n)
		}
		return false, nil
	})
	if err != nil {
		ch.t.Fatal(err)
	}
	return out
}

// part is serial's part of total split over n NFTs: total / n, one unit more for serials
// 1..(total mod n) (x/escrow's refunds and x/riskfund's compensations split the same way).
func part(total math.Int, n int64, serial uint64) math.Int {
	q := total.QuoRaw(n)
	if int64(serial) <= total.ModRaw(n).Int64() {
		q = q.AddRaw(1)
	}
	return q
}

func (ch *chain) eqInt(what string, got, want math.Int) {
	ch.t.Helper()
	if !got.Equal(want) {
		ch.t.Fatalf("%s: %s, want %s", what, got, want)
	}
}

// Through the real app, with every module's books (x/riskfund's among them) checked after every
// block: three holders buy NFTs of a uusdt product; holder A insures one at the quoted premium,
// which the fund's uusdt books receive; the miner pays through the waiting period, then stops
// depositing until x/escrow suspends the product (issue #14 item 4); the council terminates it. A gets the escrow refund of
// its NFTs and the cover of the insured one, to the unit; B and C the refund only. Then the fund
// is topped up with uusdt and the council compensates the product: every NFT gets its exact part
// and the parts add up to the amount. A product that is not terminated cannot be compensated.
func TestInsuredHolderGetsRefundAndCoverThenCompensation(t *testing.T) {
	ch := newChain(t)
	e := ch.e
	found := false
	for _, c := range e.App.BooksChecks() {
		found = found || (c.Module == types.ModuleName && c.Name == "books")
	}
	if !found {
		t.Fatal("x/riskfund's books check is not among the checks testutil runs after every block")
	}

	// The council accepts uusdt as a sale denom and approves a 30-day product at 1,000,000uusdt.
	hp, err := e.App.HashnftKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	hp.AcceptedDenoms = append(hp.AcceptedDenoms, "uusdt")
	e.CouncilPropose(4, &hashnfttypes.MsgUpdateParams{Authority: ch.auth, Params: hp})
	e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: ch.auth, ApplicationId: ch.apply("f01234", sdk.NewInt64Coin("uusdt", 1_000_000), 30)})
	next, err := e.App.HashnftKeeper.NextProductID.Peek(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	p := next - 1
	buy := func(who *testutil.Account, n uint64) {
		t.Helper()
		e.MustDeliver(who, &hashnfttypes.MsgBuyNFTs{Buyer: who.Addr.String(), ProductId: p, Quantity: n, MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000_000)})
	}
	buy(ch.a, 2)
	buy(ch.b, 1)
	buy(ch.c, 1)
	const nfts = 4
	aNFTs, bNFTs, cNFTs := ch.nftsOf(ch.a, p), ch.nftsOf(ch.b, p), ch.nftsOf(ch.c, p)
	if len(aNFTs) != 2 || len(bNFTs) != 1 || len(cNFTs) != 1 {
		t.Fatalf("NFTs held: A %d, B %d, C %d", len(aNFTs), len(bNFTs), len(cNFTs))
	}
	insured := aNFTs[0]

	// An active product cannot be compensated (nor can anything change).
	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{{
		Name: "compensate an active product", Err: types.ErrNotTerminated, Says: "is active",
		Msg: &types.MsgCompensate{Authority: ch.auth, ProductId: p, Amount: sdk.NewInt64Coin("uusdt", 1)},
	}})

	// The fund holds no uusdt yet: no capacity for a uusdt cover.
	quote, err := ch.q.PremiumQuote(e.Ctx(), &types.QueryPremiumQuoteRequest{ProductId: p})
	if err != nil {
		t.Fatal(err)
	}
	// Insured value: 4 × 1,000,000 less the 2% channel fee, over 4 NFTs; premium 2% of it.
	ch.eqInt("insured value", quote.InsuredValue.Amount, math.NewInt(980_000))
	ch.eqInt("quoted premium", quote.Premium.Amount, math.NewInt(19_600))
	if quote.Premium.Denom != "uusdt" || quote.PremiumBps != 200 || quote.MissedDays != 0 {
		t.Fatalf("quote %+v", quote)
	}
	insure := &types.MsgInsureNFT{Holder: ch.a.Addr.String(), NftId: insured.Id, MaxPremium: quote.Premium}
	if r := e.Deliver(ch.a, insure); r.Code != types.ErrBeyondCapacity.ABCICode() || r.Codespace != types.ModuleName {
		t.Fatalf("insure with no uusdt in the fund: code %d (%s) %s", r.Code, r.Codespace, r.Log)
	}

	// A sponsor gives the fund 2,000,000uusdt (MsgDeposit): capacity 50% of it covers 980,000.
	e.MustDeliver(ch.sponsor, &types.MsgDeposit{Sender: ch.sponsor.Addr.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin("uusdt", 2_000_000))})
	ch.eqInt("uusdt books after the deposit", ch.books("uusdt").Balance, math.NewInt(2_000_000))

	// A insures one NFT: it pays exactly the quote, and the fund's uusdt books grow by it.
	a0, fund0 := ch.bal(ch.a.Addr, "uusdt"), ch.books("uusdt")
	e.MustDeliver(ch.a, insure)
	ch.eqInt("premium paid by A", a0.Sub(ch.bal(ch.a.Addr, "uusdt")), quote.Premium.Amount)
	fund1 := ch.books("uusdt")
	ch.eqInt("uusdt books grew by the premium", fund1.Balance.Sub(fund0.Balance), quote.Premium.Amount)
	ch.eqInt("committed cover", fund1.Committed, math.NewInt(980_000))
	pol, err := ch.q.PolicyByNFT(e.Ctx(), &types.QueryPolicyByNFTRequest{NftId: insured.Id})
	if err != nil {
		t.Fatal(err)
	}
	policy := pol.Policy
	params := types.DefaultParams()
	if policy.UnpaidDaysAtStart != params.WaitingDays || policy.CoverStartDay != policy.BoughtDay+uint64(params.WaitingDays) {
		t.Fatalf("policy %+v", policy)
	}

	// The waiting period: the miner deposits every day. Until the product's day close of
	// cover_start_day the policy keeps the upper bound (counter at purchase + waiting_days); the
	// rounds of that close's block replace it with the counter itself, 0.
	for i := 0; i < int(params.WaitingDays); i++ {
		ch.day(p, true)
	}
	today, err := e.App.EscrowKeeper.RiskReader().CurrentDay(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	if today != policy.CoverStartDay {
		t.Fatalf("day %d, cover starts on day %d", today, policy.CoverStartDay)
	}
	if pol, err = ch.q.PolicyByNFT(e.Ctx(), &types.QueryPolicyByNFTRequest{NftId: insured.Id}); err != nil {
		t.Fatal(err)
	}
	if policy = pol.Policy; !policy.CoverStarted || policy.UnpaidDaysAtStart != 0 || ch.escrow(p).Escrow.UnpaidDays != 0 {
		t.Fatalf("policy after the waiting period %+v (escrow's unpaid days %d)", policy, ch.escrow(p).Escrow.UnpaidDays)
	}

	// The miner stops depositing: six unpaid days, the seventh suspends (and is not unpaid).
	for i := 0; i < 7; i++ {
		ch.day(p, false)
	}
	r := ch.escrow(p)
	if r.Status != escrowtypes.ESCROW_STATUS_SUSPENDED || r.Escrow.UnpaidDays != 6 {
		t.Fatalf("after the miner stopped: %s, %d unpaid days; want suspended, 6", r.Status, r.Escrow.UnpaidDays)
	}
	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{{
		Name: "compensate a suspended product", Err: types.ErrNotTerminated, Says: "is suspended",
		Msg: &types.MsgCompensate{Authority: ch.auth, ProductId: p, Amount: sdk.NewInt64Coin("uusdt", 1)},
	}})

	// The council terminates it. The escrow refunds what it holds, split over the 4 NFTs; A's
	// insured NFT also gets its cover: insured × min(term, U) / term, U = unpaid days now −
	// unpaid_days_at_start = 6 − 0 = 6: 980,000 × 6 / 30 = 196,000.
	remaining := r.Remaining.AmountOf("uusdt")
	if !remaining.IsPositive() {
		t.Fatal("nothing left in the escrow to refund")
	}
	u := uint64(r.Escrow.UnpaidDays - policy.UnpaidDaysAtStart)
	cover := policy.InsuredValue.Mul(math.NewIntFromUint64(min(u, uint64(policy.TermDays)))).Quo(math.NewIntFromUint64(uint64(policy.TermDays)))
	ch.eqInt("expected cover", cover, math.NewInt(196_000))
	a1, b1, c1 := ch.bal(ch.a.Addr, "uusdt"), ch.bal(ch.b.Addr, "uusdt"), ch.bal(ch.c.Addr, "uusdt")
	fund2 := ch.books("uusdt")
	e.CouncilPropose(4, &escrowtypes.MsgTerminateEscrow{Authority: ch.auth, ProductId: p, Reason: "node offline"})
	for i := 0; i < 5; i++ {
		e.NextBlock()
	}
	if !ch.escrow(p).Escrow.RefundDone {
		t.Fatal("refund round not done")
	}
	refund := func(ns []hashnfttypes.NFT) math.Int {
		sum := math.ZeroInt()
		for _, n := range ns {
			sum = sum.Add(part(remaining, nfts, n.Serial))
		}
		return sum
	}
	ch.eqInt("A: refund of 2 NFTs + cover", ch.bal(ch.a.Addr, "uusdt").Sub(a1), refund(aNFTs).Add(cover))
	ch.eqInt("B: refund only", ch.bal(ch.b.Addr, "uusdt").Sub(b1), refund(bNFTs))
	ch.eqInt("C: refund only", ch.bal(ch.c.Addr, "uusdt").Sub(c1), refund(cNFTs))
	ch.eqInt("refunds add up to the escrow", refund(aNFTs).Add(refund(bNFTs)).Add(refund(cNFTs)), remaining)
	claims, err := ch.q.Claims(e.Ctx(), &types.QueryClaimsRequest{ProductId: p})
	if err != nil {
		t.Fatal(err)
	}
	if len(claims.Claims) != 1 || claims.Claims[0].NftId != insured.Id || claims.Claims[0].Recipient != ch.a.Addr.String() ||
		!claims.Claims[0].Cover.Equal(cover) || !claims.Claims[0].Paid.Equal(cover) {
		t.Fatalf("claims %+v, want NFT %d's cover %s paid to A", claims.Claims, insured.Id, cover)
	}
	fund3 := ch.books("uusdt")
	ch.eqInt("fund paid the cover", fund2.Balance.Sub(fund3.Balance), cover)
	if !fund3.Committed.IsZero() || !fund3.Owed.IsZero() || !fund3.Allotted.IsZero() || !fund3.Reserved.IsZero() {
		t.Fatalf("uusdt books after the claim: %+v", fund3)
	}

	// A compensation of 2,500,003uusdt is above what the fund has free (1,823,600).
	comp := sdk.NewInt64Coin("uusdt", 2_500_003)
	ch.eqInt("free balance", keeper.Free(fund3), math.NewInt(2_000_000+19_600-196_000))
	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{{
		Name: "compensate above the free balance", Err: types.ErrAboveFreeBalance, Says: "free balance 1823600uusdt",
		Msg: &types.MsgCompensate{Authority: ch.auth, ProductId: p, Amount: comp},
	}})
	// The sponsor tops the fund up; the council compensates; every NFT gets its part:
	// 2,500,003 / 4 = 625,000, serials 1..3 one unit more.
	e.MustDeliver(ch.sponsor, &types.MsgDeposit{Sender: ch.sponsor.Addr.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin("uusdt", 1_000_000))})
	ch.eqInt("uusdt books after the top-up", ch.books("uusdt").Balance, fund3.Balance.AddRaw(1_000_000))
	a2, b2, c2 := ch.bal(ch.a.Addr, "uusdt"), ch.bal(ch.b.Addr, "uusdt"), ch.bal(ch.c.Addr, "uusdt")
	e.CouncilPropose(4, &types.MsgCompensate{Authority: ch.auth, ProductId: p, Amount: comp})
	for i := 0; i < 3; i++ {
		e.NextBlock()
	}
	share := func(ns []hashnfttypes.NFT) math.Int {
		sum := math.ZeroInt()
		for _, n := range ns {
			sum = sum.Add(part(comp.Amount, nfts, n.Serial))
		}
		return sum
	}
	ga, gb, gc := ch.bal(ch.a.Addr, "uusdt").Sub(a2), ch.bal(ch.b.Addr, "uusdt").Sub(b2), ch.bal(ch.c.Addr, "uusdt").Sub(c2)
	ch.eqInt("A's compensation", ga, share(aNFTs))
	ch.eqInt("B's compensation", gb, share(bNFTs))
	ch.eqInt("C's compensation", gc, share(cNFTs))
	ch.eqInt("the parts add up to the amount", ga.Add(gb).Add(gc), comp.Amount)
	for _, n := range append(append(aNFTs, bNFTs...), cNFTs...) {
		want := int64(625_000)
		if n.Serial <= 3 {
			want++
		}
		ch.eqInt("part of the NFT with serial "+math.NewIntFromUint64(n.Serial).String(), part(comp.Amount, nfts, n.Serial), math.NewInt(want))
	}
	comps, err := ch.q.Compensations(e.Ctx(), &types.QueryCompensationsRequest{ProductId: p})
	if err != nil {
		t.Fatal(err)
	}
	if len(comps.Compensations) != 1 || !comps.Compensations[0].Paid.Equal(comp.Amount) || comps.Compensations[0].NftCount != nfts {
		t.Fatalf("compensations %+v", comps.Compensations)
	}
	fund4 := ch.books("uusdt")
	ch.eqInt("uusdt books after the compensation", fund4.Balance, fund3.Balance.AddRaw(1_000_000).Sub(comp.Amount))
	if !fund4.Reserved.IsZero() {
		t.Fatalf("reserved %s after the compensation was paid", fund4.Reserved)
	}
	held := ch.bal(authtypes.NewModuleAddress(types.ModuleName), "uusdt")
	ch.eqInt("the fund's account holds its uusdt books", held, fund4.Balance)
}

// A rejected application's deposit is paid by x/hashnft into x/riskfund (modaccounts.RiskFundLedger):
// the fund's udmc books, and its account, grow by exactly the deposit.
func TestRejectedApplicationDepositReachesTheFundsBooks(t *testing.T) {
	ch := newChain(t)
	e := ch.e
	deposit := hashnfttypes.DefaultParams().ApplicationDeposit
	fund := authtypes.NewModuleAddress(types.ModuleName)
	books0, held0 := ch.books("udmc"), ch.bal(fund, "udmc")
	ch.eqInt("the fund's udmc books at genesis", books0.Balance, held0)
	id := ch.apply("f05678", sdk.NewInt64Coin("udmc", 1_000_000), 30)
	ch.eqInt("books while the application is pending", ch.books("udmc").Balance, books0.Balance)
	e.CouncilPropose(4, &hashnfttypes.MsgRejectApplication{Authority: ch.auth, ApplicationId: id, Reason: "node f05678 not audited"})
	a, err := e.App.HashnftKeeper.Applications.Get(e.Ctx(), id)
	if err != nil || a.Status != hashnfttypes.APPLICATION_STATUS_REJECTED {
		t.Fatalf("application %d: %+v %v", id, a, err)
	}
	ch.eqInt("udmc books grew by the deposit", ch.books("udmc").Balance.Sub(books0.Balance), deposit.Amount)
	ch.eqInt("the fund's account grew by the deposit", ch.bal(fund, "udmc").Sub(held0), deposit.Amount)
}
