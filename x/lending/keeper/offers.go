package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/types"
)

func now(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

// checkLoanTerms: an accepted principal denom, a positive principal, interest not negative, a
// term in (0, max_term], an expiry in the future.
func checkLoanTerms(ctx context.Context, p types.Params, principal sdk.Coin, interestStr string, interestOK bool, term time.Duration, expiry time.Time) error {
	if !principal.IsValid() || !principal.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "principal %s must be positive", principal)
	}
	if !p.AcceptsPrincipal(principal.Denom) {
		return errorsmod.Wrapf(types.ErrDenomNotAccepted, "principal denom %s is not one of %v", principal.Denom, p.PrincipalDenoms)
	}
	if !interestOK {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "interest %s must be zero or positive", interestStr)
	}
	if term <= 0 || term > p.MaxTerm {
		return errorsmod.Wrapf(types.ErrInvalidTerm, "term %s must be positive and at most %s", term, p.MaxTerm)
	}
	if !expiry.After(now(ctx)) {
		return errorsmod.Wrapf(types.ErrInvalidExpiry, "expiry %s is not after the block time %s", expiry.UTC().Format(time.RFC3339), now(ctx).UTC().Format(time.RFC3339))
	}
	return nil
}

// checkNFT: the NFT exists, its product has not ended or been terminated, and its term runs past
// the loan's maturity (an NFT that stops earning before the loan ends is not collateral). Who owns
// it, whether it is listed or already locked is LockNFT's check.
func (k Keeper) checkNFT(ctx context.Context, id uint64, maturity time.Time) (hashnfttypes.NFT, error) {
	n, _, err := k.checkNFTProduct(ctx, id, maturity)
	return n, err
}

func (k Keeper) checkNFTProduct(ctx context.Context, id uint64, maturity time.Time) (hashnfttypes.NFT, hashnfttypes.Product, error) {
	n, err := k.nfts.GetNFT(ctx, id)
	if err != nil {
		return n, hashnfttypes.Product{}, errorsmod.Wrapf(types.ErrInvalidCollateral, "NFT %d: %v", id, err)
	}
	p, err := k.nfts.GetProduct(ctx, n.ProductId)
	if err != nil {
		return n, p, errorsmod.Wrapf(types.ErrInvalidCollateral, "NFT %d's product %d: %v", id, n.ProductId, err)
	}
	if p.Status != hashnfttypes.PRODUCT_STATUS_ACTIVE {
		return n, p, errorsmod.Wrapf(types.ErrProductUnavailable, "NFT %d's product %d is %s", id, p.Id, p.Status)
	}
	terminated, err := k.products.ProductTerminated(ctx, p.Id)
	if err != nil {
		return n, p, err
	}
	if terminated {
		return n, p, errorsmod.Wrapf(types.ErrProductUnavailable, "NFT %d's product %d is terminated", id, p.Id)
	}
	if !n.TermEnd.After(maturity) {
		return n, p, errorsmod.Wrapf(types.ErrProductUnavailable, "NFT %d's term ends at %s, not after the loan's maturity %s",
			id, n.TermEnd.UTC().Format(time.RFC3339), maturity.UTC().Format(time.RFC3339))
	}
	return n, p, nil
}

// lockNFTs locks all of ids or none: when one cannot be locked (not the owner's, listed, locked
// already), those locked before it are unlocked again, so no NFT stays locked by a refused message
// even where the caller's writes are not rolled back.
func (k Keeper) lockNFTs(ctx context.Context, ids []uint64, owner sdk.AccAddress) error {
	for i, id := range ids {
		if err := k.nfts.LockNFT(ctx, id, owner, types.ModuleName); err != nil {
			if uerr := k.unlockNFTs(ctx, ids[:i]); uerr != nil {
				return errors.Join(err, uerr)
			}
			return err
		}
	}
	return nil
}

func (k Keeper) unlockNFTs(ctx context.Context, ids []uint64) error {
	for _, id := range ids {
		if err := k.nfts.UnlockNFT(ctx, id, types.ModuleName); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) validateCollateralTerms(ctx context.Context, c types.CollateralTerms) error {
	amt := c.Amount
	if c.Kind != types.CollateralKind_COLLATERAL_KIND_MINER &&
		(c.Chain != "" || c.MinerNodeId != "" || !c.MinPower.IsZero() || c.MinTermLeft != 0) {
		return errorsmod.Wrapf(types.ErrInvalidCollateral, "chain %q, miner %q, min power %s and min term left %s are for %s offers only",
			c.Chain, c.MinerNodeId, c.MinPower, c.MinTermLeft, types.CollateralKind_COLLATERAL_KIND_MINER)
	}
	switch c.Kind {
	case types.CollateralKind_COLLATERAL_KIND_NFT:
		if c.NftId == 0 || c.ProductId != 0 || !amt.IsZero() {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "an NFT offer names one NFT id (got %d) and no product (%d) or amount (%s)", c.NftId, c.ProductId, amt)
		}
		if _, err := k.nfts.GetNFT(ctx, c.NftId); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "NFT %d: %v", c.NftId, err)
		}
	case types.CollateralKind_COLLATERAL_KIND_PRODUCT:
		if c.ProductId == 0 || c.NftId != 0 || !amt.IsZero() {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "a product offer names one product id (got %d) and no NFT (%d) or amount (%s)", c.ProductId, c.NftId, amt)
		}
		if _, err := k.nfts.GetProduct(ctx, c.ProductId); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "product %d: %v", c.ProductId, err)
		}
	case types.CollateralKind_COLLATERAL_KIND_IFIL:
		if !amt.IsPositive() || c.NftId != 0 || c.ProductId != 0 {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "an IFIL offer names a positive amount (got %s) and no NFT (%d) or product (%d)", amt, c.NftId, c.ProductId)
		}
	case types.CollateralKind_COLLATERAL_KIND_MINER:
		if (c.Chain == "" && c.MinerNodeId == "") || c.NftId != 0 || c.ProductId != 0 || !amt.IsZero() {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "a miner offer names a chain (%q) or a miner node (%q), and no NFT (%d), product (%d) or amount (%s)",
				c.Chain, c.MinerNodeId, c.NftId, c.ProductId, amt)
		}
		if c.MinPower.IsNegative() || c.MinTermLeft < 0 {
			return errorsmod.Wrapf(types.ErrInvalidCollateral, "min power %s and min term left %s must not be negative", c.MinPower, c.MinTermLeft)
		}
	default:
		return errorsmod.Wrapf(types.ErrInvalidCollateral, "collateral kind %s", c.Kind)
	}
	return nil
}

// listedProduct is the product whose best-rate list holds an offer with collateral c: the
// product of a PRODUCT offer, the NFT's product for an NFT offer, none (0) otherwise.
func (k Keeper) listedProduct(ctx context.Context, c types.CollateralTerms) (uint64, error) {
	switch c.Kind {
	case types.CollateralKind_COLLATERAL_KIND_PRODUCT:
		return c.ProductId, nil
	case types.CollateralKind_COLLATERAL_KIND_NFT:
		n, err := k.nfts.GetNFT(ctx, c.NftId)
		if err != nil {
			return 0, errorsmod.Wrapf(types.ErrInvalidCollateral, "NFT %d: %v", c.NftId, err)
		}
		return n.ProductId, nil
	default:
		return 0, nil
	}
}

// matches says why NFT n of product p is not what offer o accepts ("" if it is), at time t.
func matches(o types.Offer, n hashnfttypes.NFT, p hashnfttypes.Product, t time.Time) string {
	c := o.Collateral
	switch c.Kind {
	case types.CollateralKind_COLLATERAL_KIND_NFT:
		if n.Id != c.NftId {
			return fmt.Sprintf("offer %d takes NFT %d, not NFT %d", o.Id, c.NftId, n.Id)
		}
	case types.CollateralKind_COLLATERAL_KIND_PRODUCT:
		if n.ProductId != c.ProductId {
			return fmt.Sprintf("offer %d takes NFTs of product %d; NFT %d is of product %d", o.Id, c.ProductId, n.Id, n.ProductId)
		}
	case types.CollateralKind_COLLATERAL_KIND_MINER:
		switch {
		case c.Chain != "" && p.Chain != c.Chain:
			return fmt.Sprintf("offer %d takes NFTs of chain %s; NFT %d is of %s", o.Id, c.Chain, n.Id, p.Chain)
		case c.MinerNodeId != "" && n.MinerNodeId != c.MinerNodeId:
			return fmt.Sprintf("offer %d takes NFTs of miner %s; NFT %d is of %s", o.Id, c.MinerNodeId, n.Id, n.MinerNodeId)
		case n.Power.IsNil() || n.Power.LT(c.MinPower):
			return fmt.Sprintf("offer %d takes NFTs of at least %s power; NFT %d has %s", o.Id, c.MinPower, n.Id, n.Power)
		case n.TermEnd.Sub(t) < c.MinTermLeft:
			return fmt.Sprintf("offer %d takes NFTs with at least %s of term left; NFT %d has %s", o.Id, c.MinTermLeft, n.Id, n.TermEnd.Sub(t))
		}
	default:
		return fmt.Sprintf("offer %d takes %s, not an NFT", o.Id, c.Kind)
	}
	return ""
}

func (k Keeper) createOffer(ctx context.Context, msg *types.MsgCreateOffer) (uint64, error) {
	lender, lenderStr, err := k.addr("lender", msg.Lender)
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
	if msg.MaxLoans == 0 || msg.MaxLoans > p.MaxLoansPerOffer {
		return 0, errorsmod.Wrapf(types.ErrInvalidLoanRequests, "max_loans %d must be in 1..%d", msg.MaxLoans, p.MaxLoansPerOffer)
	}
	coll := msg.Collateral
	coll.Amount, coll.MinPower = zeroIfNil(coll.Amount), zeroIfNil(coll.MinPower)
	if err := k.validateCollateralTerms(ctx, coll); err != nil {
		return 0, err
	}
	id, err := k.NextOfferID.Next(ctx)
	if err != nil {
		return 0, err
	}
	o := types.Offer{
		Id: id, Lender: lenderStr, Principal: msg.Principal, Interest: msg.Interest, Term: msg.Term,
		Collateral: coll, MaxLoans: msg.MaxLoans, Expiry: msg.Expiry.UTC(),
	}
	if o.ProductId, err = k.listedProduct(ctx, coll); err != nil {
		return 0, err
	}
	locked := sdk.NewCoin(o.Principal.Denom, o.LockedPrincipal())
	if err := k.lockIn(ctx, lender, locked, false); err != nil {
		return 0, err
	}
	if err := k.Offers.Set(ctx, id, o); err != nil {
		return 0, err
	}
	if err := k.indexOffer(ctx, o); err != nil {
		return 0, err
	}
	if err := k.OffersByLender.Set(ctx, collections.Join(lender, id)); err != nil {
		return 0, err
	}
	if err := k.OfferExpiryQueue.Push(ctx, o.Expiry, id); err != nil {
		return 0, err
	}
	return id, k.emit(ctx, &types.EventOfferCreated{
		Id: id, Lender: lenderStr, Principal: o.Principal.String(), Interest: amounts.Coin(o.Principal.Denom, o.Interest), Locked: locked.String(),
	})
}

// closeOffer takes an offer off the book and returns what it still locks to its lender.
func (k Keeper) closeOffer(ctx context.Context, o types.Offer, reason string) error {
	lender, err := k.stored(o.Lender)
	if err != nil {
		return err
	}
	refund := sdk.NewCoin(o.Principal.Denom, o.LockedPrincipal())
	if err := k.payOut(ctx, lender, refund, false); err != nil {
		return err
	}
	if err := k.Offers.Remove(ctx, o.Id); err != nil {
		return err
	}
	if err := k.unindexOffer(ctx, o); err != nil {
		return err
	}
	if err := k.OffersByLender.Remove(ctx, collections.Join(lender, o.Id)); err != nil {
		return err
	}
	if err := k.OfferExpiryQueue.Remove(ctx, o.Expiry, o.Id); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventOfferClosed{Id: o.Id, Lender: o.Lender, Reason: reason, Refund: refund.String()})
}

func (k Keeper) getOffer(ctx context.Context, id uint64) (types.Offer, error) {
	o, err := k.Offers.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return o, errorsmod.Wrapf(types.ErrOfferNotFound, "no open offer %d", id)
	}
	return o, err
}

func (k Keeper) cancelOffer(ctx context.Context, msg *types.MsgCancelOffer) error {
	_, lenderStr, err := k.addr("lender", msg.Lender)
	if err != nil {
		return err
	}
	o, err := k.getOffer(ctx, msg.OfferId)
	if err != nil {
		return err
	}
	if o.Lender != lenderStr {
		return errorsmod.Wrapf(types.ErrNotLender, "offer %d belongs to %s, not %s", o.Id, o.Lender, lenderStr)
	}
	return k.closeOffer(ctx, o, "cancelled")
}

// takeOffer locks the borrower's collateral and pays the principal from the offer's lock, in
// this order: every check first, then the lock, then the payment.
func (k Keeper) takeOffer(ctx context.Context, msg *types.MsgTakeOffer) (uint64, error) {
	borrower, borrowerStr, err := k.addr("borrower", msg.Borrower)
	if err != nil {
		return 0, err
	}
	o, err := k.getOffer(ctx, msg.OfferId)
	if err != nil {
		return 0, err
	}
	t := now(ctx)
	if !t.Before(o.Expiry) {
		return 0, errorsmod.Wrapf(types.ErrOfferExpired, "offer %d expired at %s", o.Id, o.Expiry.Format(time.RFC3339))
	}
	if o.Lender == borrowerStr {
		return 0, errorsmod.Wrapf(types.ErrSelfLoan, "%s cannot take its own offer %d", borrowerStr, o.Id)
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	maturity := t.Add(o.Term)
	loan := types.Loan{
		Borrower: borrowerStr, Lender: o.Lender, Principal: o.Principal, Interest: o.Interest, Ifil: math.ZeroInt(),
		OfferId: o.Id,
	}
	switch o.Collateral.Kind {
	case types.CollateralKind_COLLATERAL_KIND_NFT, types.CollateralKind_COLLATERAL_KIND_PRODUCT, types.CollateralKind_COLLATERAL_KIND_MINER:
		if msg.NftId == 0 {
			return 0, errorsmod.Wrapf(types.ErrCollateralMismatch, "offer %d takes an NFT; none given", o.Id)
		}
		n, np, err := k.checkNFTProduct(ctx, msg.NftId, maturity)
		if err != nil {
			return 0, err
		}
		if why := matches(o, n, np, t); why != "" {
			return 0, errorsmod.Wrap(types.ErrCollateralMismatch, why)
		}
		if err := k.lockNFTs(ctx, []uint64{n.Id}, borrower); err != nil {
			return 0, err
		}
		loan.NftIds = []uint64{n.Id}
	case types.CollateralKind_COLLATERAL_KIND_IFIL:
		if msg.NftId != 0 {
			return 0, errorsmod.Wrapf(types.ErrCollateralMismatch, "offer %d takes %s of IFIL, not NFT %d", o.Id, amounts.Coin(p.CollateralDenom, o.Collateral.Amount), msg.NftId)
		}
		if err := k.lockIn(ctx, borrower, sdk.NewCoin(p.CollateralDenom, o.Collateral.Amount), true); err != nil {
			return 0, err
		}
		loan.Ifil = o.Collateral.Amount
	default:
		return 0, errorsmod.Wrapf(types.ErrInvalidCollateral, "offer %d has collateral kind %s", o.Id, o.Collateral.Kind)
	}
	if err := k.payOut(ctx, borrower, o.Principal, false); err != nil {
		return 0, err
	}
	o.LoansMade++
	if o.LoansMade == o.MaxLoans {
		if err := k.closeOffer(ctx, o, "used up"); err != nil {
			return 0, err
		}
	} else if err := k.Offers.Set(ctx, o.Id, o); err != nil {
		return 0, err
	}
	return k.startLoan(ctx, p, loan, t, maturity)
}
