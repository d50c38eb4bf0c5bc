package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// The interfaces x/hashnft publishes for the modules that build on it. A consumer's
// expected_keepers.go composes the ones it uses (x/escrow: NFTReader and EscrowLedger); the
// keeper implements all of them (checked in x/hashnft/keeper/wiring.go).

// NFTReader is the NFT registry, read only: products, NFTs, and the two bounded walks (a
// product's NFTs in id order, resumable after an id; one owner's NFTs).
type NFTReader interface {
	GetProduct(ctx context.Context, id uint64) (Product, error)
	GetNFT(ctx context.Context, id uint64) (NFT, error)
	WalkProductNFTs(ctx context.Context, productID, afterID uint64, fn func(NFT) (stop bool, err error)) error
	WalkOwnerNFTs(ctx context.Context, owner sdk.AccAddress, fn func(NFT) (stop bool, err error)) error
}

// EscrowLedger is the record of a product's sale proceeds (x/hashnft's Escrow: paid in, held)
// and the only way to move what it holds: to an account (the miner's daily release) or to a
// module (a termination's refund). A release more than held fails with ErrEscrowShort.
type EscrowLedger interface {
	GetEscrow(ctx context.Context, productID uint64) (Escrow, error)
	ReleaseEscrow(ctx context.Context, productID uint64, to sdk.AccAddress, amt sdk.Coins) error
	ReleaseEscrowToModule(ctx context.Context, productID uint64, module string, amt sdk.Coins) error
	WalkEscrows(ctx context.Context, fn func(Escrow) (stop bool, err error)) error
}
