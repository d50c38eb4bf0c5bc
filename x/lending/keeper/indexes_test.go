package keeper_test

import (
	"bytes"
	"fmt"
	"math/big"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/x/lending/keeper"
	"github.com/dmexchain/dmex/x/lending/types"
)

// pages reads a whole list two items a page by key, checking each page's size and that the last
// one has no next key.
func pages(t *testing.T, get func(*query.PageRequest) ([]uint64, *query.PageResponse, error)) []uint64 {
	t.Helper()
	var all []uint64
	var key []byte
	for i := 0; ; i++ {
		ids, pr, err := get(&query.PageRequest{Key: key, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) > 2 || i > 50 {
			t.Fatalf("page %d has %d items", i, len(ids))
		}
		all = append(all, ids...)
		if pr == nil || pr.NextKey == nil {
			return all
		}
		key = pr.NextKey
	}
}

func offerIDs(os []types.Offer) []uint64 {
	ids := make([]uint64, len(os))
	for i, o := range os {
		ids[i] = o.Id
	}
	return ids
}

func loanIDs(ls []types.Loan) []uint64 {
	ids := make([]uint64, len(ls))
	for i, l := range ls {
		ids[i] = l.Id
	}
	return ids
}

func (f *fixture) best(product uint64, denom string) []uint64 {
	f.t.Helper()
	return pages(f.t, func(p *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		r, err := f.q.BestOffers(f.ctx, &types.QueryBestOffersRequest{ProductId: product, Denom: denom, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return offerIDs(r.Offers), r.Pagination, nil
	})
}

func (f *fixture) bestMiner() []uint64 {
	f.t.Helper()
	return pages(f.t, func(p *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		r, err := f.q.BestMinerOffers(f.ctx, &types.QueryBestMinerOffersRequest{Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return offerIDs(r.Offers), r.Pagination, nil
	})
}

func (f *fixture) byKind(kind types.CollateralKind) []uint64 {
	f.t.Helper()
	return pages(f.t, func(p *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		r, err := f.q.OffersByKind(f.ctx, &types.QueryOffersByKindRequest{Kind: kind, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return offerIDs(r.Offers), r.Pagination, nil
	})
}

func (f *fixture) byStatus(s types.LoanStatus) []uint64 {
	f.t.Helper()
	return pages(f.t, func(p *query.PageRequest) ([]uint64, *query.PageResponse, error) {
		r, err := f.q.LoansByStatus(f.ctx, &types.QueryLoansByStatusRequest{Status: s, Pagination: p})
		if err != nil {
			return nil, nil, err
		}
		return loanIDs(r.Loans), r.Pagination, nil
	})
}

func same(a, b []uint64) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

func rate(t *testing.T, interest, principal math.Int, id uint64) []byte {
	t.Helper()
	k, err := keeper.RateKey(types.Offer{Id: id, Principal: sdk.NewCoin(usdt, principal), Interest: interest})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// RateKey orders by interest per principal, rounded up, then by id; the largest interest fits.
func TestRateKeyOrder(t *testing.T) {
	e18 := math.NewIntFromBigInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))
	third := rate(t, math.NewInt(1), math.NewInt(3), 1)                // 0.333…334 (rounded up)
	justBelow := rate(t, math.NewInt(333_333_333_333_333_333), e18, 2) // 0.333…333 exactly
	justAbove := rate(t, math.NewInt(333_333_333_333_333_334), e18, 0) // equal to the rounded third, lower id
	for _, c := range []struct {
		name string
		lo   []byte
		hi   []byte
	}{
		{"exact rate below the rounded-up third", justBelow, third},
		{"equal rates by id", justAbove, third},
		{"zero interest first", rate(t, math.ZeroInt(), math.NewInt(1), 9), justBelow},
		{"10% below 20% whatever the sizes", rate(t, math.NewInt(100), math.NewInt(1000), 5), rate(t, math.NewInt(2), math.NewInt(10), 4)},
	} {
		if bytes.Compare(c.lo, c.hi) >= 0 {
			t.Errorf("%s: %x not below %x", c.name, c.lo, c.hi)
		}
	}
	maxInt := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	if k := rate(t, maxInt, math.NewInt(1), 1); len(k) != keeper.RateWidth+8 {
		t.Fatalf("key of %d bytes", len(k))
	}
	if _, err := keeper.RateKey(types.Offer{Id: 1, Principal: sdk.NewInt64Coin(usdt, 0), Interest: math.NewInt(1)}); !types.ErrInvalidAmount.Is(err) {
		t.Fatalf("zero principal: %v", err)
	}
}

// A product's best-rate list: its PRODUCT offers and the NFT offers for its NFTs, lowest interest
// per principal first, ties by id, paged by key; MINER offers in their own list; IFIL offers and
// other products' offers in neither. The lists follow every way an offer leaves the book.
func TestBestOffers(t *testing.T) {
	f := setup(t)
	mk := func(principal, interest int64, maxLoans uint32, mod func(*types.MsgCreateOffer)) uint64 {
		m := productOffer(f.lender, 1, maxLoans)
		m.Principal, m.Interest = sdk.NewInt64Coin(usdt, principal), math.NewInt(interest)
		if mod != nil {
			mod(m)
		}
		return f.createOffer(m)
	}
	ten := mk(1000, 100, 2, nil)                           // 10%
	three := mk(3000, 100, 1, nil)                         // 3.33…%
	nft := mk(1000, 50, 1, func(m *types.MsgCreateOffer) { // 5%, NFT 4 of product 1
		m.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_NFT, NftId: 4, Amount: math.ZeroInt()}
	})
	tenToo := mk(2000, 200, 1, nil)                                                       // 10%, after `ten` by id
	other := mk(1000, 1, 1, func(m *types.MsgCreateOffer) { m.Collateral.ProductId = 4 }) // product 4
	minerA := mk(1000, 80, 1, func(m *types.MsgCreateOffer) { m.Collateral = minerTerms("FIL", "") })
	minerB := mk(1000, 20, 1, func(m *types.MsgCreateOffer) { m.Collateral = minerTerms("", "f01234") })
	ifilOffer := mk(1000, 10, 1, func(m *types.MsgCreateOffer) {
		m.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_IFIL, Amount: math.NewInt(5000)}
	})

	if got, want := f.best(1, ""), []uint64{three, nft, ten, tenToo}; !same(got, want) {
		t.Fatalf("product 1: %v, want %v", got, want)
	}
	if got := f.best(1, usdt); !same(got, []uint64{three, nft, ten, tenToo}) {
		t.Fatalf("product 1 in uusdt: %v", got)
	}
	if got := f.best(4, ""); !same(got, []uint64{other}) {
		t.Fatalf("product 4: %v", got)
	}
	if got := f.bestMiner(); !same(got, []uint64{minerB, minerA}) {
		t.Fatalf("miner offers: %v", got)
	}
	if got := f.byKind(types.CollateralKind_COLLATERAL_KIND_IFIL); !same(got, []uint64{ifilOffer}) {
		t.Fatalf("IFIL offers: %v", got)
	}
	if got := f.byKind(types.CollateralKind_COLLATERAL_KIND_PRODUCT); !same(got, []uint64{ten, three, tenToo, other}) {
		t.Fatalf("product offers: %v", got)
	}
	if _, err := f.q.BestOffers(f.ctx, &types.QueryBestOffersRequest{ProductId: 1, Denom: "uatom"}); !types.ErrDenomNotAccepted.Is(err) {
		t.Fatalf("unaccepted denom: %v", err)
	}
	if _, err := f.q.BestOffers(f.ctx, &types.QueryBestOffersRequest{ProductId: 99}); !types.ErrInvalidCollateral.Is(err) || !contains(err.Error(), "product 99") {
		t.Fatalf("unknown product: %v", err)
	}
	if _, err := f.q.OffersByKind(f.ctx, &types.QueryOffersByKindRequest{}); !types.ErrInvalidCollateral.Is(err) {
		t.Fatalf("no kind: %v", err)
	}

	// Used up (the NFT offer's one loan), taken but still open (`ten`), cancelled, expired.
	f.take(f.carol, nft, 4)
	f.take(f.alice, ten, 1)
	if _, err := f.msg.CancelOffer(f.ctx, &types.MsgCancelOffer{Lender: f.lender.String(), OfferId: three}); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if got := f.best(1, ""); !same(got, []uint64{ten, tenToo}) {
		t.Fatalf("after use and cancel: %v", got)
	}
	if got := f.byKind(types.CollateralKind_COLLATERAL_KIND_NFT); len(got) != 0 {
		t.Fatalf("used-up NFT offer still listed: %v", got)
	}
	f.advance(11 * day) // every offer expired
	for _, p := range []uint64{1, 4} {
		if got := f.best(p, ""); len(got) != 0 {
			t.Fatalf("product %d after expiry: %v", p, got)
		}
	}
	if got := f.bestMiner(); len(got) != 0 {
		t.Fatalf("miner offers after expiry: %v", got)
	}
}

func minerTerms(chain, miner string) types.CollateralTerms {
	return types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_MINER, Chain: chain, MinerNodeId: miner, Amount: math.ZeroInt(), MinPower: math.ZeroInt()}
}

// LoansByStatus follows every status change: start, repayment, foreclosure, parking, and the
// retry of a parked foreclosure.
func TestLoansByStatus(t *testing.T) {
	f := setup(t)
	o := f.createOffer(productOffer(f.lender, 1, 4))
	repaid := f.take(f.alice, o, 1)
	foreclosed := f.take(f.alice, o, 2)
	parked := f.take(f.bob, o, 3)
	active := f.take(f.carol, o, 4)
	active2 := f.take(f.alice, f.createOffer(productOffer(f.lender, 1, 1)), 8)
	f.repay(f.alice, repaid, 1100)
	if got := f.byStatus(types.LoanStatus_LOAN_STATUS_ACTIVE); !same(got, []uint64{foreclosed, parked, active, active2}) {
		t.Fatalf("active: %v", got)
	}
	// Loans 2-4 reach their grace end; 4 and 5 are repaid just before; 3's NFT cannot move.
	f.repay(f.carol, active, 1100)
	f.repay(f.alice, active2, 1100)
	f.nfts.transfersFail = map[uint64]bool{3: true}
	f.advance(37 * day)
	for i := 0; i < types.MaxForeclosureFailures-1; i++ {
		f.advance(types.ForeclosureRetry)
	}
	for s, want := range map[types.LoanStatus][]uint64{
		types.LoanStatus_LOAN_STATUS_ACTIVE:             nil,
		types.LoanStatus_LOAN_STATUS_REPAID:             {repaid, active, active2},
		types.LoanStatus_LOAN_STATUS_FORECLOSED:         {foreclosed},
		types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED: {parked},
	} {
		if got := f.byStatus(s); !same(got, want) {
			t.Fatalf("%s: %v, want %v", s, got, want)
		}
	}
	f.nfts.transfersFail = nil
	if _, err := f.msg.RetryForeclosure(f.ctx, &types.MsgRetryForeclosure{Signer: f.carol.String(), LoanId: parked}); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if got := f.byStatus(types.LoanStatus_LOAN_STATUS_FORECLOSED); !same(got, []uint64{foreclosed, parked}) {
		t.Fatalf("foreclosed after the retry: %v", got)
	}
	if got := f.byStatus(types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED); len(got) != 0 {
		t.Fatalf("parked after the retry: %v", got)
	}
	if _, err := f.q.LoansByStatus(f.ctx, &types.QueryLoansByStatusRequest{Status: 9}); !types.ErrInvalidStatus.Is(err) {
		t.Fatalf("unknown status: %v", err)
	}
}

// The loan query reports, per collateral NFT, what it had earned at the loan's start, now, and
// the difference, with the total; a closed loan reports none.
func TestLoanEarningsSinceStart(t *testing.T) {
	f := setup(t)
	f.nfts.earned[1] = sdk.NewInt64Coin("afil", 500)
	r, err := f.msg.CreateRequest(f.ctx, request(f.alice, []uint64{1, 2, 8}, 0))
	if err != nil {
		t.Fatal(err)
	}
	fill, err := f.msg.FillRequest(f.ctx, &types.MsgFillRequest{Lender: f.lender.String(), RequestId: r.RequestId})
	if err != nil {
		t.Fatal(err)
	}
	l := f.loan(fill.LoanId)
	if got := fmt.Sprint(l.Loan.EarnedAtStart); got != fmt.Sprint([]types.NFTEarned{{NftId: 1, Earned: sdk.NewInt64Coin("afil", 500)}}) {
		t.Fatalf("earned at start: %s", got)
	}
	f.nfts.earned[1] = sdk.NewInt64Coin("afil", 820)
	f.nfts.earned[2] = sdk.NewInt64Coin("afil", 30) // no record at the start: all of it is since
	l = f.loan(fill.LoanId)
	want := []types.NFTEarnedSince{
		{NftId: 1, AtStart: sdk.NewInt64Coin("afil", 500), Now: sdk.NewInt64Coin("afil", 820), Since: sdk.NewInt64Coin("afil", 320)},
		{NftId: 2, AtStart: sdk.NewInt64Coin("afil", 0), Now: sdk.NewInt64Coin("afil", 30), Since: sdk.NewInt64Coin("afil", 30)},
	}
	if fmt.Sprint(l.EarnedSinceStart) != fmt.Sprint(want) || l.EarnedTotal.String() != "350afil" {
		t.Fatalf("earned since start: %v total %s", l.EarnedSinceStart, l.EarnedTotal)
	}
	// Export and import keep the start figures.
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	g := setup(t)
	g.nfts.earned = f.nfts.earned
	if err := g.k.InitGenesis(g.ctx, *gs); err != nil {
		t.Fatal(err)
	}
	if gl := g.loan(fill.LoanId); gl.EarnedTotal.String() != "350afil" {
		t.Fatalf("after import: %v", gl.EarnedSinceStart)
	}
	f.repay(f.bob, fill.LoanId, 2150)
	if l = f.loan(fill.LoanId); len(l.EarnedSinceStart) != 0 || !l.EarnedTotal.IsZero() {
		t.Fatalf("repaid loan reports %v", l.EarnedSinceStart)
	}
}

// A parked foreclosure can be retried by anyone: a failing retry is refused with
// ErrForeclosureFailed and changes nothing; one that succeeds closes the loan as the queue would.
func TestRetryForeclosure(t *testing.T) {
	f := setup(t)
	loanID := f.take(f.bob, f.createOffer(productOffer(f.lender, 1, 1)), 3)
	f.nfts.failMoves = true
	f.advance(37 * day)
	for i := 0; i < types.MaxForeclosureFailures-1; i++ {
		f.advance(types.ForeclosureRetry)
	}
	if s := f.loan(loanID).Loan.Status; s != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED {
		t.Fatalf("fixture: status %s", s)
	}
	retry := &types.MsgRetryForeclosure{Signer: f.carol.String(), LoanId: loanID}
	before := f.snapshot()
	events := len(f.ctx.EventManager().Events())
	_, err := f.msg.RetryForeclosure(f.ctx, retry)
	if !types.ErrForeclosureFailed.Is(err) || !contains(err.Error(), "transfer hook failed") || !contains(err.Error(), "loan 1") {
		t.Fatalf("failing retry: %v", err)
	}
	if f.snapshot() != before || len(f.ctx.EventManager().Events()) != events {
		t.Fatal("a failed retry changed the state or emitted events")
	}
	f.checkBooks()

	f.nfts.failMoves = false
	if _, err := f.msg.RetryForeclosure(f.ctx, retry); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	l := f.loan(loanID)
	if l.Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatalf("status %s", l.Loan.Status)
	}
	if n := f.nft(3); n.Owner != f.lender.String() || n.LockedBy != "" {
		t.Fatalf("NFT 3 owner %s lock %q", n.Owner, n.LockedBy)
	}
	var kinds []string
	for _, e := range f.ctx.EventManager().Events()[events:] {
		kinds = append(kinds, e.Type)
	}
	if got := fmt.Sprint(kinds); !contains(got, "dmex.lending.v1.EventLoanForeclosed") || !contains(got, "dmex.lending.v1.EventForeclosureRetried") {
		t.Fatalf("events %s", got)
	}
	if _, err := f.msg.RetryForeclosure(f.ctx, retry); !types.ErrNotParked.Is(err) {
		t.Fatalf("second retry: %v", err)
	}
}

// The query indexes are rebuilt from the records on import: the same lists after a round trip.
func TestGenesisRebuildsIndexes(t *testing.T) {
	f := setup(t)
	o := f.createOffer(productOffer(f.lender, 1, 3))
	m := productOffer(f.lender, 0, 1)
	m.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_NFT, NftId: 4, Amount: math.ZeroInt()}
	m.Interest = math.NewInt(10)
	nftOffer := f.createOffer(m)
	m = productOffer(f.lender, 0, 1)
	m.Collateral = minerTerms("FIL", "")
	miner := f.createOffer(m)
	f.take(f.alice, o, 1)
	repaid := f.take(f.bob, o, 3)
	f.repay(f.bob, repaid, 1100)
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	g := setup(t)
	if err := g.k.InitGenesis(g.ctx, *gs); err != nil {
		t.Fatal(err)
	}
	// The registry and the bank as they were (they are other modules' genesis).
	for id := uint64(1); id <= 10; id++ {
		if err := g.nfts.nfts.Set(g.ctx, id, f.nft(id)); err != nil {
			t.Fatal(err)
		}
	}
	g.bank.bal = f.bank.bal
	g.checkBooks()
	if got := g.best(1, ""); !same(got, []uint64{nftOffer, o}) {
		t.Fatalf("product 1 after import: %v", got)
	}
	if got := g.bestMiner(); !same(got, []uint64{miner}) {
		t.Fatalf("miner offers after import: %v", got)
	}
	for _, s := range []types.LoanStatus{types.LoanStatus_LOAN_STATUS_ACTIVE, types.LoanStatus_LOAN_STATUS_REPAID} {
		if a, b := f.byStatus(s), g.byStatus(s); !same(a, b) || len(a) != 1 {
			t.Fatalf("%s: %v before, %v after", s, a, b)
		}
	}
	// A missing or stray index entry is caught by the books check.
	if err := g.k.Indexes.LoansByStatus.Remove(g.ctx, collections.Join(int32(types.LoanStatus_LOAN_STATUS_REPAID), repaid)); err != nil {
		t.Fatal(err)
	}
	if err := g.k.CheckBooks(g.ctx); !types.ErrBooksMismatch.Is(err) || !contains(err.Error(), "status index") {
		t.Fatalf("books check without a loan's status entry: %v", err)
	}
	if err := g.k.Indexes.OffersByKind.Set(g.ctx, collections.Join(int32(types.CollateralKind_COLLATERAL_KIND_IFIL), uint64(77))); err != nil {
		t.Fatal(err)
	}
	if err := f.k.Indexes.OffersByKind.Set(f.ctx, collections.Join(int32(types.CollateralKind_COLLATERAL_KIND_IFIL), uint64(77))); err != nil {
		t.Fatal(err)
	}
	if err := f.k.CheckBooks(f.ctx); !types.ErrBooksMismatch.Is(err) || !contains(err.Error(), "offers_by_kind has 4 entries") {
		t.Fatalf("books check with a stray kind entry: %v", err)
	}

	for _, tc := range []struct {
		name string
		mod  func(*types.GenesisState)
	}{
		{"product offer listed under another product", func(g *types.GenesisState) { g.Offers[0].ProductId = 4 }},
		{"NFT offer listed under no product", func(g *types.GenesisState) { g.Offers[1].ProductId = 0 }},
		{"miner offer listed under a product", func(g *types.GenesisState) { g.Offers[2].ProductId = 1 }},
		{"earnings at start of an NFT not the loan's", func(g *types.GenesisState) {
			g.Loans[0].EarnedAtStart = []types.NFTEarned{{NftId: 9, Earned: sdk.NewInt64Coin("afil", 1)}}
		}},
		{"earnings at start twice", func(g *types.GenesisState) {
			e := types.NFTEarned{NftId: 1, Earned: sdk.NewInt64Coin("afil", 1)}
			g.Loans[0].EarnedAtStart = []types.NFTEarned{e, e}
		}},
		{"loan of an unknown status", func(g *types.GenesisState) { g.Loans[0].Status = 9 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.ctx)
			if err != nil {
				t.Fatal(err)
			}
			tc.mod(gs)
			if err := gs.Validate(); !types.ErrInvalidGenesis.Is(err) {
				t.Fatalf("validate: %v", err)
			}
		})
	}

	// An NFT offer recording another product than its NFT's passes the validation (it cannot
	// read x/hashnft) and is caught by the books check the module's InitGenesis runs.
	gs, err = f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	gs.Offers[1].ProductId = 2
	if err := gs.Validate(); err != nil {
		t.Fatalf("validate: %v", err)
	}
	h := setup(t)
	if err := h.k.InitGenesis(h.ctx, *gs); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1); id <= 10; id++ {
		if err := h.nfts.nfts.Set(h.ctx, id, f.nft(id)); err != nil {
			t.Fatal(err)
		}
	}
	h.bank.bal = f.bank.bal
	if err := h.k.CheckBooks(h.ctx); !types.ErrBooksMismatch.Is(err) || !contains(err.Error(), "records product 2, the NFT is of product 1") {
		t.Fatalf("books check of an NFT offer under the wrong product: %v", err)
	}
}
