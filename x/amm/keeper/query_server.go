package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/amm/types"
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

func (q queryServer) Pool(ctx context.Context, req *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	p, err := q.GetPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolResponse{Pool: p}, nil
}

func (q queryServer) Pools(ctx context.Context, req *types.QueryPoolsRequest) (*types.QueryPoolsResponse, error) {
	if req == nil {
		req = &types.QueryPoolsRequest{}
	}
	resp := &types.QueryPoolsResponse{}
	var err error
	resp.Pools, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Pools, pagination.Request(req.Pagination),
		func(_ uint64, p types.Pool) (types.Pool, error) { return p, nil })
	return resp, err
}

func (q queryServer) PoolByDenoms(ctx context.Context, req *types.QueryPoolByDenomsRequest) (*types.QueryPoolResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	p, found, err := q.PoolOfPair(ctx, req.Denom_1, req.Denom_2)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errorsmod.Wrapf(types.ErrPoolNotFound, "no pool of %s and %s", req.Denom_1, req.Denom_2)
	}
	return &types.QueryPoolResponse{Pool: p}, nil
}

// SpotPrice: one base_denom in quote_denom is reserve_quote / reserve_base.
func (q queryServer) SpotPrice(ctx context.Context, req *types.QuerySpotPriceRequest) (*types.QuerySpotPriceResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	p, err := q.GetPool(ctx, req.PoolId)
	if err != nil {
		return nil, err
	}
	ofA, err := baseIsA(p, req.BaseDenom, req.QuoteDenom)
	if err != nil {
		return nil, err
	}
	pa, pb := SpotPrices(p)
	if !ofA {
		pa = pb
	}
	return &types.QuerySpotPriceResponse{Price: pa}, nil
}

// Twap over [start_time, end_time]; end_time unset (zero): the block time.
func (q queryServer) Twap(ctx context.Context, req *types.QueryTwapRequest) (*types.QueryTwapResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrPoolNotFound, "empty request")
	}
	end := req.EndTime
	if end.IsZero() {
		end = sdk.UnwrapSDKContext(ctx).BlockTime()
	}
	price, err := q.TWAP(ctx, req.PoolId, req.BaseDenom, req.QuoteDenom, req.StartTime, end)
	if err != nil {
		return nil, err
	}
	return &types.QueryTwapResponse{Price: price}, nil
}

func (q queryServer) EstimateSwapExactIn(ctx context.Context, req *types.QueryEstimateSwapExactInRequest) (*types.QueryEstimateSwapExactInResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRoute, "empty request")
	}
	out, err := q.EstimateExactIn(ctx, req.Route, req.TokenIn)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateSwapExactInResponse{TokenOut: out, Price: ratio(out.Amount, req.TokenIn.Amount)}, nil
}

func (q queryServer) EstimateSwapExactOut(ctx context.Context, req *types.QueryEstimateSwapExactOutRequest) (*types.QueryEstimateSwapExactOutResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRoute, "empty request")
	}
	in, err := q.EstimateExactOut(ctx, req.Route, req.DenomIn, req.TokenOut)
	if err != nil {
		return nil, err
	}
	return &types.QueryEstimateSwapExactOutResponse{TokenIn: in, Price: ratio(req.TokenOut.Amount, in.Amount)}, nil
}

// Books: the pools' reserves summed per denom (a walk over the pools: a query may) and the
// buybacks' set-aside per denom.
func (q queryServer) Books(ctx context.Context, _ *types.QueryBooksRequest) (*types.QueryBooksResponse, error) {
	reserves, err := q.Reserves(ctx)
	if err != nil {
		return nil, err
	}
	setAside := sdk.NewCoins()
	if err := q.Keeper.Buybacks.Walk(ctx, nil, func(_ uint64, b types.Buyback) (bool, error) {
		if !b.Remaining.IsNil() && b.Remaining.IsPositive() {
			setAside = setAside.Add(sdk.NewCoin(b.Denom, b.Remaining))
		}
		return false, nil
	}); err != nil {
		return nil, err
	}
	return &types.QueryBooksResponse{Reserves: reserves, SetAside: setAside}, nil
}
