package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/lending/types"
)

// InitGenesis writes the records with their indexes (the query indexes included: setLoan,
// indexOffer) and rebuilds the queues from them: open offers and requests at their expiry, active
// loans at their grace end; and each NFT's last loan (the highest loan id it was collateral of).
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, b := range gs.Books {
		b.Held = zeroIfNil(b.Held)
		if err := k.Books.Set(ctx, b.Denom, b); err != nil {
			return err
		}
	}
	for _, o := range gs.Offers {
		if err := k.ImportOffer(ctx, o); err != nil {
			return err
		}
	}
	for _, r := range gs.Requests {
		borrower, err := k.stored(r.Borrower)
		if err != nil {
			return err
		}
		if err := k.Requests.Set(ctx, r.Id, r); err != nil {
			return err
		}
		if err := k.RequestsByBorrower.Set(ctx, collections.Join(borrower, r.Id)); err != nil {
			return err
		}
		if err := k.RequestExpiryQueue.Push(ctx, r.Expiry, r.Id); err != nil {
			return err
		}
	}
	for _, l := range gs.Loans {
		if err := k.ImportLoan(ctx, l); err != nil {
			return err
		}
	}
	if err := k.NextOfferID.Set(ctx, gs.NextOfferId); err != nil {
		return err
	}
	if err := k.NextRequestID.Set(ctx, gs.NextRequestId); err != nil {
		return err
	}
	return k.NextLoanID.Set(ctx, gs.NextLoanId)
}

// ImportOffer writes an open offer with its indexes and its expiry queue entry (InitGenesis's
// step per offer; the benchmarks build large states with it). The books are the caller's.
func (k Keeper) ImportOffer(ctx context.Context, o types.Offer) error {
	lender, err := k.stored(o.Lender)
	if err != nil {
		return err
	}
	if err := k.Offers.Set(ctx, o.Id, o); err != nil {
		return err
	}
	if err := k.indexOffer(ctx, o); err != nil {
		return err
	}
	if err := k.OffersByLender.Set(ctx, collections.Join(lender, o.Id)); err != nil {
		return err
	}
	return k.OfferExpiryQueue.Push(ctx, o.Expiry, o.Id)
}

// ImportLoan writes a loan with its indexes, its NFTs' last loan and, if active, its maturity
// queue entry at its grace end (InitGenesis's step per loan; the benchmarks build large states
// with it). The books and the NFTs' locks are the caller's.
func (k Keeper) ImportLoan(ctx context.Context, l types.Loan) error {
	borrower, err := k.stored(l.Borrower)
	if err != nil {
		return err
	}
	lender, err := k.stored(l.Lender)
	if err != nil {
		return err
	}
	if err := k.setLoan(ctx, l); err != nil {
		return err
	}
	if err := k.LoansByBorrower.Set(ctx, collections.Join(borrower, l.Id)); err != nil {
		return err
	}
	if err := k.LoansByLender.Set(ctx, collections.Join(lender, l.Id)); err != nil {
		return err
	}
	if l.Status == types.LoanStatus_LOAN_STATUS_ACTIVE {
		if err := k.MaturityQueue.Push(ctx, l.GraceEnd, l.Id); err != nil {
			return err
		}
	}
	for _, nid := range l.NftIds {
		if err := k.setLastLoan(ctx, nid, l.Id); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p}
	if err := k.Books.Walk(ctx, nil, func(_ string, b types.Books) (bool, error) {
		gs.Books = append(gs.Books, b)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Offers.Walk(ctx, nil, func(_ uint64, o types.Offer) (bool, error) {
		gs.Offers = append(gs.Offers, o)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Requests.Walk(ctx, nil, func(_ uint64, r types.Request) (bool, error) {
		gs.Requests = append(gs.Requests, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Loans.Walk(ctx, nil, func(_ uint64, l types.Loan) (bool, error) {
		gs.Loans = append(gs.Loans, l)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.NextOfferId, err = k.NextOfferID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextRequestId, err = k.NextRequestID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextLoanId, err = k.NextLoanID.Peek(ctx); err != nil {
		return nil, err
	}
	return gs, nil
}

// setLastLoan records loan id as NFT nid's last loan unless a later one is recorded.
func (k Keeper) setLastLoan(ctx context.Context, nid, id uint64) error {
	prev, err := k.LoanByNFT.Get(ctx, nid)
	if err == nil && prev > id {
		return nil
	}
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return k.LoanByNFT.Set(ctx, nid, id)
}
