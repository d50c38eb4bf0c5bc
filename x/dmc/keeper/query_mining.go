package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/dmc/types"
)

func (q queryServer) Emission(ctx context.Context, _ *types.QueryEmissionRequest) (*types.QueryEmissionResponse, error) {
	h := sdk.UnwrapSDKContext(ctx).BlockHeight()
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	minted, err := q.MintedByMining.Get(ctx)
	if err != nil {
		return nil, err
	}
	era, reward := p.BlockReward(h + 1)
	return &types.QueryEmissionResponse{
		Height: h, Era: era, BlockReward: reward, MintedByMining: minted, Remaining: p.MiningCap.Sub(minted),
		BlocksLeftInEra: p.BlocksLeftInEra(h + 1),
	}, nil
}

// farmInfo is a farm with the udmc it earns per block at the next height (0 without stake).
func (q queryServer) farmInfo(e emission, f types.Farm) types.FarmInfo {
	perBlock := math.ZeroInt()
	if f.TotalStaked.IsPositive() {
		perBlock = e.part(f)
	}
	return types.FarmInfo{Farm: f, RewardPerBlock: perBlock}
}

func (q queryServer) nextEmission(ctx context.Context) (emission, error) {
	return q.emission(ctx, sdk.UnwrapSDKContext(ctx).BlockHeight()+1)
}

func (q queryServer) Farms(ctx context.Context, req *types.QueryFarmsRequest) (*types.QueryFarmsResponse, error) {
	e, err := q.nextEmission(ctx)
	if err != nil {
		return nil, err
	}
	farms, page, err := query.CollectionPaginate(ctx, q.Keeper.Farms, pagination.Request(req.Pagination),
		func(_ uint64, f types.Farm) (types.FarmInfo, error) { return q.farmInfo(e, f), nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryFarmsResponse{Farms: farms, Pagination: page}, nil
}

func (q queryServer) Farm(ctx context.Context, req *types.QueryFarmRequest) (*types.QueryFarmResponse, error) {
	f, err := q.getFarm(ctx, req.FarmId)
	if err != nil {
		return nil, err
	}
	e, err := q.nextEmission(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryFarmResponse{Farm: q.farmInfo(e, f)}, nil
}

func (q queryServer) Positions(ctx context.Context, req *types.QueryPositionsRequest) (*types.QueryPositionsResponse, error) {
	staker, _, err := q.addr("staker", req.Staker)
	if err != nil {
		return nil, err
	}
	res := &types.QueryPositionsResponse{TotalPending: math.ZeroInt()}
	res.Positions, res.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Positions, pagination.Request(req.Pagination),
		func(_ collections.Pair[sdk.AccAddress, uint64], p types.Position) (types.PositionInfo, error) {
			f, err := q.getFarm(ctx, p.FarmId)
			if err != nil {
				return types.PositionInfo{}, err
			}
			pending := Pending(f, p)
			res.TotalPending = res.TotalPending.Add(pending)
			return types.PositionInfo{Position: p, Denom: f.Denom, Pending: pending}, nil
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](staker))
	if err != nil {
		return nil, err
	}
	return res, nil
}

// Forecast: the farm's part per block × amount / (total staked + amount), per day at
// blocks_per_day; multiplied out before the division, rounded down.
func (q queryServer) Forecast(ctx context.Context, req *types.QueryForecastRequest) (*types.QueryForecastResponse, error) {
	amount, ok := math.NewIntFromString(req.Amount)
	if !ok || !amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "amount %q must be a positive integer", req.Amount)
	}
	f, err := q.getFarm(ctx, req.FarmId)
	if err != nil {
		return nil, err
	}
	e, err := q.nextEmission(ctx)
	if err != nil {
		return nil, err
	}
	num := e.part(f).Mul(amount)
	den := f.TotalStaked.Add(amount)
	return &types.QueryForecastResponse{
		PerBlock: num.Quo(den),
		PerDay:   num.Mul(math.NewIntFromUint64(e.params.BlocksPerDay)).Quo(den),
	}, nil
}
