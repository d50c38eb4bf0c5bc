package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// NFTStakes: a page of the staker's staked NFTs, and all the staker's NFT farm positions (one
// per farm and product) with what a claim would pay now.
func (q queryServer) NFTStakes(ctx context.Context, req *types.QueryNFTStakesRequest) (*types.QueryNFTStakesResponse, error) {
	staker, _, err := q.addr("staker", req.Staker)
	if err != nil {
		return nil, err
	}
	res := &types.QueryNFTStakesResponse{TotalPending: math.ZeroInt()}
	res.Nfts, res.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.NFTStakerIndex, pagination.Request(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.NFTStake, error) {
			return q.Keeper.NFTStakes.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](staker))
	if err != nil {
		return nil, err
	}
	err = q.Keeper.NFTPositions.Walk(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, uint64, uint64](staker),
		func(_ collections.Triple[sdk.AccAddress, uint64, uint64], p types.Position) (bool, error) {
			f, err := q.getFarm(ctx, p.FarmId)
			if err != nil {
				return true, err
			}
			sub, err := q.nftProduct(ctx, p.FarmId, p.ProductId)
			if err != nil {
				return true, err
			}
			pending := PendingNFT(f, sub, p)
			res.TotalPending = res.TotalPending.Add(pending)
			res.Positions = append(res.Positions, types.PositionInfo{Position: p, Pending: pending})
			return false, nil
		})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// FarmPower: an NFT farm's power earning now and a page of its per-product sub-totals.
func (q queryServer) FarmPower(ctx context.Context, req *types.QueryFarmPowerRequest) (*types.QueryFarmPowerResponse, error) {
	f, err := q.nftFarm(ctx, req.FarmId)
	if err != nil {
		return nil, err
	}
	res := &types.QueryFarmPowerResponse{FarmId: f.Id, StakedPower: f.TotalStaked}
	res.Products, res.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.NFTProducts, pagination.Request(req.Pagination),
		func(_ collections.Pair[uint64, uint64], s types.NFTProductStake) (types.NFTProductStake, error) {
			return s, nil
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](f.Id))
	if err != nil {
		return nil, err
	}
	return res, nil
}
