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
	"github.com/dmexchain/dmex/x/oracle/types"
)

type queryServer struct{ Keeper }

func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

var _ types.QueryServer = queryServer{}

func checkRange(from, to uint64) error {
	if from > to || to-from >= types.MaxDaysPerQuery {
		return errorsmod.Wrapf(types.ErrInvalidRange, "days %d..%d: want from <= to and at most %d days", from, to, types.MaxDaysPerQuery)
	}
	return nil
}

func (q queryServer) Feeders(ctx context.Context, _ *types.QueryFeedersRequest) (*types.QueryFeedersResponse, error) {
	set, err := q.Keeper.Feeders.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryFeedersResponse{Feeders: set.Feeders, Quorum: uint32(types.Quorum(len(set.Feeders)))}, nil //nolint:gosec // G115: at most MaxFeeders (100)
}

func (q queryServer) CurrentDay(ctx context.Context, _ *types.QueryCurrentDayRequest) (*types.QueryCurrentDayResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	d := p.DayOf(sdk.UnwrapSDKContext(ctx).BlockTime().Unix())
	return &types.QueryCurrentDayResponse{Day: d, FirstOpenDay: FirstOpenDay(d), DaySeconds: p.DaySeconds}, nil
}

func (q queryServer) NetworkDays(ctx context.Context, req *types.QueryNetworkDaysRequest) (*types.QueryNetworkDaysResponse, error) {
	if err := checkRange(req.From, req.To); err != nil {
		return nil, err
	}
	set, err := q.Keeper.Feeders.Get(ctx)
	if err != nil {
		return nil, err
	}
	today, err := q.Keeper.Day(ctx)
	if err != nil {
		return nil, err
	}
	first := FirstOpenDay(today)
	res := &types.QueryNetworkDaysResponse{}
	for d := req.From; ; d++ {
		s := types.NetworkDayStatus{Day: d}
		nd, err := q.Keeper.NetworkDays.Get(ctx, d)
		switch {
		case err == nil:
			s.Status, s.Value, s.Reports = types.DAY_STATUS_FINALIZED, &nd, nd.Reports
		case !errors.Is(err, collections.ErrNotFound):
			return nil, err
		case d >= first:
			reports, err := q.dayReports(ctx, d, set.Feeders)
			if err != nil {
				return nil, err
			}
			s.Status, s.Reports = types.DAY_STATUS_OPEN, uint32(len(reports)) //nolint:gosec // G115: one report per feeder, at most MaxFeeders (100)
		default:
			s.Status = types.DAY_STATUS_MISSING
		}
		res.Days = append(res.Days, s)
		if d == req.To {
			break
		}
	}
	return res, nil
}

func (q queryServer) NodeDays(ctx context.Context, req *types.QueryNodeDaysRequest) (*types.QueryNodeDaysResponse, error) {
	if err := checkRange(req.From, req.To); err != nil {
		return nil, err
	}
	today, err := q.Keeper.Day(ctx)
	if err != nil {
		return nil, err
	}
	first := FirstOpenDay(today)
	res := &types.QueryNodeDaysResponse{}
	for d := req.From; ; d++ {
		s := types.NodeDayStatus{Day: d}
		nd, err := q.Keeper.NodeDays.Get(ctx, collections.Join(req.NodeId, d))
		switch {
		case err == nil:
			s.Status, s.Value = types.DAY_STATUS_FINALIZED, &nd
		case !errors.Is(err, collections.ErrNotFound):
			return nil, err
		case d >= first:
			// The network day may still be open; once it finalizes without this node, it is missing.
			if has, _ := q.Keeper.NetworkDays.Has(ctx, d); has {
				s.Status = types.DAY_STATUS_MISSING
			} else {
				s.Status = types.DAY_STATUS_OPEN
			}
		default:
			s.Status = types.DAY_STATUS_MISSING
		}
		res.Days = append(res.Days, s)
		if d == req.To {
			break
		}
	}
	return res, nil
}

func (q queryServer) NodeLatest(ctx context.Context, req *types.QueryNodeLatestRequest) (*types.QueryNodeLatestResponse, error) {
	d, err := q.Keeper.NodeLatest.Get(ctx, req.NodeId)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrNotFound, "node %q has no finalized day", req.NodeId)
	}
	nd, err := q.Keeper.NodeDays.Get(ctx, collections.Join(req.NodeId, d))
	if err != nil {
		return nil, err
	}
	return &types.QueryNodeLatestResponse{Value: nd}, nil
}

func (q queryServer) Operators(ctx context.Context, _ *types.QueryOperatorsRequest) (*types.QueryOperatorsResponse, error) {
	set, err := q.Keeper.Operators.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryOperatorsResponse{Operators: set}, nil
}

func (q queryServer) Deposit(ctx context.Context, req *types.QueryDepositRequest) (*types.QueryDepositResponse, error) {
	d, err := q.Keeper.Deposits.Get(ctx, req.Cid)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrNotFound, "no deposit %q", req.Cid)
	}
	return &types.QueryDepositResponse{Deposit: d}, nil
}

func (q queryServer) Withdrawals(ctx context.Context, req *types.QueryWithdrawalsRequest) (*types.QueryWithdrawalsResponse, error) {
	ws, page, err := query.CollectionFilteredPaginate(ctx, q.Keeper.Withdrawals, pagination.Request(req.Pagination),
		func(_ uint64, w types.Withdrawal) (bool, error) {
			return !req.PendingOnly || w.Status == types.WITHDRAWAL_STATUS_PENDING, nil
		}, func(_ uint64, w types.Withdrawal) (types.Withdrawal, error) { return w, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryWithdrawalsResponse{Withdrawals: ws, Pagination: page}, nil
}

func (q queryServer) PegSupply(ctx context.Context, _ *types.QueryPegSupplyRequest) (*types.QueryPegSupplyResponse, error) {
	b, err := q.books(ctx)
	if err != nil {
		return nil, err
	}
	res := &types.QueryPegSupplyResponse{Minted: b.minted, Burned: b.burned, GenesisSupply: b.genesis,
		Supply: q.bankKeeper.GetSupply(ctx, types.IFILDenom).Amount, PendingAmount: math.ZeroInt()}
	err = q.Keeper.Withdrawals.Walk(ctx, nil, func(_ uint64, w types.Withdrawal) (bool, error) {
		if w.Status == types.WITHDRAWAL_STATUS_PENDING {
			res.PendingWithdrawals++
			res.PendingAmount = res.PendingAmount.Add(w.Amount)
		}
		return false, nil
	})
	return res, err
}
