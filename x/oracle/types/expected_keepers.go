package types

import (
	"context"

	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AuthorityKeeper is x/dao: it says whether a signer is the DMEX authority.
type AuthorityKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
}

// AccountKeeper is what x/oracle needs of x/auth.
type AccountKeeper interface {
	AddressCodec() address.Codec
}

// BankKeeper is what the IFIL peg needs of x/bank.
type BankKeeper interface {
	GetSupply(ctx context.Context, denom string) sdk.Coin
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
}
