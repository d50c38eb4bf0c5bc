package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// createNFTs brings n NFTs of product p into being for owner, with consecutive ids and the
// product's next serials, and returns the first and last id. The caller saves the product.
// It writes n NFTs (three keys each, with the owner and product indexes) and reads nothing that
// grows with the registry.
func (k Keeper) createNFTs(ctx context.Context, p *types.Product, owner sdk.AccAddress, ownerStr string, n uint64) (first, last uint64, err error) {
	if n == 0 {
		return 0, 0, nil
	}
	first, err = k.NextNFTID.Peek(ctx)
	if err != nil {
		return 0, 0, err
	}
	last = first + n - 1
	if err := k.NextNFTID.Set(ctx, last+1); err != nil {
		return 0, 0, err
	}
	for id := first; id <= last; id++ {
		p.Created++
		nft := types.NFT{
			Id: id, ProductId: p.Id, Serial: p.Created, Power: p.PowerPerNft, TermStart: p.TermStart, TermEnd: p.TermEnd,
			MinerNodeId: p.NodeId, Owner: ownerStr,
		}
		if err := k.NFTs.Set(ctx, id, nft); err != nil {
			return 0, 0, err
		}
	}
	if err := k.wiring.hooks.AfterNFTsCreated(ctx, p.Id, first, last, owner); err != nil {
		return 0, 0, err
	}
	return first, last, nil
}

func (k Keeper) listed(ctx context.Context, id uint64) (types.Listing, bool, error) {
	l, err := k.Listings.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return l, false, nil
	}
	return l, err == nil, err
}

// movable returns the NFT if from (a canonical address) owns it and it is neither listed nor held
// as collateral. Ownership is checked first.
func (k Keeper) movable(ctx context.Context, id uint64, from string) (types.NFT, error) {
	n, err := k.GetNFT(ctx, id)
	if err != nil {
		return n, err
	}
	if n.Owner != from {
		return n, errorsmod.Wrapf(types.ErrNotOwner, "NFT %d belongs to %s, not %s", id, n.Owner, from)
	}
	if n.LockedBy != "" {
		return n, errorsmod.Wrapf(types.ErrNFTLocked, "NFT %d is held as collateral by %s", id, n.LockedBy)
	}
	l, ok, err := k.listed(ctx, id)
	if err != nil {
		return n, err
	}
	if ok {
		return n, errorsmod.Wrapf(types.ErrNFTListed, "NFT %d is listed at %s; cancel the listing first", id, l.Price)
	}
	return n, nil
}

// move gives an NFT to a new owner: the one path every move takes (transfer, secondary sale,
// and lending's collateral moves), so the hook settles what the NFT earned to the previous
// holder first.
func (k Keeper) move(ctx context.Context, n types.NFT, to sdk.AccAddress) error {
	from, err := k.addr("owner", n.Owner)
	if err != nil {
		return err
	}
	toStr, err := k.addressCodec.BytesToString(to)
	if err != nil {
		return err
	}
	if err := k.wiring.hooks.BeforeNFTTransfer(ctx, n.Id, from, to); err != nil {
		return err
	}
	prev := n.Owner
	n.Owner = toStr
	if err := k.NFTs.Set(ctx, n.Id, n); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventNFTTransferred{NftId: n.Id, From: prev, To: toStr})
}

// checkRecipient refuses an NFT to the sender itself or to a module account (it would be stuck there).
func (k Keeper) checkRecipient(from string, to sdk.AccAddress, toStr string) error {
	if from == toStr {
		return errorsmod.Wrapf(types.ErrInvalidRecipient, "%s already owns the NFT", toStr)
	}
	if k.bankKeeper.BlockedAddr(to) {
		return errorsmod.Wrapf(types.ErrInvalidRecipient, "%s is a module account and cannot hold NFTs", toStr)
	}
	return nil
}

// Transfer moves an NFT from its owner to another address (MsgTransferNFT's path, for other
// modules too). Who owns the NFT is checked first: a sender that does not own it is told so,
// whatever the recipient.
func (k Keeper) Transfer(ctx context.Context, id uint64, from, to sdk.AccAddress) error {
	fromStr, err := k.addressCodec.BytesToString(from)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "sender %v: %v", from, err)
	}
	toStr, err := k.addressCodec.BytesToString(to)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidRecipient, "recipient %v: %v", to, err)
	}
	n, err := k.movable(ctx, id, fromStr)
	if err != nil {
		return err
	}
	if err := k.checkRecipient(fromStr, to, toStr); err != nil {
		return err
	}
	return k.move(ctx, n, to)
}

// LockNFT marks an NFT as held as collateral by module lockedBy: until unlocked it cannot be
// transferred, listed or locked again. Its owner stays the beneficial owner.
func (k Keeper) LockNFT(ctx context.Context, id uint64, owner sdk.AccAddress, lockedBy string) error {
	if lockedBy == "" {
		return errorsmod.Wrap(types.ErrNFTLocked, "a lock needs the holder's name")
	}
	ownerStr, err := k.addressCodec.BytesToString(owner)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "owner %v: %v", owner, err)
	}
	n, err := k.movable(ctx, id, ownerStr)
	if err != nil {
		return err
	}
	n.LockedBy = lockedBy
	if err := k.NFTs.Set(ctx, id, n); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventNFTLocked{NftId: id, LockedBy: lockedBy})
}

// UnlockNFT releases a lock taken by lockedBy.
func (k Keeper) UnlockNFT(ctx context.Context, id uint64, lockedBy string) error {
	n, err := k.GetNFT(ctx, id)
	if err != nil {
		return err
	}
	if n.LockedBy != lockedBy || lockedBy == "" {
		return errorsmod.Wrapf(types.ErrNFTLocked, "NFT %d is locked by %q, not %q", id, n.LockedBy, lockedBy)
	}
	n.LockedBy = ""
	if err := k.NFTs.Set(ctx, id, n); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventNFTUnlocked{NftId: id, LockedBy: lockedBy})
}
