package types

import (
	"context"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// AuthorityKeeper is x/dao.
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
}

// EpochsKeeper gives the day epoch's duration (to count the days of a term already gone).
type EpochsKeeper interface {
	GetEpochInfo(ctx sdk.Context, identifier string) (epochstypes.EpochInfo, error)
}

// HashnftKeeper is the NFT registry and the owner of the sale proceeds' books (x/hashnft's
// Escrow record: paid in, held); x/escrow moves held funds only through it.
type HashnftKeeper interface {
	GetProduct(ctx context.Context, id uint64) (hashnfttypes.Product, error)
	GetNFT(ctx context.Context, id uint64) (hashnfttypes.NFT, error)
	GetEscrow(ctx context.Context, productID uint64) (hashnfttypes.Escrow, error)
	ReleaseEscrow(ctx context.Context, productID uint64, to sdk.AccAddress, amt sdk.Coins) error
	ReleaseEscrowToModule(ctx context.Context, productID uint64, module string, amt sdk.Coins) error
	WalkProductNFTs(ctx context.Context, productID, afterID uint64, fn func(hashnfttypes.NFT) (stop bool, err error)) error
	WalkOwnerNFTs(ctx context.Context, owner sdk.AccAddress, fn func(hashnfttypes.NFT) (stop bool, err error)) error
	// PageOwnerNFTs pages through an owner's NFTs (key-based; fn says whether one counts).
	PageOwnerNFTs(ctx context.Context, owner sdk.AccAddress, req *query.PageRequest, fn func(n hashnfttypes.NFT, accumulate bool) (bool, error)) (*query.PageResponse, error)
	WalkEscrows(ctx context.Context, fn func(hashnfttypes.Escrow) (stop bool, err error)) error
	// EndProduct stops a terminated product's sale (hashnfttypes.ErrProductEnded: it had ended).
	EndProduct(ctx context.Context, productID uint64) error
}

// MarketOracle is what x/escrow expects of the oracle (SPEC §10): the market's average reward
// per unit of power per day for a chain and power unit, in the product's reward denom's base
// units. ok=false means the oracle has no data; then the below-market rule does not apply.
type MarketOracle interface {
	MarketAverage(ctx context.Context, chain, powerUnit string) (avgPerUnit math.LegacyDec, ok bool, err error)
}

// NoMarketData is the oracle until x/oracle provides one: it never has data.
type NoMarketData struct{}

func (NoMarketData) MarketAverage(context.Context, string, string) (math.LegacyDec, bool, error) {
	return math.LegacyDec{}, false, nil
}
