package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/lending/types"
)

// startLoan records a loan whose collateral is locked and whose principal was paid: the fee
// rate is fixed now, and the loan is queued at its grace end.
func (k Keeper) startLoan(ctx context.Context, p types.Params, l types.Loan, start, maturity time.Time) (uint64, error) {
	id, err := k.NextLoanID.Next(ctx)
	if err != nil {
		return 0, err
	}
	l.Id, l.Start, l.Maturity, l.GraceEnd = id, start.UTC(), maturity.UTC(), maturity.Add(p.Grace).UTC()
	l.Status, l.FeeBps = types.LoanStatus_LOAN_STATUS_ACTIVE, p.FeeBps
	l.PrincipalRepaid, l.InterestRepaid, l.FeePaid = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	l.Ifil, l.Held = zeroIfNil(l.Ifil), nil
	borrower, err := k.stored(l.Borrower)
	if err != nil {
		return 0, err
	}
	lender, err := k.stored(l.Lender)
	if err != nil {
		return 0, err
	}
	if l.EarnedAtStart, err = k.earnedNow(ctx, l.NftIds); err != nil {
		return 0, err
	}
	if err := k.setLoan(ctx, l); err != nil {
		return 0, err
	}
	if err := k.LoansByBorrower.Set(ctx, collections.Join(borrower, id)); err != nil {
		return 0, err
	}
	if err := k.LoansByLender.Set(ctx, collections.Join(lender, id)); err != nil {
		return 0, err
	}
	if err := k.MaturityQueue.Push(ctx, l.GraceEnd, id); err != nil {
		return 0, err
	}
	for _, nid := range l.NftIds {
		if err := k.LoanByNFT.Set(ctx, nid, id); err != nil {
			return 0, err
		}
	}
	return id, k.emit(ctx, &types.EventLoanStarted{
		Id: id, Borrower: l.Borrower, Lender: l.Lender, Principal: l.Principal.String(), Interest: amounts.Coin(l.Principal.Denom, l.Interest),
		NftIds: l.NftIds, Ifil: amounts.Coin(p.CollateralDenom, l.Ifil), Maturity: l.Maturity.Format(time.RFC3339), OfferId: l.OfferId, RequestId: l.RequestId,
	})
}

func (k Keeper) getLoan(ctx context.Context, id uint64) (types.Loan, error) {
	l, err := k.Loans.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return l, errorsmod.Wrapf(types.ErrLoanNotFound, "no loan %d", id)
	}
	return l, err
}

// activeLoan is a loan that can still be repaid or extended.
func (k Keeper) activeLoan(ctx context.Context, id uint64) (types.Loan, error) {
	l, err := k.getLoan(ctx, id)
	if err != nil {
		return l, err
	}
	if l.Status != types.LoanStatus_LOAN_STATUS_ACTIVE {
		return l, errorsmod.Wrapf(types.ErrLoanClosed, "loan %d is %s", l.Id, l.Status)
	}
	return l, nil
}

// Split divides a payment into interest (paid first) and principal, and the fee it carries.
// The fee is computed on the interest repaid so far and less what was already paid, so that the
// fees of any sequence of parts add up to Fee(interest) exactly, rounded up once.
func Split(l types.Loan, amount math.Int) (interest, principal, fee math.Int) {
	interest = math.MinInt(amount, l.Interest.Sub(l.InterestRepaid))
	principal = amount.Sub(interest)
	fee = types.Fee(l.InterestRepaid.Add(interest), l.FeeBps).Sub(l.FeePaid)
	return interest, principal, fee
}

// repay takes a payment from anyone: fee to platform revenue, the rest to the lender. On full
// repayment the collateral returns to the borrower (never to the payer).
func (k Keeper) repay(ctx context.Context, msg *types.MsgRepay) (*types.MsgRepayResponse, error) {
	payer, payerStr, err := k.addr("payer", msg.Payer)
	if err != nil {
		return nil, err
	}
	l, err := k.activeLoan(ctx, msg.LoanId)
	if err != nil {
		return nil, err
	}
	if !now(ctx).Before(l.GraceEnd) {
		return nil, errorsmod.Wrapf(types.ErrPastGrace, "loan %d's grace ended at %s; it forecloses", l.Id, l.GraceEnd.Format(time.RFC3339))
	}
	if !msg.Amount.IsValid() || !msg.Amount.IsPositive() || msg.Amount.Denom != l.Principal.Denom {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "repayment %s must be a positive amount of %s", msg.Amount, l.Principal.Denom)
	}
	owed := l.Owed()
	if msg.Amount.Amount.GT(owed) {
		return nil, errorsmod.Wrapf(types.ErrRepayTooMuch, "repayment %s above the %s loan %d owes", msg.Amount, amounts.Coin(l.Principal.Denom, owed), l.Id)
	}
	interest, principal, fee := Split(l, msg.Amount.Amount)
	toLender := msg.Amount.Amount.Sub(fee)
	lender, err := k.stored(l.Lender)
	if err != nil {
		return nil, err
	}
	if toLender.IsPositive() {
		if err := k.bankKeeper.SendCoins(ctx, payer, lender, sdk.NewCoins(sdk.NewCoin(l.Principal.Denom, toLender))); err != nil {
			return nil, err
		}
	}
	if fee.IsPositive() {
		if err := k.revenue.PayRevenueFromAccount(ctx, modaccounts.SourceLendingFee, payer, sdk.NewCoin(l.Principal.Denom, fee)); err != nil {
			return nil, err
		}
	}
	l.InterestRepaid = l.InterestRepaid.Add(interest)
	l.PrincipalRepaid = l.PrincipalRepaid.Add(principal)
	l.FeePaid = l.FeePaid.Add(fee)
	owed = l.Owed()
	full := owed.IsZero()
	if full {
		if err := k.releaseToBorrower(ctx, &l); err != nil {
			return nil, err
		}
	}
	if err := k.setLoan(ctx, l); err != nil {
		return nil, err
	}
	owedCoin := sdk.NewCoin(l.Principal.Denom, owed)
	return &types.MsgRepayResponse{Owed: owedCoin, Full: full}, k.emit(ctx, &types.EventLoanRepaid{
		Id: l.Id, Payer: payerStr, Amount: msg.Amount.String(), ToLender: amounts.Coin(l.Principal.Denom, toLender),
		Fee: amounts.Coin(l.Principal.Denom, fee), Owed: owedCoin.String(), Full: full,
	})
}

// releaseToBorrower closes a repaid loan: its NFTs are unlocked (they never left the borrower)
// and its IFIL and what was held for its NFTs go back to the borrower.
func (k Keeper) releaseToBorrower(ctx context.Context, l *types.Loan) error {
	borrower, err := k.stored(l.Borrower)
	if err != nil {
		return err
	}
	if err := k.unlockNFTs(ctx, l.NftIds); err != nil {
		return err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.payOut(ctx, borrower, sdk.NewCoin(p.CollateralDenom, l.Ifil), true); err != nil {
		return err
	}
	if err := k.releaseHeld(ctx, *l, borrower, l.Borrower); err != nil {
		return err
	}
	l.Status, l.Extension = types.LoanStatus_LOAN_STATUS_REPAID, nil
	return k.MaturityQueue.Remove(ctx, l.GraceEnd, l.Id)
}

// foreclose gives an unpaid loan's collateral to its lender: each NFT is unlocked and moved
// through x/hashnft's transfer path (its rewards until now settle to the borrower first), the
// IFIL and what was held for its NFTs are paid out. What was repaid already stays with the lender.
func (k Keeper) foreclose(ctx context.Context, id uint64, due time.Time) error {
	l, err := k.getLoan(ctx, id)
	if err != nil {
		return err
	}
	// A loan repaid or extended since it was queued is not due here (its entry was moved or
	// removed); a retried entry is due after the grace end.
	if l.Status != types.LoanStatus_LOAN_STATUS_ACTIVE || l.GraceEnd.After(due) {
		return nil
	}
	borrower, err := k.stored(l.Borrower)
	if err != nil {
		return err
	}
	lender, err := k.stored(l.Lender)
	if err != nil {
		return err
	}
	if err := k.unlockNFTs(ctx, l.NftIds); err != nil {
		return err
	}
	for _, nid := range l.NftIds {
		if err := k.nfts.Transfer(ctx, nid, borrower, lender); err != nil {
			return err
		}
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.payOut(ctx, lender, sdk.NewCoin(p.CollateralDenom, l.Ifil), true); err != nil {
		return err
	}
	if err := k.releaseHeld(ctx, l, lender, l.Lender); err != nil {
		return err
	}
	owed := l.Owed()
	l.Status, l.Extension = types.LoanStatus_LOAN_STATUS_FORECLOSED, nil
	if err := k.setLoan(ctx, l); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventLoanForeclosed{
		Id: l.Id, Lender: l.Lender, NftIds: l.NftIds, Ifil: amounts.Coin(p.CollateralDenom, l.Ifil), Owed: amounts.Coin(l.Principal.Denom, owed),
	})
}

// party says whether signer is the loan's borrower or lender.
func party(l types.Loan, signer string) bool { return signer == l.Borrower || signer == l.Lender }

func (k Keeper) proposeExtension(ctx context.Context, msg *types.MsgProposeExtension) error {
	_, signer, err := k.addr("signer", msg.Signer)
	if err != nil {
		return err
	}
	l, err := k.activeLoan(ctx, msg.LoanId)
	if err != nil {
		return err
	}
	if !party(l, signer) {
		return errorsmod.Wrapf(types.ErrExtension, "%s is neither the borrower nor the lender of loan %d", signer, l.Id)
	}
	t := now(ctx)
	if !t.Before(l.Maturity) {
		return errorsmod.Wrapf(types.ErrMatured, "loan %d matured at %s; it can no longer be extended", l.Id, l.Maturity.Format(time.RFC3339))
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if !msg.NewMaturity.After(l.Maturity) || msg.NewMaturity.Sub(t) > p.MaxTerm {
		return errorsmod.Wrapf(types.ErrInvalidTerm, "new maturity %s must be after %s and at most %s from now",
			msg.NewMaturity.UTC().Format(time.RFC3339), l.Maturity.Format(time.RFC3339), p.MaxTerm)
	}
	extra := zeroIfNil(msg.ExtraInterest)
	if extra.IsNegative() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "extra interest %s is negative", extra)
	}
	for _, nid := range l.NftIds {
		if _, err := k.checkNFT(ctx, nid, msg.NewMaturity); err != nil {
			return err
		}
	}
	l.Extension = &types.Extension{Proposer: signer, NewMaturity: msg.NewMaturity.UTC(), ExtraInterest: extra}
	if err := k.setLoan(ctx, l); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventExtensionProposed{
		Id: l.Id, Proposer: signer, NewMaturity: l.Extension.NewMaturity.Format(time.RFC3339), ExtraInterest: amounts.Coin(l.Principal.Denom, extra),
	})
}

// acceptExtension applies the other party's proposal, restated by the acceptor (so a proposal
// changed meanwhile is not accepted blind), before the current maturity. The loan keeps its grace
// length; the collateral stays locked throughout; its queue entry moves to the new grace end.
func (k Keeper) acceptExtension(ctx context.Context, msg *types.MsgAcceptExtension) error {
	_, signer, err := k.addr("signer", msg.Signer)
	if err != nil {
		return err
	}
	l, err := k.activeLoan(ctx, msg.LoanId)
	if err != nil {
		return err
	}
	if !party(l, signer) {
		return errorsmod.Wrapf(types.ErrExtension, "%s is neither the borrower nor the lender of loan %d", signer, l.Id)
	}
	if !now(ctx).Before(l.Maturity) {
		return errorsmod.Wrapf(types.ErrMatured, "loan %d matured at %s; it can no longer be extended", l.Id, l.Maturity.Format(time.RFC3339))
	}
	e := l.Extension
	if e == nil {
		return errorsmod.Wrapf(types.ErrExtension, "loan %d has no pending extension", l.Id)
	}
	if e.Proposer == signer {
		return errorsmod.Wrapf(types.ErrExtension, "%s proposed the extension of loan %d; the other party accepts it", signer, l.Id)
	}
	extra := zeroIfNil(msg.ExtraInterest)
	if !e.NewMaturity.Equal(msg.NewMaturity) || !e.ExtraInterest.Equal(extra) {
		return errorsmod.Wrapf(types.ErrExtension, "loan %d's proposal is maturity %s and extra interest %s, not %s and %s", l.Id,
			e.NewMaturity.Format(time.RFC3339), e.ExtraInterest, msg.NewMaturity.UTC().Format(time.RFC3339), extra)
	}
	if err := k.MaturityQueue.Remove(ctx, l.GraceEnd, l.Id); err != nil {
		return err
	}
	grace := l.GraceEnd.Sub(l.Maturity)
	l.Maturity, l.GraceEnd = e.NewMaturity, e.NewMaturity.Add(grace)
	l.Interest = l.Interest.Add(e.ExtraInterest)
	l.Extension = nil
	if err := k.MaturityQueue.Push(ctx, l.GraceEnd, l.Id); err != nil {
		return err
	}
	if err := k.setLoan(ctx, l); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventLoanExtended{Id: l.Id, NewMaturity: l.Maturity.Format(time.RFC3339), ExtraInterest: amounts.Coin(l.Principal.Denom, extra)})
}
