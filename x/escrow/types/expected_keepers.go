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
	SendCoinsFromModuleToModule(ctx context.Context, senderModule, recipientModule string, amt sdk.Coins) error
}

// EpochsKeeper gives the day epoch's duration (to count the days of a term already gone).
type EpochsKeeper interface {
	GetEpochInfo(ctx sdk.Context, identifier string) (epochstypes.EpochInfo, error)
}

// HashnftNFTs is x/hashnft's NFT registry as x/escrow reads it (products, NFTs, the bounded walks),
// and the one way to pay an NFT's holder for a termination (a refund of a locked NFT goes to its
// collateral custodian).
type HashnftNFTs interface {
	hashnfttypes.NFTReader
	hashnfttypes.HolderPayments
	// PageOwnerNFTs pages through an owner's NFTs (key-based; fn says whether one counts).
	PageOwnerNFTs(ctx context.Context, owner sdk.AccAddress, req *query.PageRequest, fn func(n hashnfttypes.NFT, accumulate bool) (bool, error)) (*query.PageResponse, error)
}

// HashnftEscrows is x/hashnft's record of the sale proceeds (paid in, held); x/escrow moves held
// funds only through it.
type HashnftEscrows interface {
	hashnfttypes.EscrowLedger
}

// MarketOracle is what x/escrow expects of the oracle (SPEC §10): the market's average reward
// per unit of power per day for a chain and power unit, in the product's reward denom's base
// units. ok=false means the oracle has no data; then the below-market rule does not apply. A
// constructor argument of the keeper (NoMarketData when no oracle exists).
type MarketOracle interface {
	MarketAverage(ctx context.Context, chain, powerUnit string) (avgPerUnit math.LegacyDec, ok bool, err error)
}

// MultiMarketOracle is one market oracle per chain (x/oracle's Filecoin today; BTC and ETH
// later): the first oracle, in order, with data for the chain and power unit answers; an error
// stops the read. None with data is ok=false (the below-market rule does not apply).
type MultiMarketOracle []MarketOracle

func (m MultiMarketOracle) MarketAverage(ctx context.Context, chain, powerUnit string) (math.LegacyDec, bool, error) {
	for _, o := range m {
		avg, ok, err := o.MarketAverage(ctx, chain, powerUnit)
		if err != nil || ok {
			return avg, ok, err
		}
	}
	return math.LegacyDec{}, false, nil
}

// NoMarketData is the oracle until x/oracle provides one: it never has data.
type NoMarketData struct{}

func (NoMarketData) MarketAverage(context.Context, string, string) (math.LegacyDec, bool, error) {
	return math.LegacyDec{}, false, nil
}
