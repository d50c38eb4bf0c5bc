package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// MaxClaimNFTs bounds the NFTs one claim settles.
const MaxClaimNFTs = 1000

// A product's day close or payout round that fails is retried at the next day's end; after this
// many failures in a row it is parked (it leaves its queue, the escrow says so, and
// MsgResumeEscrow queues it again).
const (
	MaxDayCloseFailures uint32 = 3
	MaxPayoutFailures   uint32 = 3
)

// MaxMarketAverage bounds the oracle's market average escrow computes with: 10^30 base units per
// unit of power per day (10^12 FIL per TiB a day, far beyond any network). A figure above it, or
// negative, is treated as no market figure.
var MaxMarketAverage = math.LegacyNewDecFromInt(math.NewIntWithDecimal(1, 30))

// DefaultParams: 100 payouts and 100 day closes per block (2,880,000 a day at 3 s blocks),
// suspension after 7 days, 20% below the market.
func DefaultParams() Params {
	return Params{
		PayoutsPerBlock:  100,
		ProductsPerBlock: 100,
		SuspendAfterDays: 7,
		BelowMarketBps:   2000,
		RewardDenoms:     []ChainDenom{{Chain: "FIL", Denom: "aifil"}},
	}
}

func (p Params) Validate() error {
	if p.PayoutsPerBlock == 0 || p.ProductsPerBlock == 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "payouts_per_block %d and products_per_block %d must be positive", p.PayoutsPerBlock, p.ProductsPerBlock)
	}
	if p.SuspendAfterDays == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "suspend_after_days must be positive")
	}
	if p.BelowMarketBps > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "below_market_bps %d above 10000", p.BelowMarketBps)
	}
	seen := map[string]bool{}
	for _, cd := range p.RewardDenoms {
		// A chain is named as x/hashnft names a product's chain (printable ASCII, at most 16): a
		// name no product can have is no reward denom, and one that is not valid UTF-8 would not
		// survive a JSON export (found by FuzzGenesisValidate).
		if err := hashnfttypes.ValidateName(ErrInvalidParams, "reward denom chain", cd.Chain, 16); err != nil {
			return err
		}
		if seen[cd.Chain] {
			return errorsmod.Wrapf(ErrInvalidParams, "reward denom chain %q listed twice", cd.Chain)
		}
		seen[cd.Chain] = true
		if err := sdk.ValidateDenom(cd.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "reward denom of %s: %v", cd.Chain, err)
		}
	}
	return nil
}

// RewardDenom is the denom rewards of a product on chain are deposited in.
func (p Params) RewardDenom(chain string) (string, bool) {
	for _, cd := range p.RewardDenoms {
		if cd.Chain == chain {
			return cd.Denom, true
		}
	}
	return "", false
}
