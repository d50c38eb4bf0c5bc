package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// Revenue lists the revenue ledger per denom, paginated by denom; a denom filter returns that
// denom alone (nothing if no revenue came in in it), a source filter the denoms that source paid
// into, each with that source's credit only.
func (q queryServer) Revenue(ctx context.Context, req *types.QueryRevenueRequest) (*types.QueryRevenueResponse, error) {
	if req == nil {
		req = &types.QueryRevenueRequest{}
	}
	if req.Source != "" && !modaccounts.IsRevenueSource(req.Source) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRevenue, "unknown revenue source %q (known: %v)", req.Source, modaccounts.RevenueSources)
	}
	if req.Denom != "" {
		if err := sdk.ValidateDenom(req.Denom); err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidRevenue, "denom %q: %v", req.Denom, err)
		}
		res := &types.QueryRevenueResponse{Revenue: []types.RevenueDenom{}}
		bal, err := q.RevenueBalance.Get(ctx, req.Denom)
		if errorsmod.IsOf(err, collections.ErrNotFound) {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		d, err := q.revenueDenom(ctx, req.Denom, bal, req.Source)
		if err != nil {
			return nil, err
		}
		if req.Source == "" || len(d.Credited) > 0 {
			res.Revenue = append(res.Revenue, d)
		}
		return res, nil
	}
	var predicate func(string, math.Int) (bool, error)
	if req.Source != "" {
		predicate = func(denom string, _ math.Int) (bool, error) {
			return q.RevenueCredits.Has(ctx, collections.Join(denom, req.Source))
		}
	}
	rows, page, err := query.CollectionFilteredPaginate(ctx, q.RevenueBalance, req.Pagination, predicate,
		func(denom string, bal math.Int) (types.RevenueDenom, error) {
			return q.revenueDenom(ctx, denom, bal, req.Source)
		})
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRevenue, err.Error())
	}
	return &types.QueryRevenueResponse{Revenue: rows, Pagination: page}, nil
}

// revenueDenom is one denom's ledger: its balance, its credits per source (only source's, when
// set) and its debits per use (a denom has at most a handful of each).
func (q queryServer) revenueDenom(ctx context.Context, denom string, bal math.Int, source string) (types.RevenueDenom, error) {
	d := types.RevenueDenom{Denom: denom, Balance: bal, Credited: []types.RevenueFlow{}, Debited: []types.RevenueFlow{}}
	rng := collections.NewPrefixedPairRange[string, string](denom)
	err := q.RevenueCredits.Walk(ctx, rng, func(key collections.Pair[string, string], amt math.Int) (bool, error) {
		if source == "" || key.K2() == source {
			d.Credited = append(d.Credited, types.RevenueFlow{Denom: denom, Name: key.K2(), Amount: amt})
		}
		return false, nil
	})
	if err != nil {
		return d, err
	}
	err = q.RevenueDebits.Walk(ctx, rng, func(key collections.Pair[string, string], amt math.Int) (bool, error) {
		d.Debited = append(d.Debited, types.RevenueFlow{Denom: denom, Name: key.K2(), Amount: amt})
		return false, nil
	})
	return d, err
}
