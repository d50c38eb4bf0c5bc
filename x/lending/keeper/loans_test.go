package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/lending/keeper"
	"github.com/dmexchain/dmex/x/lending/types"
)

// A lender offers 1000uusdt for 100uusdt of interest against any NFT of product 1, twice;
// alice takes it with NFT 1 and receives the principal in the same message; she repays in two
// parts, the owed amount exact after each, the fee 10% of the interest, and gets her NFT back.
func TestTakeOfferAndRepayInParts(t *testing.T) {
	f := setup(t)
	offer := f.createOffer(productOffer(f.lender, 1, 2))
	if got := f.balance(f.lender, usdt); got != 1_000_000-2000 {
		t.Fatalf("lender holds %d after locking 2 × 1000", got)
	}
	loanID := f.take(f.alice, offer, 1)
	if got := f.balance(f.alice, usdt); got != 1_001_000 {
		t.Fatalf("alice holds %d, want the principal paid at once", got)
	}
	n := f.nft(1)
	if n.LockedBy != types.ModuleName || n.Owner != f.alice.String() {
		t.Fatalf("NFT 1 owner %s locked by %q: alice stays the owner, locked by lending", n.Owner, n.LockedBy)
	}
	o, err := f.q.Offer(f.ctx, &types.QueryOfferRequest{OfferId: offer})
	if err != nil || o.Offer.LoansMade != 1 || !o.Offer.LockedPrincipal().Equal(math.NewInt(1000)) {
		t.Fatalf("offer after one take: %+v, %v", o, err)
	}
	l := f.loan(loanID)
	if !l.Owed.Equal(sdk.NewInt64Coin(usdt, 1100)) || !l.Due.Equal(t0.Add(30*day)) || !l.GraceEnd.Equal(t0.Add(37*day)) {
		t.Fatalf("loan: owed %s due %s grace end %s", l.Owed, l.Due, l.GraceEnd)
	}

	// 60: all interest; the fee is 10% of it, rounded up = 6; the lender gets 54.
	r := f.repay(f.alice, loanID, 60)
	if r.Full || !r.Owed.Equal(sdk.NewInt64Coin(usdt, 1040)) {
		t.Fatalf("after 60: %+v", r)
	}
	if got := f.balance(f.lender, usdt); got != 998_000+54 {
		t.Fatalf("lender holds %d", got)
	}
	if n := f.nft(1); n.LockedBy != types.ModuleName {
		t.Fatal("a partial repayment released the collateral")
	}
	// 1040: 40 interest (fee 4: total 10 = 10% of 100), 1000 principal.
	r = f.repay(f.alice, loanID, 1040)
	if !r.Full || !r.Owed.IsZero() {
		t.Fatalf("after the rest: %+v", r)
	}
	if got := f.balance(f.lender, usdt); got != 998_000+54+1036 {
		t.Fatalf("lender holds %d", got)
	}
	if got := f.revenue.fees[modaccounts.SourceLendingFee]; !got.Equal(sdk.NewCoins(sdk.NewInt64Coin(usdt, 10))) {
		t.Fatalf("revenue %s, want 10uusdt", got)
	}
	if got := f.balance(f.alice, usdt); got != 1_001_000-1100 {
		t.Fatalf("alice holds %d", got)
	}
	if n := f.nft(1); n.LockedBy != "" || n.Owner != f.alice.String() {
		t.Fatalf("NFT 1 after repayment: owner %s lock %q", n.Owner, n.LockedBy)
	}
	l = f.loan(loanID)
	if l.Loan.Status != types.LoanStatus_LOAN_STATUS_REPAID {
		t.Fatalf("status %s", l.Loan.Status)
	}
	// The repaid loan is out of the maturity queue: nothing happens at its grace end.
	f.advance(40 * day)
	if n := f.nft(1); n.Owner != f.alice.String() || len(f.nfts.transfers) != 0 {
		t.Fatalf("a repaid loan foreclosed: %v", f.nfts.transfers)
	}
	if _, err := f.msg.Repay(f.ctx, &types.MsgRepay{Payer: f.alice.String(), LoanId: loanID, Amount: sdk.NewInt64Coin(usdt, 1)}); !types.ErrLoanClosed.Is(err) {
		t.Fatalf("repaying a repaid loan: %v", err)
	}
}

// The fees of any split add up to Fee(interest) exactly; the lender gets the rest.
func TestSplitFeesAddUp(t *testing.T) {
	for _, tc := range []struct {
		principal, interest, bps int64
		parts                    []int64
	}{
		{1000, 33, 1000, []int64{1, 1, 1, 30, 1000}},
		{1000, 33, 1000, []int64{1033}},
		{5, 7, 3333, []int64{2, 2, 2, 1, 5}},
		{10, 0, 1000, []int64{5, 5}},
		{10, 100, 10_000, []int64{99, 1, 10}},
	} {
		l := types.Loan{
			Principal: sdk.NewInt64Coin(usdt, tc.principal), Interest: math.NewInt(tc.interest), FeeBps: uint32(tc.bps),
			PrincipalRepaid: math.ZeroInt(), InterestRepaid: math.ZeroInt(), FeePaid: math.ZeroInt(),
		}
		fees := math.ZeroInt()
		for _, p := range tc.parts {
			i, pr, fee := keeper.Split(l, math.NewInt(p))
			if fee.IsNegative() || fee.GT(i) || !i.Add(pr).Equal(math.NewInt(p)) {
				t.Fatalf("%+v part %d: interest %s principal %s fee %s", tc, p, i, pr, fee)
			}
			l.InterestRepaid, l.PrincipalRepaid, l.FeePaid = l.InterestRepaid.Add(i), l.PrincipalRepaid.Add(pr), l.FeePaid.Add(fee)
			fees = fees.Add(fee)
		}
		if want := types.Fee(math.NewInt(tc.interest), uint32(tc.bps)); !fees.Equal(want) || !l.Owed().IsZero() {
			t.Fatalf("%+v: fees %s, want %s; owed %s", tc, fees, want, l.Owed())
		}
	}
}

// Anyone may repay: carol pays alice's loan off, the NFT goes back to alice, not to carol.
func TestRepayByAnotherReturnsCollateralToBorrower(t *testing.T) {
	f := setup(t)
	loanID := f.take(f.alice, f.createOffer(productOffer(f.lender, 1, 1)), 2)
	f.repay(f.carol, loanID, 1100)
	if n := f.nft(2); n.Owner != f.alice.String() || n.LockedBy != "" {
		t.Fatalf("NFT 2 owner %s lock %q; want alice's, free", n.Owner, n.LockedBy)
	}
	if got := f.balance(f.carol, usdt); got != 1_000_000-1100 {
		t.Fatalf("carol holds %d", got)
	}
	// The offer was used up: it left the book with nothing locked.
	if _, err := f.q.Offer(f.ctx, &types.QueryOfferRequest{}); !types.ErrOfferNotFound.Is(err) {
		t.Fatalf("offer query: %v", err)
	}
}

// Bob does not repay: at maturity + grace the NFT moves to the lender through the registry's
// transfer path with no one's message; his partial repayment stays with the lender.
func TestForeclosureAtGraceEnd(t *testing.T) {
	f := setup(t)
	loanID := f.take(f.bob, f.createOffer(productOffer(f.lender, 1, 1)), 3)
	f.repay(f.bob, loanID, 500) // 100 interest (fee 10), 400 principal
	lenderBefore := f.balance(f.lender, usdt)

	f.advance(37*day - 1) // one nanosecond before the grace end: still bob's
	if n := f.nft(3); n.Owner != f.bob.String() || n.LockedBy != types.ModuleName {
		t.Fatalf("before the grace end: owner %s lock %q", n.Owner, n.LockedBy)
	}
	f.advance(1)
	n := f.nft(3)
	if n.Owner != f.lender.String() || n.LockedBy != "" {
		t.Fatalf("after the grace end: owner %s lock %q; want the lender's, free", n.Owner, n.LockedBy)
	}
	if len(f.nfts.transfers) != 1 || f.nfts.transfers[0] != "3:"+f.bob.String()+">"+f.lender.String() {
		t.Fatalf("transfers %v: one move through the registry's path", f.nfts.transfers)
	}
	l := f.loan(loanID)
	if l.Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED || !l.Owed.Equal(sdk.NewInt64Coin(usdt, 600)) {
		t.Fatalf("loan %s owed %s", l.Loan.Status, l.Owed)
	}
	if f.balance(f.lender, usdt) != lenderBefore {
		t.Fatal("the lender's balance changed at foreclosure")
	}
	if _, err := f.msg.Repay(f.ctx, &types.MsgRepay{Payer: f.bob.String(), LoanId: loanID, Amount: sdk.NewInt64Coin(usdt, 600)}); !types.ErrLoanClosed.Is(err) {
		t.Fatalf("repaying after foreclosure: %v", err)
	}
}

// IFIL collateral is held by the module (in the books) and goes to the lender on default.
func TestIFILOfferForeclosure(t *testing.T) {
	f := setup(t)
	m := productOffer(f.lender, 0, 1)
	m.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_IFIL, Amount: math.NewInt(5000)}
	loanID := f.take(f.alice, f.createOffer(m), 0)
	b, err := f.q.Books(f.ctx, &types.QueryBooksRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range b.Books {
		if x.Denom == ifil && !x.Collateral.Equal(math.NewInt(5000)) {
			t.Fatalf("IFIL books %s", x.Collateral)
		}
	}
	if f.balance(modAddr, ifil) != 5000 || f.balance(f.alice, ifil) != 1_000_000-5000 {
		t.Fatal("IFIL not locked")
	}
	f.advance(37 * day)
	if f.balance(f.lender, ifil) != 1_005_000 || f.balance(modAddr, ifil) != 0 {
		t.Fatalf("lender holds %d aifil after foreclosure", f.balance(f.lender, ifil))
	}
	if f.loan(loanID).Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatal("not foreclosed")
	}
}

// A foreclosure that keeps failing moves nothing half-way, is retried, then parked.
func TestForeclosureFailureParks(t *testing.T) {
	f := setup(t)
	loanID := f.take(f.bob, f.createOffer(productOffer(f.lender, 1, 1)), 3)
	f.nfts.failMoves = true
	f.advance(37 * day)
	for i := 0; i < types.MaxForeclosureFailures-1; i++ {
		if n := f.nft(3); n.Owner != f.bob.String() || n.LockedBy != types.ModuleName {
			t.Fatalf("failed foreclosure %d left NFT 3 owner %s lock %q", i, n.Owner, n.LockedBy)
		}
		if s := f.loan(loanID).Loan.Status; s != types.LoanStatus_LOAN_STATUS_ACTIVE {
			t.Fatalf("after %d failures status %s", i+1, s)
		}
		f.advance(types.ForeclosureRetry)
	}
	if s := f.loan(loanID).Loan.Status; s != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED {
		t.Fatalf("after %d failures status %s", types.MaxForeclosureFailures, s)
	}
	if n := f.nft(3); n.Owner != f.bob.String() || n.LockedBy != types.ModuleName {
		t.Fatalf("parked: NFT 3 owner %s lock %q", n.Owner, n.LockedBy)
	}
	// Parked is out of the queue: later blocks leave it alone.
	f.nfts.failMoves = false
	f.advance(day)
	if s := f.loan(loanID).Loan.Status; s != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED {
		t.Fatalf("a parked foreclosure ran again: %s", s)
	}
}

// The maturity queue works at most foreclosures_per_block loans a block and resumes.
func TestForeclosureBounded(t *testing.T) {
	f := setup(t)
	p := types.DefaultParams()
	p.ForeclosuresPerBlock = 2
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p}); err != nil {
		t.Fatal(err)
	}
	offer := f.createOffer(productOffer(f.lender, 1, 3))
	l1, l2, l3 := f.take(f.alice, offer, 1), f.take(f.alice, offer, 2), f.take(f.bob, offer, 3)
	f.advance(37 * day)
	closed := 0
	for _, id := range []uint64{l1, l2, l3} {
		if f.loan(id).Loan.Status == types.LoanStatus_LOAN_STATUS_FORECLOSED {
			closed++
		}
	}
	if closed != 2 {
		t.Fatalf("%d foreclosed in one block, want 2", closed)
	}
	f.advance(3)
	if f.loan(l3).Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatal("the third loan did not foreclose next block")
	}
}

// An accepted extension moves the maturity and the foreclosure; a pending one delays nothing.
func TestExtension(t *testing.T) {
	f := setup(t)
	offer := f.createOffer(productOffer(f.lender, 1, 2))
	a, b := f.take(f.alice, offer, 1), f.take(f.bob, offer, 3)
	newMat := t0.Add(60 * day)
	for _, id := range []uint64{a, b} {
		if _, err := f.msg.ProposeExtension(f.ctx, &types.MsgProposeExtension{Signer: f.lender.String(), LoanId: id, NewMaturity: newMat, ExtraInterest: math.NewInt(50)}); err != nil {
			t.Fatal(err)
		}
	}
	// The proposer cannot accept; the terms must be restated exactly.
	if _, err := f.msg.AcceptExtension(f.ctx, &types.MsgAcceptExtension{Signer: f.lender.String(), LoanId: a, NewMaturity: newMat, ExtraInterest: math.NewInt(50)}); !types.ErrExtension.Is(err) {
		t.Fatalf("proposer accepting: %v", err)
	}
	if _, err := f.msg.AcceptExtension(f.ctx, &types.MsgAcceptExtension{Signer: f.alice.String(), LoanId: a, NewMaturity: newMat, ExtraInterest: math.NewInt(49)}); !types.ErrExtension.Is(err) {
		t.Fatalf("accepting other terms: %v", err)
	}
	if _, err := f.msg.AcceptExtension(f.ctx, &types.MsgAcceptExtension{Signer: f.alice.String(), LoanId: a, NewMaturity: newMat, ExtraInterest: math.NewInt(50)}); err != nil {
		t.Fatal(err)
	}
	l := f.loan(a)
	if !l.Due.Equal(newMat) || !l.GraceEnd.Equal(newMat.Add(7*day)) || !l.Owed.Equal(sdk.NewInt64Coin(usdt, 1150)) || l.Loan.Extension != nil {
		t.Fatalf("extended loan: due %s grace end %s owed %s", l.Due, l.GraceEnd, l.Owed)
	}
	// Bob never accepted: at the first grace end his loan forecloses, alice's does not.
	f.advance(37 * day)
	if f.loan(b).Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED || f.loan(a).Loan.Status != types.LoanStatus_LOAN_STATUS_ACTIVE {
		t.Fatalf("statuses: alice %s bob %s", f.loan(a).Loan.Status, f.loan(b).Loan.Status)
	}
	if n := f.nft(1); n.LockedBy != types.ModuleName || n.Owner != f.alice.String() {
		t.Fatal("the extended loan's collateral moved")
	}
	f.advance(30 * day)
	if f.loan(a).Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED || f.nft(1).Owner != f.lender.String() {
		t.Fatal("the extended loan did not foreclose at its new grace end")
	}
}
