package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

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

func (q queryServer) HolderRewards(ctx context.Context, req *types.QueryHolderRewardsRequest) (*types.QueryHolderRewardsResponse, error) {
	holder, err := q.addr("holder", req.Holder)
	if err != nil {
		return nil, err
	}
	var out []types.NFTRewards
	escrows := map[uint64]types.ProductEscrow{}
	limit := uint64(types.MaxClaimNFTs)
	if req.Pagination != nil && req.Pagination.Limit > 0 && req.Pagination.Limit < limit {
		limit = req.Pagination.Limit
	}
	var after uint64
	if req.Pagination != nil {
		after = req.Pagination.Offset
	}
	var next uint64
	err = q.hashnft.WalkOwnerNFTs(ctx, holder, func(n hashnftNFT) (bool, error) {
		if n.Id <= after {
			return false, nil
		}
		if uint64(len(out)) >= limit {
			next = n.Id - 1
			return true, nil
		}
		pos, ok, err := q.position(ctx, n.Id)
		if err != nil || !ok {
			return err != nil, err
		}
		e, ok := escrows[n.ProductId]
		if !ok {
			if e, err = q.getEscrow(ctx, n.ProductId); err != nil {
				return true, err
			}
			escrows[n.ProductId] = e
		}
		pend, _ := pending(e, n, pos)
		out = append(out, types.NFTRewards{
			NftId: n.Id, ProductId: n.ProductId,
			Earned: sdk.NewCoin(e.RewardDenom, pos.Paid.Add(pend)), Paid: sdk.NewCoin(e.RewardDenom, pos.Paid),
			Pending: sdk.NewCoin(e.RewardDenom, pend), Refunded: pos.Refunded,
		})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	resp := &types.QueryHolderRewardsResponse{Nfts: out}
	if next > 0 {
		// offset is the last NFT id of this page: pass it back to get the next one.
		resp.Pagination = &query.PageResponse{Total: next}
	}
	return resp, nil
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
	err = q.MinerProducts.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](miner), func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		e, err := q.getEscrow(ctx, key.K2())
		if err != nil {
			return true, errorsmod.Wrap(err, "miner's product")
		}
		resp.Products = append(resp.Products, types.MinerProductRecord{
			ProductId: e.ProductId, Deposits: e.Deposits, Deposited: sdk.NewCoin(e.RewardDenom, zeroIfNil(e.Deposited)).String(),
			MissedDays: e.MissedDays, MissedDaysInRow: e.MissedDaysInRow, Status: e.Status,
		})
		return len(resp.Products) >= 1000, nil
	})
	return resp, err
}
