package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/escrow/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	return &types.QueryParamsResponse{Params: p}, err
}

func (q queryServer) Escrow(ctx context.Context, req *types.QueryEscrowRequest) (*types.QueryEscrowResponse, error) {
	e, err := q.getEscrow(ctx, req.ProductId)
	if err != nil {
		return nil, err
	}
	held, err := q.hashnft.GetEscrow(ctx, req.ProductId)
	if err != nil {
		return nil, err
	}
	left := uint32(0)
	if e.TermDays > e.DaysElapsed && (e.Status == types.ESCROW_STATUS_ACTIVE || e.Status == types.ESCROW_STATUS_SUSPENDED) {
		left = e.TermDays - e.DaysElapsed
	}
	return &types.QueryEscrowResponse{
		Escrow: e, PaidIn: held.PaidIn, Released: e.Released, Remaining: held.Held, DaysLeft: left,
		Status: e.Status, Reason: e.StatusReason,
	}, nil
}

// HolderRewards pages through the holder's NFTs in id order (x/hashnft's owner index, the SDK's
// key-based pagination: next_key is the next NFT's id); an NFT without an escrow position (its
// product's escrow has not opened) is not on the page.
func (q queryServer) HolderRewards(ctx context.Context, req *types.QueryHolderRewardsRequest) (*types.QueryHolderRewardsResponse, error) {
	holder, err := q.addr("holder", req.Holder)
	if err != nil {
		return nil, err
	}
	res := &types.QueryHolderRewardsResponse{}
	escrows := map[uint64]types.ProductEscrow{}
	res.Pagination, err = q.hashnft.PageOwnerNFTs(ctx, holder, req.Pagination, func(n hashnftNFT, accumulate bool) (bool, error) {
		pos, ok, err := q.position(ctx, n.Id)
		if err != nil || !ok || !accumulate {
			return ok, err
		}
		e, ok := escrows[n.ProductId]
		if !ok {
			if e, err = q.getEscrow(ctx, n.ProductId); err != nil {
				return false, err
			}
			escrows[n.ProductId] = e
		}
		pend, _ := pending(e, n, pos)
		res.Nfts = append(res.Nfts, types.NFTRewards{
			NftId: n.Id, ProductId: n.ProductId,
			Earned: sdk.NewCoin(e.RewardDenom, pos.Paid.Add(pend)), Paid: sdk.NewCoin(e.RewardDenom, pos.Paid),
			Pending: sdk.NewCoin(e.RewardDenom, pend), Refunded: pos.Refunded,
		})
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (q queryServer) MinerRecord(ctx context.Context, req *types.QueryMinerRecordRequest) (*types.QueryMinerRecordResponse, error) {
	miner, minerStr, err := q.canonical("miner", req.Miner)
	if err != nil {
		return nil, err
	}
	rec, err := q.minerRecord(ctx, miner, minerStr)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryMinerRecordResponse{Record: rec}
	resp.Products, resp.Pagination, err = query.CollectionPaginate(ctx, q.MinerProducts, pagination.Request(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.MinerProductRecord, error) {
			e, err := q.getEscrow(ctx, key.K2())
			if err != nil {
				return types.MinerProductRecord{}, errorsmod.Wrap(err, "miner's product")
			}
			return types.MinerProductRecord{
				ProductId: e.ProductId, Deposits: e.Deposits, Deposited: sdk.NewCoin(e.RewardDenom, zeroIfNil(e.Deposited)).String(),
				MissedDays: e.MissedDays, MissedDaysInRow: e.MissedDaysInRow, Status: e.Status,
			}, nil
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](miner))
	if err != nil {
		return nil, err
	}
	return resp, nil
}
