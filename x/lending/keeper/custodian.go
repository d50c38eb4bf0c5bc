package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/types"
)

// Custodian is x/lending as x/hashnft's collateral custodian (SPEC §11): a refund, an insurance
// cover or a compensation paid for an NFT of an active loan stays with the loan (Loan.held,
// Books.held), to the borrower on repayment, to the lender on foreclosure. An NFT locked by an
// open request (no lender yet) is not held: its owner is paid as usual.
type Custodian struct{ k Keeper }

var _ hashnfttypes.CollateralCustodian = Custodian{}

// Custodian returns what the app registers with x/hashnft (RegisterCollateralCustodian under
// types.ModuleName).
func (k Keeper) Custodian() Custodian { return Custodian{k} }

// loanOfNFT is the last loan NFT id was collateral of.
func (k Keeper) loanOfNFT(ctx context.Context, id uint64) (types.Loan, bool, error) {
	lid, err := k.LoanByNFT.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Loan{}, false, nil
	}
	if err != nil {
		return types.Loan{}, false, err
	}
	l, err := k.getLoan(ctx, lid)
	return l, err == nil, err
}

// Holds: the NFT is locked by lending for a loan that still holds its collateral.
func (c Custodian) Holds(ctx context.Context, n hashnfttypes.NFT) (bool, error) {
	if n.LockedBy != types.ModuleName {
		return false, nil
	}
	l, found, err := c.k.loanOfNFT(ctx, n.Id)
	if err != nil || !found {
		return false, err
	}
	return types.Holding(l.Status), nil
}

// Hold books coins the module account just received for NFT nftID: held with its loan while the
// loan holds the collateral; passed on at once to whoever got the NFT if the loan closed since
// the payment was decided (the borrower after repayment, the lender after foreclosure). Either
// way the loan's held records it.
func (c Custodian) Hold(ctx context.Context, nftID uint64, coins sdk.Coins) error {
	k := c.k
	if !coins.IsValid() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "payment %s for NFT %d", coins, nftID)
	}
	l, found, err := k.loanOfNFT(ctx, nftID)
	if err != nil {
		return err
	}
	if !found {
		return errorsmod.Wrapf(types.ErrLoanNotFound, "no loan has NFT %d as collateral; payment %s", nftID, coins)
	}
	l.Held = l.Held.Add(coins...)
	if types.Holding(l.Status) {
		for _, coin := range coins {
			b, err := k.books(ctx, coin.Denom)
			if err != nil {
				return err
			}
			b.Held = b.Held.Add(coin.Amount)
			if err := k.Books.Set(ctx, coin.Denom, b); err != nil {
				return err
			}
		}
		if err := k.setLoan(ctx, l); err != nil {
			return err
		}
		return k.emit(ctx, &types.EventPaymentHeld{LoanId: l.Id, NftId: nftID, Amount: coins.String()})
	}
	to := l.Lender
	if l.Status == types.LoanStatus_LOAN_STATUS_REPAID {
		to = l.Borrower
	}
	toAddr, err := k.stored(to)
	if err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, toAddr, coins); err != nil {
		return err
	}
	if err := k.setLoan(ctx, l); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventPaymentForwarded{LoanId: l.Id, NftId: nftID, To: to, Amount: coins.String()})
}

// releaseHeld pays a closing loan's held coins to to (the borrower or the lender) with its
// collateral. l.Held stays on the record.
func (k Keeper) releaseHeld(ctx context.Context, l types.Loan, to sdk.AccAddress, toStr string) error {
	if l.Held.IsZero() {
		return nil
	}
	for _, coin := range l.Held {
		b, err := k.books(ctx, coin.Denom)
		if err != nil {
			return err
		}
		if b.Held.LT(coin.Amount) {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "loan %d holds %s; the books hold %s%s", l.Id, coin, b.Held, coin.Denom)
		}
		b.Held = b.Held.Sub(coin.Amount)
		if err := k.Books.Set(ctx, coin.Denom, b); err != nil {
			return err
		}
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, l.Held); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventHeldReleased{LoanId: l.Id, To: toStr, Amount: l.Held.String()})
}
