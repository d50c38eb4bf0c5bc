package keeper

import (
	"context"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/oracle/types"
)

type pegBooks struct{ genesis, minted, burned math.Int }

func (k Keeper) books(ctx context.Context) (pegBooks, error) {
	var b pegBooks
	var err error
	if b.genesis, err = k.GenesisSupply.Get(ctx); err != nil {
		return b, err
	}
	if b.minted, err = k.Minted.Get(ctx); err != nil {
		return b, err
	}
	b.burned, err = k.Burned.Get(ctx)
	return b, err
}

// CheckPeg is the IFIL peg invariant, for tests and the simulation: the bank supply of aifil is
// exactly the genesis supply + minted - burned (minted - burned is the change since genesis),
// every minted deposit is counted, and the peg's module account holds no aifil.
func (k Keeper) CheckPeg(ctx context.Context) error {
	b, err := k.books(ctx)
	if err != nil {
		return err
	}
	got := k.bankKeeper.GetSupply(ctx, types.IFILDenom).Amount
	if want := b.genesis.Add(b.minted).Sub(b.burned); !got.Equal(want) {
		return types.ErrPegMismatch.Wrapf("bank supply %saifil, books say genesis %s + minted %s - burned %s = %s",
			got, b.genesis, b.minted, b.burned, want)
	}
	deposits := math.ZeroInt()
	if err := k.Deposits.Walk(ctx, nil, func(_ string, d types.Deposit) (bool, error) {
		if d.Minted {
			deposits = deposits.Add(d.Amount)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if !deposits.Equal(b.minted) {
		return types.ErrPegMismatch.Wrapf("minted deposits add up to %saifil, minted says %saifil", deposits, b.minted)
	}
	withdrawn := math.ZeroInt()
	if err := k.Withdrawals.Walk(ctx, nil, func(_ uint64, w types.Withdrawal) (bool, error) {
		withdrawn = withdrawn.Add(w.Amount)
		return false, nil
	}); err != nil {
		return err
	}
	if !withdrawn.Equal(b.burned) {
		return types.ErrPegMismatch.Wrapf("withdrawals add up to %saifil, burned says %saifil", withdrawn, b.burned)
	}
	return nil
}
