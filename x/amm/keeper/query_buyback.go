package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/amm/types"
)

// Buybacks lists every denom's buyback (what it holds set aside and its schedule), by denom.
func (q queryServer) Buybacks(ctx context.Context, req *types.QueryBuybacksRequest) (*types.QueryBuybacksResponse, error) {
	if req == nil {
		req = &types.QueryBuybacksRequest{}
	}
	resp := &types.QueryBuybacksResponse{}
	var err error
	resp.Buybacks, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.BuybackByDenom, pagination.Request(req.Pagination),
		func(_ string, id uint64) (types.Buyback, error) { return q.Keeper.Buybacks.Get(ctx, id) })
	return resp, err
}

// BuybackMonths lists the month records by month, then denom (newest month last).
func (q queryServer) BuybackMonths(ctx context.Context, req *types.QueryBuybackMonthsRequest) (*types.QueryBuybackMonthsResponse, error) {
	if req == nil {
		req = &types.QueryBuybackMonthsRequest{}
	}
	resp := &types.QueryBuybackMonthsResponse{}
	var err error
	resp.Months, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.BuybackMonths, pagination.Request(req.Pagination),
		func(_ collections.Pair[int64, string], m types.BuybackMonth) (types.BuybackMonth, error) {
			return m, nil
		})
	return resp, err
}
