package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	vestexported "github.com/cosmos/cosmos-sdk/x/auth/vesting/exported"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/dmc/types"
)

type queryServer struct{ Keeper }

func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

var _ types.QueryServer = queryServer{}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

func (q queryServer) Supply(ctx context.Context, _ *types.QuerySupplyRequest) (*types.QuerySupplyResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	minted, err := q.MintedByMining.Get(ctx)
	if err != nil {
		return nil, err
	}
	burned, err := q.Burned.Get(ctx)
	if err != nil {
		return nil, err
	}
	locked, err := q.LockedInVesting(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QuerySupplyResponse{
		TotalSupply:     q.bankKeeper.GetSupply(ctx, types.Denom).Amount,
		MaxSupply:       p.MaxSupply,
		MintedByMining:  minted,
		MiningRemaining: p.MiningCap.Sub(minted),
		LockedInVesting: locked,
		Burned:          burned,
	}, nil
}

func (q queryServer) Allocation(ctx context.Context, req *types.QueryAllocationRequest) (*types.QueryAllocationResponse, error) {
	lines, page, err := query.CollectionPaginate(ctx, q.Keeper.Allocation, pagination.Request(req.Pagination),
		func(_ uint64, a types.Allocation) (types.Allocation, error) { return a, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryAllocationResponse{Allocation: lines, Pagination: page}, nil
}

// LockedInVesting sums the udmc still vesting, at the current block time, in the allocation's
// vesting accounts. The allocation has a handful of lines, so this is bounded.
func (k Keeper) LockedInVesting(ctx context.Context) (math.Int, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	locked := math.ZeroInt()
	err := k.Allocation.Walk(ctx, nil, func(_ uint64, a types.Allocation) (bool, error) {
		if !a.Vesting {
			return false, nil
		}
		addr, _, err := k.addr("allocation account", a.Address)
		if err != nil {
			return true, err
		}
		acc, ok := k.authKeeper.GetAccount(ctx, addr).(vestexported.VestingAccount)
		if !ok {
			return true, errorsmod.Wrapf(types.ErrInvalidAllocation, "allocation account %s is not a vesting account", a.Address)
		}
		locked = locked.Add(acc.GetVestingCoins(now).AmountOf(types.Denom))
		return false, nil
	})
	return locked, err
}
