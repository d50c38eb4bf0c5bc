package keeper

import (
	"context"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

var _ hashnfttypes.RewardDenoms = Keeper{}

// RewardDenom is the denom a chain's mining rewards are deposited in (reward_denoms), for
// x/hashnft's approval: a product whose chain has none could not be paid.
func (k Keeper) RewardDenom(ctx context.Context, chain string) (string, bool, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return "", false, err
	}
	denom, ok := p.RewardDenom(chain)
	return denom, ok, nil
}
