package types

import (
	"context"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
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
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetSupply(ctx context.Context, denom string) sdk.Coin
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
}

// Revenue is x/dmc's platform revenue ledger as the AMM uses it: fees in (creation fee, the
// protocol's part of swap fees, what the buyback returns), the buyback's set-aside out, and the
// balances it is taken from (RevenueDenoms lists the denoms with a positive balance, in denom
// order, at most limit of them).
type Revenue interface {
	PayRevenueFromAccount(ctx context.Context, source string, payer sdk.AccAddress, fee sdk.Coin) error
	PayRevenueFromModule(ctx context.Context, source, module string, fee sdk.Coin) error
	SpendRevenueToModule(ctx context.Context, use, module string, amt sdk.Coin) error
	RevenueBalances(ctx context.Context, limit int) (sdk.Coins, error)
}

// DMCBurner is x/dmc's supply books as the buyback uses them: BurnRoom is how much DMC may still
// be burned before the supply reaches the burn floor; BurnFromModule burns DMC a module holds
// and records it in x/dmc's books, refusing to cross the floor.
type DMCBurner interface {
	BurnRoom(ctx context.Context) (math.Int, error)
	BurnFromModule(ctx context.Context, module string, amount math.Int) error
}
