package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/x/lending/types"
)

func (k Keeper) createRequest(ctx context.Context, msg *types.MsgCreateRequest) (uint64, error) {
	borrower, borrowerStr, err := k.addr("borrower", msg.Borrower)
	if err != nil {
		return 0, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	if err := checkLoanTerms(ctx, p, msg.Principal, msg.Interest.String(), !msg.Interest.IsNil() && !msg.Interest.IsNegative(), msg.Term, msg.Expiry); err != nil {
		return 0, err
	}
	ifil := zeroIfNil(msg.Ifil)
	if ifil.IsNegative() || (len(msg.NftIds) == 0) == ifil.IsZero() {
		return 0, errorsmod.Wrapf(types.ErrInvalidCollateral, "a request locks either NFTs (got %d) or a positive amount of IFIL (got %s), not both", len(msg.NftIds), ifil)
	}
	if len(msg.NftIds) > int(p.MaxNftsPerLoan) {
		return 0, errorsmod.Wrapf(types.ErrInvalidCollateral, "%d NFTs above max_nfts_per_loan %d", len(msg.NftIds), p.MaxNftsPerLoan)
	}
	// The loan cannot mature before now + term; each NFT must earn at least that long.
	for i, id := range msg.NftIds {
		if slices.Contains(msg.NftIds[:i], id) {
			return 0, errorsmod.Wrapf(types.ErrInvalidCollateral, "NFT %d named twice", id)
		}
		if _, err := k.checkNFT(ctx, id, now(ctx).Add(msg.Term)); err != nil {
			return 0, err
		}
	}
	if err := k.lockNFTs(ctx, msg.NftIds, borrower); err != nil {
		return 0, err
	}
	if err := k.lockIn(ctx, borrower, sdk.NewCoin(p.CollateralDenom, ifil), true); err != nil {
		return 0, err
	}
	id, err := k.NextRequestID.Next(ctx)
	if err != nil {
		return 0, err
	}
	r := types.Request{
		Id: id, Borrower: borrowerStr, NftIds: msg.NftIds, Ifil: ifil, Principal: msg.Principal, Interest: msg.Interest,
		Term: msg.Term, Expiry: msg.Expiry.UTC(),
	}
	if err := k.Requests.Set(ctx, id, r); err != nil {
		return 0, err
	}
	if err := k.RequestsByBorrower.Set(ctx, collections.Join(borrower, id)); err != nil {
		return 0, err
	}
	if err := k.RequestExpiryQueue.Push(ctx, r.Expiry, id); err != nil {
		return 0, err
	}
	return id, k.emit(ctx, &types.EventRequestCreated{
		Id: id, Borrower: borrowerStr, NftIds: r.NftIds, Ifil: amounts.Coin(p.CollateralDenom, ifil), Principal: r.Principal.String(),
	})
}

func (k Keeper) getRequest(ctx context.Context, id uint64) (types.Request, error) {
	r, err := k.Requests.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return r, errorsmod.Wrapf(types.ErrRequestNotFound, "no open request %d", id)
	}
	return r, err
}

// removeRequest takes a request off the book; release says whether its collateral goes back to
// the borrower (cancel, expiry) or stays locked for the loan that fills it.
func (k Keeper) removeRequest(ctx context.Context, r types.Request, reason string, release bool) error {
	borrower, err := k.stored(r.Borrower)
	if err != nil {
		return err
	}
	if release {
		if err := k.unlockNFTs(ctx, r.NftIds); err != nil {
			return err
		}
		p, err := k.Params.Get(ctx)
		if err != nil {
			return err
		}
		if err := k.payOut(ctx, borrower, sdk.NewCoin(p.CollateralDenom, r.Ifil), true); err != nil {
			return err
		}
	}
	if err := k.Requests.Remove(ctx, r.Id); err != nil {
		return err
	}
	if err := k.RequestsByBorrower.Remove(ctx, collections.Join(borrower, r.Id)); err != nil {
		return err
	}
	if err := k.RequestExpiryQueue.Remove(ctx, r.Expiry, r.Id); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventRequestClosed{Id: r.Id, Borrower: r.Borrower, Reason: reason})
}

func (k Keeper) cancelRequest(ctx context.Context, msg *types.MsgCancelRequest) error {
	_, borrowerStr, err := k.addr("borrower", msg.Borrower)
	if err != nil {
		return err
	}
	r, err := k.getRequest(ctx, msg.RequestId)
	if err != nil {
		return err
	}
	if r.Borrower != borrowerStr {
		return errorsmod.Wrapf(types.ErrNotBorrower, "request %d belongs to %s, not %s", r.Id, r.Borrower, borrowerStr)
	}
	return k.removeRequest(ctx, r, "cancelled", true)
}

// fillRequest pays the principal from the lender to the borrower; the request's collateral,
// already locked, becomes the loan's. The NFTs are checked again (their product may have ended
// or their term may end before this loan's maturity).
func (k Keeper) fillRequest(ctx context.Context, msg *types.MsgFillRequest) (uint64, error) {
	lender, lenderStr, err := k.addr("lender", msg.Lender)
	if err != nil {
		return 0, err
	}
	r, err := k.getRequest(ctx, msg.RequestId)
	if err != nil {
		return 0, err
	}
	t := now(ctx)
	if !t.Before(r.Expiry) {
		return 0, errorsmod.Wrapf(types.ErrInvalidExpiry, "request %d expired at %s", r.Id, r.Expiry.Format(time.RFC3339))
	}
	if r.Borrower == lenderStr {
		return 0, errorsmod.Wrapf(types.ErrSelfLoan, "%s cannot fill its own request %d", lenderStr, r.Id)
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	if !p.AcceptsPrincipal(r.Principal.Denom) {
		return 0, errorsmod.Wrapf(types.ErrDenomNotAccepted, "request %d's principal denom %s is no longer accepted", r.Id, r.Principal.Denom)
	}
	maturity := t.Add(r.Term)
	for _, id := range r.NftIds {
		if _, err := k.checkNFT(ctx, id, maturity); err != nil {
			return 0, err
		}
	}
	borrower, err := k.stored(r.Borrower)
	if err != nil {
		return 0, err
	}
	if err := k.bankKeeper.SendCoins(ctx, lender, borrower, sdk.NewCoins(r.Principal)); err != nil {
		return 0, err
	}
	if err := k.removeRequest(ctx, r, "filled", false); err != nil {
		return 0, err
	}
	loan := types.Loan{
		Borrower: r.Borrower, Lender: lenderStr, Principal: r.Principal, Interest: r.Interest, NftIds: r.NftIds, Ifil: r.Ifil,
		RequestId: r.Id,
	}
	return k.startLoan(ctx, p, loan, t, maturity)
}
