package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/riskfund/types"
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

func (q queryServer) Fund(ctx context.Context, _ *types.QueryFundRequest) (*types.QueryFundResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryFundResponse{}
	err = q.Books.Walk(ctx, nil, func(_ string, b types.Books) (bool, error) {
		resp.Denoms = append(resp.Denoms, types.FundDenom{Books: b, FreeCapacity: FreeCapacity(b, p)})
		return false, nil
	})
	return resp, err
}

func (q queryServer) PolicyByNFT(ctx context.Context, req *types.QueryPolicyByNFTRequest) (*types.QueryPolicyByNFTResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrNotFound, "empty request")
	}
	p, err := q.Policies.Get(ctx, req.NftId)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrNotFound, "NFT %d has no policy", req.NftId)
	}
	return &types.QueryPolicyByNFTResponse{Policy: p}, nil
}

func (q queryServer) PoliciesByHolder(ctx context.Context, req *types.QueryPoliciesByHolderRequest) (*types.QueryPoliciesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, "empty request")
	}
	holder, err := q.addr("holder", req.Holder)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryPoliciesResponse{}
	resp.Policies, resp.Pagination, err = query.CollectionPaginate(ctx, q.PolicyByBuyer, pagination.Request(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Policy, error) {
			return q.Policies.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](holder))
	return resp, err
}

func (q queryServer) PoliciesByProduct(ctx context.Context, req *types.QueryPoliciesByProductRequest) (*types.QueryPoliciesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrUnknownProduct, "empty request")
	}
	resp := &types.QueryPoliciesResponse{}
	var err error
	resp.Policies, resp.Pagination, err = query.CollectionPaginate(ctx, q.PolicyByProduct, pagination.Request(req.Pagination),
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Policy, error) {
			return q.Policies.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[uint64, uint64](req.ProductId))
	return resp, err
}

func (q queryServer) Claims(ctx context.Context, req *types.QueryClaimsRequest) (*types.QueryClaimsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrUnknownProduct, "empty request")
	}
	resp := &types.QueryClaimsResponse{}
	var err error
	resp.Claims, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Claims, pagination.Request(req.Pagination),
		func(_ collections.Pair[uint64, uint64], c types.Claim) (types.Claim, error) { return c, nil },
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.ProductId))
	return resp, err
}

// Compensations lists a product's compensations by id, paged by key (the (product, id) index).
func (q queryServer) Compensations(ctx context.Context, req *types.QueryCompensationsRequest) (*types.QueryCompensationsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrUnknownProduct, "empty request")
	}
	resp := &types.QueryCompensationsResponse{}
	var err error
	resp.Compensations, resp.Pagination, err = query.CollectionPaginate(ctx, q.CompByProduct, pagination.Request(req.Pagination),
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Compensation, error) {
			return q.Keeper.Compensations.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[uint64, uint64](req.ProductId))
	return resp, err
}

func (q queryServer) PremiumQuote(ctx context.Context, req *types.QueryPremiumQuoteRequest) (*types.QueryPremiumQuoteResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrUnknownProduct, "empty request")
	}
	r, bps, premium, err := q.Quote(ctx, req.ProductId)
	if err != nil {
		return nil, err
	}
	return &types.QueryPremiumQuoteResponse{
		InsuredValue: sdk.NewCoin(r.Denom, r.InsuredValue), Premium: sdk.NewCoin(r.Denom, premium),
		PremiumBps: uint32(min(bps, uint64(^uint32(0)))), MissedDays: r.MinerMissedDays,
	}, nil
}
