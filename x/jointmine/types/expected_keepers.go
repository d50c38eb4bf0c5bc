package types

import (
	"context"

	"cosmossdk.io/core/address"

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
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetSupply(ctx context.Context, denom string) sdk.Coin
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
}

// RiskFundPayer is x/riskfund's payout to a module (PayToModule, x/riskfund/keeper/payout.go):
// it takes coins out of the fund's free balance into the module's account and books it.
type RiskFundPayer interface {
	PayToModule(ctx context.Context, module string, coin sdk.Coin, use string) error
}

// NodeOwners is x/oracle's word on who owns a Filecoin node (oraclekeeper.PowerOracle): the
// account its feeders attested on the node's latest finalized day; found=false when the oracle
// has no day of the node, covered=false for a chain it does not know.
type NodeOwners interface {
	NodeOwner(ctx context.Context, chain, nodeID string) (owner string, day uint64, found, covered bool)
}
