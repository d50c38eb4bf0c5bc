package types

import (
	"context"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// NFTs is x/hashnft's registry as the fund uses it: read NFTs and walk a product's, and pay an
// NFT's holder for a termination the one way (a claim or compensation of an NFT held as
// collateral of an active loan goes to its custodian, x/lending).
type NFTs interface {
	hashnfttypes.NFTReader
	hashnfttypes.HolderPayments
}

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
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
}

// ProductStatus is what the fund needs to know of a product's escrow.
type ProductStatus int

const (
	StatusUnknown ProductStatus = iota
	StatusActive
	StatusSuspended
	StatusTerminated
	StatusExpired
)

func (s ProductStatus) String() string {
	return [...]string{"unknown", "active", "suspended", "terminated", "expired"}[s]
}

// ProductRisk is x/escrow's view of a product for the fund.
type ProductRisk struct {
	ProductID uint64
	Status    ProductStatus
	// Denom is the product's price denom; InsuredValue = sale proceeds / NFTs sold, per NFT.
	Denom        string
	InsuredValue math.Int
	TermDays     uint32
	// UnpaidDays counts days released without a deposit or delivered >20% below the market.
	UnpaidDays uint32
	// ClosedThrough is the last day epoch the product's day closes have dealt with: its unpaid-day
	// counter moves only at those closes, so it holds the counter after the close of that day.
	ClosedThrough uint64
	// MissedInRow is the current streak of missed days; MinerMissedDays the miner's history.
	MissedInRow     uint32
	MinerMissedDays uint32
	// NFTs is the number of the product's NFTs (serials 1..NFTs).
	NFTs uint64
	// SaleDenoms is how many denoms the product's sales were paid in (more than one after a
	// relisting in another denom: then no NFT's insured value is known and none is insured).
	SaleDenoms int
}

// RiskReader is x/escrow's read interface for the fund.
type RiskReader interface {
	ProductRisk(ctx context.Context, productID uint64) (ProductRisk, error)
	// CurrentDay is the number of the last day epoch that ended.
	CurrentDay(ctx context.Context) (uint64, error)
}
