package types

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// MaxClaimNFTs bounds the NFTs one claim settles.
const MaxClaimNFTs = 1000

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
		return fmt.Errorf("%w: payouts_per_block %d and products_per_block %d must be positive", ErrInvalidParams, p.PayoutsPerBlock, p.ProductsPerBlock)
	}
	if p.SuspendAfterDays == 0 {
		return fmt.Errorf("%w: suspend_after_days must be positive", ErrInvalidParams)
	}
	if p.BelowMarketBps > 10_000 {
		return fmt.Errorf("%w: below_market_bps %d above 10000", ErrInvalidParams, p.BelowMarketBps)
	}
	seen := map[string]bool{}
	for _, cd := range p.RewardDenoms {
		if cd.Chain == "" || seen[cd.Chain] {
			return fmt.Errorf("%w: reward denom chain %q empty or listed twice", ErrInvalidParams, cd.Chain)
		}
		seen[cd.Chain] = true
		if err := sdk.ValidateDenom(cd.Denom); err != nil {
			return fmt.Errorf("%w: reward denom of %s: %v", ErrInvalidParams, cd.Chain, err)
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
