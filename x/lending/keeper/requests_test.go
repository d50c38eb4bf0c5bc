package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/lending/types"
)

func request(borrower sdk.AccAddress, nfts []uint64, ifilAmt int64) *types.MsgCreateRequest {
	return &types.MsgCreateRequest{
		Borrower: borrower.String(), NftIds: nfts, Ifil: math.NewInt(ifilAmt), Principal: sdk.NewInt64Coin(usdt, 2000),
		Interest: math.NewInt(150), Term: 30 * day, Expiry: t0.Add(5 * day),
	}
}

// A request locks its collateral at once; a fill pays the borrower from the lender and the
// collateral becomes the loan's; a cancel returns everything; a cancelled request cannot be filled.
func TestRequestFillAndCancel(t *testing.T) {
	f := setup(t)
	r, err := f.msg.CreateRequest(f.ctx, request(f.alice, []uint64{1, 2}, 0))
	if err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	for _, id := range []uint64{1, 2} {
		if n := f.nft(id); n.LockedBy != types.ModuleName || n.Owner != f.alice.String() {
			t.Fatalf("NFT %d not locked by the request", id)
		}
	}
	fill, err := f.msg.FillRequest(f.ctx, &types.MsgFillRequest{Lender: f.lender.String(), RequestId: r.RequestId})
	if err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if f.balance(f.alice, usdt) != 1_002_000 || f.balance(f.lender, usdt) != 998_000 {
		t.Fatalf("alice %d lender %d", f.balance(f.alice, usdt), f.balance(f.lender, usdt))
	}
	l := f.loan(fill.LoanId)
	if l.Loan.RequestId != r.RequestId || len(l.Loan.NftIds) != 2 || !l.Owed.Equal(sdk.NewInt64Coin(usdt, 2150)) {
		t.Fatalf("loan %+v", l.Loan)
	}
	if _, err := f.q.Request(f.ctx, &types.QueryRequestRequest{RequestId: r.RequestId}); !types.ErrRequestNotFound.Is(err) {
		t.Fatalf("a filled request is still open: %v", err)
	}
	f.repay(f.alice, fill.LoanId, 2150)
	for _, id := range []uint64{1, 2} {
		if n := f.nft(id); n.LockedBy != "" {
			t.Fatalf("NFT %d still locked after repayment", id)
		}
	}

	// IFIL request, cancelled: the IFIL comes back; filling it afterwards fails.
	r2, err := f.msg.CreateRequest(f.ctx, request(f.bob, nil, 7000))
	if err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if f.balance(f.bob, ifil) != 1_000_000-7000 {
		t.Fatal("IFIL not locked by the request")
	}
	if _, err := f.msg.CancelRequest(f.ctx, &types.MsgCancelRequest{Borrower: f.alice.String(), RequestId: r2.RequestId}); !types.ErrNotBorrower.Is(err) {
		t.Fatalf("alice cancelling bob's request: %v", err)
	}
	if _, err := f.msg.CancelRequest(f.ctx, &types.MsgCancelRequest{Borrower: f.bob.String(), RequestId: r2.RequestId}); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if f.balance(f.bob, ifil) != 1_000_000 {
		t.Fatal("IFIL not returned on cancel")
	}
	if _, err := f.msg.FillRequest(f.ctx, &types.MsgFillRequest{Lender: f.lender.String(), RequestId: r2.RequestId}); !types.ErrRequestNotFound.Is(err) {
		t.Fatalf("filling a cancelled request: %v", err)
	}
}

// Offers and requests expire through their bounded queue: the offer's principal and the
// request's collateral go back, at most expiries_per_block a block.
func TestExpiries(t *testing.T) {
	f := setup(t)
	p := types.DefaultParams()
	p.ExpiriesPerBlock = 2
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		f.createOffer(productOffer(f.lender, 1, 2))
	}
	if _, err := f.msg.CreateRequest(f.ctx, request(f.alice, []uint64{1}, 0)); err != nil {
		t.Fatal(err)
	}
	f.advance(5 * day) // the request expires; the offers not yet
	if n := f.nft(1); n.LockedBy != "" {
		t.Fatal("the expired request's NFT is still locked")
	}
	f.advance(5 * day)
	if got := f.balance(f.lender, usdt); got != 1_000_000-2000 {
		t.Fatalf("after one block of expiries the lender holds %d; two offers of three returned", got)
	}
	f.advance(3)
	if got := f.balance(f.lender, usdt); got != 1_000_000 {
		t.Fatalf("lender holds %d after every offer expired", got)
	}
	offers, err := f.q.OffersByLender(f.ctx, &types.QueryOffersByLenderRequest{Lender: f.lender.String()})
	if err != nil || len(offers.Offers) != 0 {
		t.Fatalf("offers left: %v %v", offers, err)
	}
}

// A lender cancels an unused offer and gets its locked principal back; only the lender can.
func TestCancelOffer(t *testing.T) {
	f := setup(t)
	id := f.createOffer(productOffer(f.lender, 1, 3))
	f.take(f.alice, id, 1)
	if _, err := f.msg.CancelOffer(f.ctx, &types.MsgCancelOffer{Lender: f.alice.String(), OfferId: id}); !types.ErrNotLender.Is(err) {
		t.Fatalf("alice cancelling: %v", err)
	}
	if _, err := f.msg.CancelOffer(f.ctx, &types.MsgCancelOffer{Lender: f.lender.String(), OfferId: id}); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if got := f.balance(f.lender, usdt); got != 1_000_000-1000 {
		t.Fatalf("lender holds %d: the two unused loans' principal returns", got)
	}
}
