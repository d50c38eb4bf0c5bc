package keeper_test

import (
	"context"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/types"
)

// TestBadInputs: the "Bad input" list and more, each a row: the error (errors.Is), the
// value it names, and nothing changed (the module's store, the registry, every balance, revenue).
//
// The state: offer 1 (any NFT of product 1, 30 days, 2 loans), offer 2 (NFT 4 only), offer 3
// (1-day term, 3 loans); loan 1 bob's on NFT 3 (offer 1); loan 2 alice's on NFT 1 (offer 3),
// foreclosed at t0+8d; loan 3 carol's on NFT 9 (offer 3, taken at t0+5d: matured at t0+6d,
// grace end t0+13d); request 1 alice's on NFT 8 (expiring at t0+20d);
// request 2 bob's on 7000aifil; NFT 2 is listed. The block time is t0+8d.
func TestBadInputs(t *testing.T) {
	f := setup(t)
	o1 := f.createOffer(productOffer(f.lender, 1, 2))
	m2 := productOffer(f.lender, 0, 1)
	m2.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_NFT, NftId: 4, Amount: math.ZeroInt()}
	o2 := f.createOffer(m2)
	m3 := productOffer(f.lender, 1, 3)
	m3.Term = day
	o3 := f.createOffer(m3)
	l1 := f.take(f.bob, o1, 3)
	l2 := f.take(f.alice, o3, 1)
	f.advance(5 * day)
	l3 := f.take(f.carol, o3, 9)
	rm := request(f.alice, []uint64{8}, 0)
	rm.Expiry = t0.Add(20 * day)
	req, err := f.msg.CreateRequest(f.ctx, rm)
	if err != nil {
		t.Fatal(err)
	}
	im := request(f.bob, nil, 7000)
	im.Expiry = t0.Add(20 * day)
	if _, err := f.msg.CreateRequest(f.ctx, im); err != nil {
		t.Fatal(err)
	}
	f.advance(3 * day)
	if f.loan(l2).Loan.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatal("fixture: loan 2 should be foreclosed")
	}
	f.nfts.listed[2] = true
	f.checkBooks()

	alice, bob, carol, lender := f.alice.String(), f.bob.String(), f.carol.String(), f.lender.String()
	take := func(who string, offer, nft uint64) sdk.Msg {
		return &types.MsgTakeOffer{Borrower: who, OfferId: offer, NftId: nft}
	}
	offer := func(mod func(*types.MsgCreateOffer)) sdk.Msg {
		m := productOffer(f.lender, 1, 1)
		m.Expiry = f.ctx.BlockTime().Add(day)
		mod(m)
		return m
	}
	repay := func(who string, loan uint64, c sdk.Coin) sdk.Msg {
		return &types.MsgRepay{Payer: who, LoanId: loan, Amount: c}
	}
	ext := &types.MsgProposeExtension{Signer: carol, LoanId: l3, NewMaturity: t0.Add(40 * day), ExtraInterest: math.NewInt(1)}

	rows := []struct {
		name  string
		msg   sdk.Msg
		at    time.Duration // block time moved by this much (no block work) before the message
		err   *errorsmod.Error
		names string
	}{
		{"NFT not accepted by the offer", take(alice, o2, 10), 0, types.ErrCollateralMismatch, "NFT 4"},
		{"no NFT for an NFT offer", take(alice, o1, 0), 0, types.ErrCollateralMismatch, "none given"},
		{"listed NFT", take(alice, o1, 2), 0, hashnfttypes.ErrNFTListed, "NFT 2"},
		{"NFT already locked", take(bob, o1, 3), 0, hashnfttypes.ErrNFTLocked, "NFT 3"},
		{"NFT not yours", take(alice, o1, 4), 0, hashnfttypes.ErrNotOwner, "NFT 4"},
		{"NFT of an expired product", take(alice, o1, 5), 0, types.ErrProductUnavailable, "product 2"},
		{"NFT of a terminated product", take(alice, o1, 6), 0, types.ErrProductUnavailable, "terminated"},
		{"NFT whose term ends before maturity", take(alice, o1, 7), 0, types.ErrProductUnavailable, "NFT 7"},
		{"unknown NFT", take(alice, o1, 99), 0, types.ErrInvalidCollateral, "NFT 99"},
		{"own offer", take(lender, o1, 0), 0, types.ErrSelfLoan, "own offer"},
		{"unknown offer", take(alice, 42, 10), 0, types.ErrOfferNotFound, "42"},
		{"offer past its expiry, before the queue", take(alice, o1, 10), 2 * day, types.ErrOfferExpired, "offer 1"},
		{"repay after foreclosure", repay(alice, l2, sdk.NewInt64Coin(usdt, 1100)), 0, types.ErrLoanClosed, "FORECLOSED"},
		{"repay more than owed", repay(carol, l1, sdk.NewInt64Coin(usdt, 1101)), 0, types.ErrRepayTooMuch, "1100uusdt"},
		{"repay in another denom", repay(bob, l1, sdk.NewInt64Coin(ifil, 10)), 0, types.ErrInvalidAmount, "uusdt"},
		{"repay zero", repay(bob, l1, sdk.NewInt64Coin(usdt, 0)), 0, types.ErrInvalidAmount, "positive"},
		{"repay at the grace end, before the queue", repay(carol, l3, sdk.NewInt64Coin(usdt, 10)), 5 * day, types.ErrPastGrace, "loan 3"},
		{"repay from a bad address", repay("cosmos1xyz", l1, sdk.NewInt64Coin(usdt, 10)), 0, types.ErrInvalidAddress, "payer"},
		{"repay an unknown loan", repay(bob, 77, sdk.NewInt64Coin(usdt, 10)), 0, types.ErrLoanNotFound, "77"},
		{"offer with zero principal", offer(func(m *types.MsgCreateOffer) { m.Principal = sdk.NewInt64Coin(usdt, 0) }), 0, types.ErrInvalidAmount, "0uusdt"},
		{"offer with a zero term", offer(func(m *types.MsgCreateOffer) { m.Term = 0 }), 0, types.ErrInvalidTerm, "0s"},
		{"offer with a term above the maximum", offer(func(m *types.MsgCreateOffer) { m.Term = 541 * day }), 0, types.ErrInvalidTerm, "12984h"},
		{"offer in an unaccepted denom", offer(func(m *types.MsgCreateOffer) { m.Principal = sdk.NewInt64Coin("uhusd", 10) }), 0, types.ErrDenomNotAccepted, "uhusd"},
		{"offer with negative interest", offer(func(m *types.MsgCreateOffer) { m.Interest = math.NewInt(-1) }), 0, types.ErrInvalidAmount, "-1"},
		{"offer expiring in the past", offer(func(m *types.MsgCreateOffer) { m.Expiry = t0 }), 0, types.ErrInvalidExpiry, "2026-01-01"},
		{"offer for zero loans", offer(func(m *types.MsgCreateOffer) { m.MaxLoans = 0 }), 0, types.ErrInvalidLoanRequests, "max_loans 0"},
		{"offer for too many loans", offer(func(m *types.MsgCreateOffer) { m.MaxLoans = 101 }), 0, types.ErrInvalidLoanRequests, "101"},
		{"offer with no collateral kind", offer(func(m *types.MsgCreateOffer) { m.Collateral.Kind = 0 }), 0, types.ErrInvalidCollateral, "UNSPECIFIED"},
		{"IFIL offer of zero", offer(func(m *types.MsgCreateOffer) {
			m.Collateral = types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_IFIL, Amount: math.ZeroInt()}
		}), 0, types.ErrInvalidCollateral, "positive amount"},
		{"offer of an unknown product", offer(func(m *types.MsgCreateOffer) { m.Collateral.ProductId = 9 }), 0, types.ErrInvalidCollateral, "product 9"},
		{"cancel another's offer", &types.MsgCancelOffer{Lender: alice, OfferId: o1}, 0, types.ErrNotLender, alice},
		{"fill a cancelled or unknown request", &types.MsgFillRequest{Lender: lender, RequestId: 55}, 0, types.ErrRequestNotFound, "55"},
		{"fill an expired request", &types.MsgFillRequest{Lender: lender, RequestId: req.RequestId}, 12 * day, types.ErrInvalidExpiry, "expired"},
		{"fill one's own request", &types.MsgFillRequest{Lender: alice, RequestId: req.RequestId}, 0, types.ErrSelfLoan, "own request"},
		{"cancel another's request", &types.MsgCancelRequest{Borrower: bob, RequestId: req.RequestId}, 0, types.ErrNotBorrower, bob},
		{"request with a listed NFT after a free one", func() sdk.Msg {
			m := request(f.alice, []uint64{10, 2}, 0)
			m.Expiry = f.ctx.BlockTime().Add(day)
			return m
		}(), 0, hashnfttypes.ErrNFTListed, "NFT 2"},
		{"request naming an NFT twice", func() sdk.Msg {
			m := request(f.alice, []uint64{2, 2}, 0)
			m.Expiry = f.ctx.BlockTime().Add(day)
			return m
		}(), 0, types.ErrInvalidCollateral, "twice"},
		{"request with NFTs and IFIL", func() sdk.Msg { m := request(f.alice, []uint64{2}, 5); m.Expiry = f.ctx.BlockTime().Add(day); return m }(), 0, types.ErrInvalidCollateral, "not both"},
		{"request with no collateral", func() sdk.Msg { m := request(f.alice, nil, 0); m.Expiry = f.ctx.BlockTime().Add(day); return m }(), 0, types.ErrInvalidCollateral, "not both"},
		{"extend after maturity", ext, 0, types.ErrMatured, "loan 3"},
		{"extend a foreclosed loan", &types.MsgProposeExtension{Signer: alice, LoanId: l2, NewMaturity: t0.Add(40 * day)}, 0, types.ErrLoanClosed, "loan 2"},
		{"extend by a stranger", &types.MsgProposeExtension{Signer: carol, LoanId: l1, NewMaturity: t0.Add(40 * day)}, 0, types.ErrExtension, carol},
		{"extend to an earlier maturity", &types.MsgProposeExtension{Signer: bob, LoanId: l1, NewMaturity: t0.Add(20 * day)}, 0, types.ErrInvalidTerm, "new maturity"},
		{"accept with nothing proposed", &types.MsgAcceptExtension{Signer: lender, LoanId: l1, NewMaturity: t0.Add(40 * day)}, 0, types.ErrExtension, "no pending"},
		{"retry the foreclosure of an active loan", &types.MsgRetryForeclosure{Signer: lender, LoanId: l1}, 0, types.ErrNotParked, "loan 1 is LOAN_STATUS_ACTIVE"},
		{"retry the foreclosure of a foreclosed loan", &types.MsgRetryForeclosure{Signer: lender, LoanId: l2}, 0, types.ErrNotParked, "LOAN_STATUS_FORECLOSED"},
		{"retry the foreclosure of an unknown loan", &types.MsgRetryForeclosure{Signer: lender, LoanId: 77}, 0, types.ErrLoanNotFound, "77"},
		{"retry with a malformed signer", &types.MsgRetryForeclosure{Signer: "nope", LoanId: l1}, 0, types.ErrInvalidAddress, "nope"},
		{"params from a non-authority", &types.MsgUpdateParams{Authority: alice, Params: types.DefaultParams()}, 0, nil, "not the authority"},
		{"params with fee above 100%", &types.MsgUpdateParams{Authority: authority, Params: func() types.Params { p := types.DefaultParams(); p.FeeBps = 10_001; return p }()}, 0, types.ErrInvalidParams, "10001"},
		{"params changing the collateral denom while IFIL is held", &types.MsgUpdateParams{Authority: authority, Params: func() types.Params { p := types.DefaultParams(); p.CollateralDenom = "uht"; return p }()}, 0, types.ErrInvalidParams, "7000aifil"},
	}
	base := f.ctx
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			f.ctx = base.WithBlockTime(base.BlockTime().Add(r.at))
			before := f.snapshot()
			_, err := route(f, r.msg)
			if err == nil {
				t.Fatal("accepted")
			}
			if r.err != nil && !r.err.Is(err) {
				t.Fatalf("error %v, want %v", err, r.err)
			}
			if !strings.Contains(err.Error(), r.names) {
				t.Fatalf("error %q does not name %q", err, r.names)
			}
			if after := f.snapshot(); after != before {
				t.Fatal("state changed")
			}
		})
	}
	f.ctx = base
	f.checkBooks()
}

// route hands a message to its handler (the app's message router does this in production).
func route(f *fixture, msg sdk.Msg) (any, error) {
	ctx := context.Context(f.ctx)
	switch m := msg.(type) {
	case *types.MsgCreateOffer:
		return f.msg.CreateOffer(ctx, m)
	case *types.MsgCancelOffer:
		return f.msg.CancelOffer(ctx, m)
	case *types.MsgTakeOffer:
		return f.msg.TakeOffer(ctx, m)
	case *types.MsgCreateRequest:
		return f.msg.CreateRequest(ctx, m)
	case *types.MsgCancelRequest:
		return f.msg.CancelRequest(ctx, m)
	case *types.MsgFillRequest:
		return f.msg.FillRequest(ctx, m)
	case *types.MsgRepay:
		return f.msg.Repay(ctx, m)
	case *types.MsgProposeExtension:
		return f.msg.ProposeExtension(ctx, m)
	case *types.MsgAcceptExtension:
		return f.msg.AcceptExtension(ctx, m)
	case *types.MsgRetryForeclosure:
		return f.msg.RetryForeclosure(ctx, m)
	case *types.MsgUpdateParams:
		return f.msg.UpdateParams(ctx, m)
	}
	f.t.Fatalf("no route for %T", msg)
	return nil, nil
}
