package types

import (
	"context"

	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// AuthorityKeeper is x/dao: it says whether a signer is the DMEX authority.
type AuthorityKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
}

// AccountKeeper is what x/dmc needs of x/auth.
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
	GetModuleAddress(name string) sdk.AccAddress
}

// BankKeeper is what x/dmc needs of x/bank.
type BankKeeper interface {
	GetSupply(ctx context.Context, denom string) sdk.Coin
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	BlockedAddr(addr sdk.AccAddress) bool
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
}

// NFTRegistry is what x/dmc needs of x/hashnft for NFT farms: read an NFT and its product, and
// lock a staked NFT (the holder stays its beneficial owner; it cannot be listed, lent or
// transferred) until it is unstaked. x/hashnft is built after x/dmc, so the app registers it
// (Keeper.RegisterNFTRegistry).
type NFTRegistry interface {
	GetNFT(ctx context.Context, id uint64) (hashnfttypes.NFT, error)
	GetProduct(ctx context.Context, id uint64) (hashnfttypes.Product, error)
	LockNFT(ctx context.Context, id uint64, owner sdk.AccAddress, lockedBy string) error
	UnlockNFT(ctx context.Context, id uint64, lockedBy string) error
}
