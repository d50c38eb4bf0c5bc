package types

import (
	"context"

	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// AuthorityKeeper is x/dao: the DMEX authority, checked first by every privileged message.
type AuthorityKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
}

type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
}

type BankKeeper interface {
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	SendCoins(ctx context.Context, fromAddr, toAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
}

// NFTCollateral is x/hashnft's registry as collateral: read an NFT and its product, lock it for
// lending (no transfer, no listing, the owner stays the beneficial owner), unlock it, and move it
// through the registry's one transfer path (which settles its rewards to the previous holder
// first). All four exist on x/hashnft's keeper (registry.go, query helpers).
type NFTCollateral interface {
	GetNFT(ctx context.Context, id uint64) (hashnfttypes.NFT, error)
	GetProduct(ctx context.Context, id uint64) (hashnfttypes.Product, error)
	LockNFT(ctx context.Context, id uint64, owner sdk.AccAddress, lockedBy string) error
	UnlockNFT(ctx context.Context, id uint64, lockedBy string) error
	Transfer(ctx context.Context, id uint64, from, to sdk.AccAddress) error
}

// ProductStatus is x/escrow's word on a product and its NFTs: terminated (by the authority)
// means its NFTs no longer earn and are not accepted as new collateral; NFTEarnings is what an NFT
// has earned (paid + pending, in the product's reward denom), for a loan's earnings since it
// began. x/escrow's keeper implements both.
type ProductStatus interface {
	ProductTerminated(ctx context.Context, productID uint64) (bool, error)
	NFTEarnings(ctx context.Context, n hashnfttypes.NFT) (hashnfttypes.NFTEarnings, bool, error)
}
