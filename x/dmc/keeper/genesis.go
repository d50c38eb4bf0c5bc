package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// InitGenesis stores the rules and books, then refuses a genesis whose udmc supply (x/bank,
// initialized before this module) differs from genesis_supply + minted - burned.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for i, a := range gs.Allocation {
		if err := k.Allocation.Set(ctx, uint64(i), a); err != nil {
			return err
		}
	}
	if err := k.MintedByMining.Set(ctx, gs.MintedByMining); err != nil {
		return err
	}
	if err := k.Burned.Set(ctx, gs.Burned); err != nil {
		return err
	}
	for _, f := range gs.Farms {
		if err := k.Farms.Set(ctx, f.Id, f); err != nil {
			return err
		}
	}
	for _, p := range gs.Positions {
		staker, canonical, err := k.addr("position staker", p.Staker)
		if err != nil {
			return err
		}
		p.Staker = canonical
		if err := k.Positions.Set(ctx, collections.Join(staker, p.FarmId), p); err != nil {
			return err
		}
	}
	if err := k.NextFarmID.Set(ctx, gs.NextFarmId); err != nil {
		return err
	}
	if err := k.initRevenue(ctx, gs.RevenueCredits, gs.RevenueDebits); err != nil {
		return err
	}
	if err := k.initNFT(ctx, gs); err != nil {
		return err
	}
	if len(gs.Allocation) == 0 {
		return nil // not allocated yet: nothing to hold the supply against
	}
	want, err := k.ExpectedSupply(ctx)
	if err != nil {
		return err
	}
	if got := k.bankKeeper.GetSupply(ctx, types.Denom).Amount; !got.Equal(want) {
		return errorsmod.Wrapf(types.ErrSupplyMismatch, "bank holds %s%s, the allocation and mining account for %s%s", got, types.Denom, want, types.Denom)
	}
	return nil
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if gs.MintedByMining, err = k.MintedByMining.Get(ctx); err != nil {
		return nil, err
	}
	if gs.Burned, err = k.Burned.Get(ctx); err != nil {
		return nil, err
	}
	iter, err := k.Allocation.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.Allocation, err = iter.Values(); err != nil {
		return nil, err
	}
	farms, err := k.Farms.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.Farms, err = farms.Values(); err != nil {
		return nil, err
	}
	positions, err := k.Positions.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	if gs.Positions, err = positions.Values(); err != nil {
		return nil, err
	}
	if gs.NextFarmId, err = k.NextFarmID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.RevenueCredits, err = k.revenueFlows(ctx, k.RevenueCredits); err != nil {
		return nil, err
	}
	if gs.RevenueDebits, err = k.revenueFlows(ctx, k.RevenueDebits); err != nil {
		return nil, err
	}
	if err := k.exportNFT(ctx, gs); err != nil {
		return nil, err
	}
	return gs, nil
}

// PrepForZeroHeight moves start_height so that a chain restarted from this state at height 1
// continues the halving schedule where this one stands: the block it would have produced next,
// nextHeight, becomes block 1, in the same era with the same blocks left in it. The minted
// total and the farms are carried as they are. start_height may become negative.
func (k Keeper) PrepForZeroHeight(ctx context.Context, nextHeight int64) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	return k.Params.Set(ctx, p.ContinueAtHeight(nextHeight, 1))
}

// initRevenue stores the revenue ledger's credits and debits (validated) and rebuilds each
// denom's balance from them; the revenue account (x/bank, initialized first) must hold exactly
// those balances.
func (k Keeper) initRevenue(ctx context.Context, credits, debits []types.RevenueFlow) error {
	balances, err := types.RevenueBalances(credits, debits)
	if err != nil {
		return err
	}
	for _, f := range credits {
		if err := k.RevenueCredits.Set(ctx, collections.Join(f.Denom, f.Name), f.Amount); err != nil {
			return err
		}
	}
	for _, f := range debits {
		if err := k.RevenueDebits.Set(ctx, collections.Join(f.Denom, f.Name), f.Amount); err != nil {
			return err
		}
	}
	want := sdk.NewCoins()
	for _, b := range balances {
		if err := k.RevenueBalance.Set(ctx, b.Denom, b.Amount); err != nil {
			return err
		}
		want = want.Add(b)
	}
	if held := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(modaccounts.Revenue)); !held.Equal(want) {
		return errorsmod.Wrapf(types.ErrRevenueMismatch, "the revenue account holds %q, the genesis revenue ledger's balances are %q", held, want)
	}
	return nil
}
