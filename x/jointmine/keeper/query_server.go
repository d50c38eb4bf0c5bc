package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// View is a pool as the queries show it: its share-time accrued to the block, its net value,
// value per share, days left and shortfall.
func (k Keeper) View(ctx context.Context, p types.Pool) (types.PoolView, error) {
	now := blockTime(ctx)
	accrue(&p, now)
	v := types.PoolView{Pool: p, Period: types.PeriodName(p.Status), NetValue: NetValue(p), ValuePerShare: ValuePerShare(p), Shortfall: math.ZeroInt()}
	if !p.Approved() {
		v.NetValue = math.ZeroInt()
		return v, nil
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return v, err
	}
	if left := p.TermEnd.Sub(now); left > 0 {
		day := params.Day()
		v.DaysLeft = uint64((left + day - 1) / day) //nolint:gosec // left > 0
	}
	if !now.Before(p.GraceEnd) {
		v.Shortfall = p.PledgeOwed
	}
	return v, nil
}

func (q queryServer) Pool(ctx context.Context, req *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	p, err := q.getPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	v, err := q.View(ctx, p)
	return &types.QueryPoolResponse{Pool: v}, err
}

func (q queryServer) PoolByNode(ctx context.Context, req *types.QueryPoolByNodeRequest) (*types.QueryPoolResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	id, err := q.Keeper.PoolByNode.Get(ctx, req.NodeId)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrPoolNotFound, "node %q has no open pool", req.NodeId)
	}
	if err != nil {
		return nil, err
	}
	return q.Pool(ctx, &types.QueryPoolRequest{PoolId: id})
}

func (q queryServer) Pools(ctx context.Context, req *types.QueryPoolsRequest) (*types.QueryPoolsResponse, error) {
	if req == nil {
		req = &types.QueryPoolsRequest{}
	}
	resp := &types.QueryPoolsResponse{}
	var err error
	resp.Pools, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Pools, pagination.Request(req.Pagination),
		func(_ uint64, p types.Pool) (types.PoolView, error) { return q.View(ctx, p) })
	return resp, err
}

// HolderView is a holder's position at the block: share-time settled to now, value, what a
// claim would pay.
func (k Keeper) HolderView(ctx context.Context, p types.Pool, h types.Holder) types.HolderView {
	accrue(&p, blockTime(ctx))
	due := MaturityDue(p, h)
	settleHolder(p, &h)
	v := types.HolderView{
		Holder:            h,
		ShareTime:         math.LegacyNewDecFromInt(h.StOwed).QuoInt(rewards.Precision.Mul(TimeUnit)),
		ShareTimeFraction: math.LegacyZeroDec(),
		MaturityDue:       sdk.NewCoin(p.IfilDenom, due),
		Value:             sdk.NewCoin(p.IfilDenom, math.ZeroInt()),
	}
	if total := ShareTimeTotal(p); total.IsPositive() {
		v.ShareTimeFraction = math.LegacyNewDecFromInt(h.StOwed).QuoInt(total)
	}
	if p.Supply.IsPositive() {
		if val, err := mulDiv(h.Shares, NetValue(p), p.Supply); err == nil {
			v.Value.Amount = val
		}
	}
	return v
}

func (q queryServer) Holder(ctx context.Context, req *types.QueryHolderRequest) (*types.QueryHolderResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	addr, _, err := q.addr("address", req.Address)
	if err != nil {
		return nil, err
	}
	p, err := q.getPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	if !p.Approved() {
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is %s: it has no holders", p.Id, types.PeriodName(p.Status))
	}
	h, err := q.holder(ctx, p, addr)
	if err != nil {
		return nil, err
	}
	return &types.QueryHolderResponse{Holder: q.HolderView(ctx, p, h)}, nil
}

func (q queryServer) Holders(ctx context.Context, req *types.QueryHoldersRequest) (*types.QueryHoldersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	p, err := q.getPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryHoldersResponse{}
	resp.Holders, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Holders, pagination.Request(req.Pagination),
		func(_ collections.Pair[uint64, sdk.AccAddress], h types.Holder) (types.HolderView, error) {
			return q.HolderView(ctx, p, h), nil
		},
		query.WithCollectionPaginationPairPrefix[uint64, sdk.AccAddress](p.Id))
	return resp, err
}

// Redemptions lists a pool's queue in order, each with its place (1: paid next) and what is left.
func (q queryServer) Redemptions(ctx context.Context, req *types.QueryRedemptionsRequest) (*types.QueryRedemptionsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	p, err := q.getPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryRedemptionsResponse{}
	resp.Redemptions, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Redemptions, pagination.Request(req.Pagination),
		func(_ collections.Pair[uint64, uint64], r types.Redemption) (types.RedemptionView, error) {
			return types.RedemptionView{Redemption: r, Place: r.Id - p.RedemptionsPaid, AmountLeft: sdk.NewCoin(p.IfilDenom, r.Left.Add(r.FeeLeft))}, nil
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](p.Id))
	return resp, err
}

func (q queryServer) Incomes(ctx context.Context, req *types.QueryIncomesRequest) (*types.QueryIncomesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	if _, err := q.getPool(ctx, req.PoolId); err != nil {
		return nil, err
	}
	resp := &types.QueryIncomesResponse{}
	var err error
	resp.Incomes, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Incomes, pagination.Request(req.Pagination),
		func(_ collections.Pair[uint64, uint64], in types.Income) (types.Income, error) { return in, nil },
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.PoolId))
	return resp, err
}
