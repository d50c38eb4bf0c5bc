package types

import (
	"context"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AuthorityKeeper is x/dao: it says whether a signer is the DMEX authority.
type AuthorityKeeper interface {
	CheckAuthority(ctx context.Context, signer string) error
}

// AccountKeeper is what x/hashnft needs of x/auth.
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
}

// BankKeeper is what x/hashnft needs of x/bank.
type BankKeeper interface {
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	BlockedAddr(addr sdk.AccAddress) bool
	SendCoins(ctx context.Context, fromAddr, toAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
}

// PowerOracle is x/oracle's verified node power (SPEC §10): a node's power in the product's
// power unit, and the DMEX account the feeders attest as its owner ("" if none), on its latest
// finalized day. covered=false for chains or units the oracle does not report; then neither
// power nor owner is checked. A constructor argument of the keeper; MultiPowerOracle routes by chain.
type PowerOracle interface {
	NodePower(ctx context.Context, chain, nodeID, powerUnit string) (power math.Int, day uint64, found, covered bool)
	NodeOwner(ctx context.Context, chain, nodeID string) (owner string, day uint64, found, covered bool)
}

// RewardDenoms is the reward module's (x/escrow's) table of the denom each chain's mining rewards
// are deposited in. A product of a chain without one could be sold but its rewards never paid,
// its escrow never opened (every buy fails) and the product never terminated. Registered by
// x/escrow (Keeper.RegisterRewardDenoms), required.
type RewardDenoms interface {
	RewardDenom(ctx context.Context, chain string) (denom string, found bool, err error)
}

// EarningsReader is the reward module's (x/escrow's) record of what an NFT has earned, for the
// holder's NFTs query (SPEC §4: every NFT it owns with its power and earnings in one query).
// found=false when the NFT has no reward record (a module that pays no rewards for it).
// Registered by each module that pays an NFT (Keeper.RegisterEarningsReader); MultiEarningsReader
// sums them.
type EarningsReader interface {
	NFTEarnings(ctx context.Context, n NFT) (earnings NFTEarnings, found bool, err error)
}
