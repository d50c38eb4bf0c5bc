package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// NFTHooks let another module (the escrow and reward module, SPEC §5) act on the registry.
// BeforeNFTTransfer runs on every path that moves an NFT (a transfer, a secondary sale, a
// collateral move by lending) before the owner changes, so that what the NFT earned until then
// is settled to the previous holder; an error aborts the move. AfterNFTsCreated runs when NFTs
// first..last (consecutive ids of one product, one owner) come into being by a sale.
type NFTHooks interface {
	BeforeNFTTransfer(ctx context.Context, nftID uint64, from, to sdk.AccAddress) error
	AfterNFTsCreated(ctx context.Context, productID, firstID, lastID uint64, owner sdk.AccAddress) error
}

// MultiNFTHooks runs several hooks in order.
type MultiNFTHooks []NFTHooks

func (m MultiNFTHooks) BeforeNFTTransfer(ctx context.Context, nftID uint64, from, to sdk.AccAddress) error {
	for _, h := range m {
		if err := h.BeforeNFTTransfer(ctx, nftID, from, to); err != nil {
			return err
		}
	}
	return nil
}

func (m MultiNFTHooks) AfterNFTsCreated(ctx context.Context, productID, firstID, lastID uint64, owner sdk.AccAddress) error {
	for _, h := range m {
		if err := h.AfterNFTsCreated(ctx, productID, firstID, lastID, owner); err != nil {
			return err
		}
	}
	return nil
}
