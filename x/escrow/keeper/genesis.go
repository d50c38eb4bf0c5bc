package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// InitGenesis writes the state and the queues (their failure counts kept) and rebuilds the miners'
// product lists from the escrows.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	if err := k.CurrentDay.Set(ctx, gs.CurrentDay); err != nil {
		return err
	}
	for _, e := range gs.Escrows {
		if err := k.Escrows.Set(ctx, e.ProductId, e); err != nil {
			return err
		}
		miner, err := k.addr("miner", e.Miner)
		if err != nil {
			return err
		}
		if err := k.MinerProducts.Set(ctx, collections.Join(miner, e.ProductId)); err != nil {
			return err
		}
	}
	if err := importQueue(ctx, k.DayQueue, gs.DayQueue); err != nil {
		return err
	}
	if err := importQueue(ctx, k.PayoutQueue, gs.PayoutQueue); err != nil {
		return err
	}
	for _, p := range gs.Positions {
		if err := k.Positions.Set(ctx, p.NftId, p); err != nil {
			return err
		}
	}
	for _, m := range gs.Miners {
		miner, err := k.addr("miner", m.Miner)
		if err != nil {
			return err
		}
		if err := k.Miners.Set(ctx, miner, m); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if gs.CurrentDay, err = k.currentDay(ctx); err != nil {
		return nil, err
	}
	err = k.Escrows.Walk(ctx, nil, func(_ uint64, e types.ProductEscrow) (bool, error) {
		gs.Escrows = append(gs.Escrows, e)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if gs.DayQueue, err = exportQueue(ctx, k.DayQueue); err != nil {
		return nil, err
	}
	if gs.PayoutQueue, err = exportQueue(ctx, k.PayoutQueue); err != nil {
		return nil, err
	}
	err = k.Positions.Walk(ctx, nil, func(_ uint64, p types.Position) (bool, error) {
		gs.Positions = append(gs.Positions, p)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Miners.Walk(ctx, nil, func(_ sdk.AccAddress, m types.MinerRecord) (bool, error) {
		gs.Miners = append(gs.Miners, m)
		return false, nil
	})
	return gs, err
}

func exportQueue(ctx context.Context, q queue.Queue[uint64]) ([]types.QueueItem, error) {
	var out []types.QueueItem
	err := q.Walk(ctx, func(it queue.Item[uint64]) (bool, error) {
		out = append(out, types.QueueItem{Due: it.Due, ProductId: it.ID, Failures: it.Failures})
		return false, nil
	})
	return out, err
}

func importQueue(ctx context.Context, q queue.Queue[uint64], items []types.QueueItem) error {
	for _, it := range items {
		if err := q.PushItem(ctx, queue.Item[uint64]{Due: it.Due, ID: it.ProductId, Failures: it.Failures}); err != nil {
			return err
		}
	}
	return nil
}
