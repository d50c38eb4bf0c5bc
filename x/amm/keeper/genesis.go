package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/amm/types"
)

// InitGenesis writes the params, the pools with their pair and denom indexes, the next pool id,
// the price records, and the buyback part. The module's InitGenesis then checks the books (the
// amm account must hold the reserves: x/bank's genesis runs first).
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Pools {
		if err := k.setNewPool(ctx, p); err != nil {
			return err
		}
	}
	if err := k.NextPoolID.Set(ctx, gs.NextPoolId); err != nil {
		return err
	}
	for _, r := range gs.TwapRecords {
		if err := k.TwapRecords.Set(ctx, collections.Join(r.PoolId, r.Time), r); err != nil {
			return err
		}
	}
	return k.initBuybacks(ctx, gs)
}

// ExportGenesis writes the pools by id, the price records by pool then time, and the buyback part.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p}
	if err := k.Pools.Walk(ctx, nil, func(_ uint64, pool types.Pool) (bool, error) {
		gs.Pools = append(gs.Pools, pool)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.NextPoolId, err = k.NextPoolID.Peek(ctx); err != nil {
		return nil, err
	}
	if err := k.TwapRecords.Walk(ctx, nil, func(_ collections.Pair[uint64, time.Time], r types.TwapRecord) (bool, error) {
		gs.TwapRecords = append(gs.TwapRecords, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.exportBuybacks(ctx, gs); err != nil {
		return nil, err
	}
	return gs, nil
}
