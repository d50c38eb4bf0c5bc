package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/jointmine/types"
)

// InitGenesis stores the records and rebuilds the node index and the queues from them: pending
// pools at their expiry, approved pools before their term end at it, matured ones at their
// grace end, pools with cash and queued redemptions and settling pools at the block time.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	if err := k.NextPoolID.Set(ctx, gs.NextPoolId); err != nil {
		return err
	}
	now := blockTime(ctx)
	for _, p := range gs.Pools {
		if err := k.Pools.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if p.Open() {
			if err := k.PoolByNode.Set(ctx, p.NodeId, p.Id); err != nil {
				return err
			}
		}
		var err error
		switch p.Status {
		case types.PoolStatus_POOL_STATUS_PENDING:
			err = k.ApplicationQueue.Push(ctx, p.ExpiresAt, p.Id)
		case types.PoolStatus_POOL_STATUS_GENESIS, types.PoolStatus_POOL_STATUS_GROWTH:
			err = k.TermQueue.Push(ctx, p.TermEnd, p.Id)
		case types.PoolStatus_POOL_STATUS_MATURED:
			err = k.TermQueue.Push(ctx, p.GraceEnd, p.Id)
		case types.PoolStatus_POOL_STATUS_SETTLING:
			err = k.SettleQueue.Push(ctx, now, p.Id)
		case types.PoolStatus_POOL_STATUS_UNSPECIFIED, types.PoolStatus_POOL_STATUS_REJECTED, types.PoolStatus_POOL_STATUS_EXPIRED,
			types.PoolStatus_POOL_STATUS_SETTLED, types.PoolStatus_POOL_STATUS_DEFAULTED:
			// Nothing due: a closed application, a settled pool, a default waiting for the authority.
		}
		if err != nil {
			return err
		}
		if err := k.schedulePay(ctx, p); err != nil {
			return err
		}
	}
	for _, h := range gs.Holders {
		addr, err := k.addressCodec.StringToBytes(h.Address)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "holder %q: %v", h.Address, err)
		}
		if err := k.Holders.Set(ctx, collections.Join(h.PoolId, sdk.AccAddress(addr)), h); err != nil {
			return err
		}
	}
	for _, r := range gs.Redemptions {
		if err := k.Redemptions.Set(ctx, collections.Join(r.PoolId, r.Id), r); err != nil {
			return err
		}
	}
	for _, in := range gs.Incomes {
		if err := k.Incomes.Set(ctx, collections.Join(in.PoolId, in.Seq), in); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	next, err := k.NextPoolID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p, NextPoolId: next}
	if err := k.Pools.Walk(ctx, nil, func(_ uint64, p types.Pool) (bool, error) {
		gs.Pools = append(gs.Pools, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Holders.Walk(ctx, nil, func(_ collections.Pair[uint64, sdk.AccAddress], h types.Holder) (bool, error) {
		gs.Holders = append(gs.Holders, h)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Redemptions.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], r types.Redemption) (bool, error) {
		gs.Redemptions = append(gs.Redemptions, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	err = k.Incomes.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], in types.Income) (bool, error) {
		gs.Incomes = append(gs.Incomes, in)
		return false, nil
	})
	return gs, err
}
