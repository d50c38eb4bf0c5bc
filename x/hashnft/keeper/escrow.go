package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// The escrow module's access to the sale proceeds. x/hashnft keeps the one record of what a
// product's escrow was paid and holds (Escrow); x/escrow decides when it is released and moves
// it only through these functions, so that the record and the hashnftescrow account move together.

// GetEscrow returns a product's escrow record (zero if nothing was paid in yet).
func (k Keeper) GetEscrow(ctx context.Context, productID uint64) (types.Escrow, error) {
	e, err := k.Escrows.Get(ctx, productID)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Escrow{ProductId: productID}, nil
	}
	return e, err
}

func (k Keeper) debitEscrow(ctx context.Context, productID uint64, amt sdk.Coins) error {
	e, err := k.GetEscrow(ctx, productID)
	if err != nil {
		return err
	}
	held, neg := e.Held.SafeSub(amt...)
	if neg {
		return errorsmod.Wrapf(types.ErrEscrowShort, "escrow of product %d holds %s, cannot release %s", productID, e.Held, amt)
	}
	e.Held = held
	return k.Escrows.Set(ctx, productID, e)
}

// ReleaseEscrow pays amt out of a product's escrow to an account (the miner's daily release).
func (k Keeper) ReleaseEscrow(ctx context.Context, productID uint64, to sdk.AccAddress, amt sdk.Coins) error {
	if amt.IsZero() {
		return nil
	}
	if err := k.debitEscrow(ctx, productID, amt); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, modaccounts.HashnftEscrow, to, amt)
}

// refundUndelivered pays amt out of a product's escrow back to an auction winner whose NFTs were
// never created (the product was terminated while they were being created), and records it.
func (k Keeper) refundUndelivered(ctx context.Context, productID uint64, to sdk.AccAddress, amt sdk.Coins) error {
	if amt.IsZero() {
		return nil
	}
	if err := k.debitEscrow(ctx, productID, amt); err != nil {
		return err
	}
	e, err := k.GetEscrow(ctx, productID)
	if err != nil {
		return err
	}
	e.RefundedUndelivered = e.RefundedUndelivered.Add(amt...)
	if err := k.Escrows.Set(ctx, productID, e); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, modaccounts.HashnftEscrow, to, amt)
}

// ReleaseEscrowToModule moves amt out of a product's escrow to a module account (a termination's refunds).
func (k Keeper) ReleaseEscrowToModule(ctx context.Context, productID uint64, module string, amt sdk.Coins) error {
	if amt.IsZero() {
		return nil
	}
	if err := k.debitEscrow(ctx, productID, amt); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToModule(ctx, modaccounts.HashnftEscrow, module, amt)
}

// WalkProductNFTs calls fn on a product's NFTs with ids above afterID, in id order (the escrow's
// bounded payout rounds stop early).
func (k Keeper) WalkProductNFTs(ctx context.Context, productID, afterID uint64, fn func(types.NFT) (bool, error)) error {
	rng := collections.NewPrefixedPairRange[uint64, uint64](productID).StartExclusive(afterID)
	iter, err := k.NFTs.Indexes.Product.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		pk, err := iter.PrimaryKey()
		if err != nil {
			return err
		}
		n, err := k.NFTs.Get(ctx, pk)
		if err != nil {
			return err
		}
		stop, err := fn(n)
		if err != nil || stop {
			return err
		}
	}
	return nil
}

// WalkOwnerNFTs calls fn on the NFTs an address owns, in id order.
func (k Keeper) WalkOwnerNFTs(ctx context.Context, owner sdk.AccAddress, fn func(types.NFT) (bool, error)) error {
	iter, err := k.NFTs.Indexes.Owner.MatchExact(ctx, owner)
	if err != nil {
		return err
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		pk, err := iter.PrimaryKey()
		if err != nil {
			return err
		}
		n, err := k.NFTs.Get(ctx, pk)
		if err != nil {
			return err
		}
		stop, err := fn(n)
		if err != nil || stop {
			return err
		}
	}
	return nil
}

// WalkEscrows calls fn on every product's escrow record (books checks, not blocks).
func (k Keeper) WalkEscrows(ctx context.Context, fn func(types.Escrow) (bool, error)) error {
	return k.Escrows.Walk(ctx, nil, func(_ uint64, e types.Escrow) (bool, error) { return fn(e) })
}
