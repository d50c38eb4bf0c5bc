package keeper

import (
	"context"
	"strconv"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// ReturnPledge takes pledge back from the miner: before the term ends into the liquid balance
// (the net value does not move: liquid up, owed down), after it into the maturity fund, shared
// by share-time; the last of it starts the maturity rounds.
func (m msgServer) ReturnPledge(ctx context.Context, msg *types.MsgReturnPledge) (*types.MsgReturnPledgeResponse, error) {
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	miner, err := m.minerOf(p, msg.Miner)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("pledge return", msg.Amount, p.IfilDenom); err != nil {
		return nil, err
	}
	if msg.Amount.Amount.GT(p.PledgeOwed) {
		return nil, errorsmod.Wrapf(types.ErrAboveOwed, "returning %s to pool %d, which is owed %s", msg.Amount, p.Id, amounts.Coin(p.IfilDenom, p.PledgeOwed))
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, miner, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	amt := msg.Amount.Amount
	p.PledgeOwed = p.PledgeOwed.Sub(amt)
	p.Returned = p.Returned.Add(amt)
	toFund := p.Status == types.PoolStatus_POOL_STATUS_MATURED || p.Status == types.PoolStatus_POOL_STATUS_DEFAULTED
	if toFund {
		p.MaturityFund = p.MaturityFund.Add(amt)
		if p.PledgeOwed.IsZero() {
			if err := m.startSettlement(ctx, &p); err != nil {
				return nil, err
			}
		}
	} else {
		p.Liquid = p.Liquid.Add(amt)
	}
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.schedulePay(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgReturnPledgeResponse{}, m.emit(ctx, &types.EventPledgeReturned{
		PoolId: p.Id, Amount: msg.Amount.String(), Owed: amounts.Coin(p.IfilDenom, p.PledgeOwed), ToMaturityFund: toFund,
	})
}

// startSettlement opens the maturity rounds of a pool whose pledge is all back.
func (k Keeper) startSettlement(ctx context.Context, p *types.Pool) error {
	if err := k.setStatus(ctx, p, types.PoolStatus_POOL_STATUS_SETTLING); err != nil {
		return err
	}
	p.SettleCursor = ""
	if err := k.SettleQueue.Push(ctx, blockTime(ctx), p.Id); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventSettlementStarted{PoolId: p.Id, Fund: amounts.Coin(p.IfilDenom, p.MaturityFund)})
}

// payMaturity pays a holder what it is due of the maturity fund (nothing if nothing).
func (k Keeper) payMaturity(ctx context.Context, p *types.Pool, addr sdk.AccAddress, h *types.Holder) (math.Int, error) {
	due := MaturityDue(*p, *h)
	if !due.IsPositive() {
		return due, nil
	}
	settleHolder(*p, h)
	h.MaturityPaid = h.MaturityPaid.Add(due)
	p.MaturityPaid = p.MaturityPaid.Add(due)
	if err := k.saveHolder(ctx, addr, *h); err != nil {
		return due, err
	}
	if err := k.pay(ctx, addr, sdk.NewCoin(p.IfilDenom, due)); err != nil {
		return due, err
	}
	return due, k.emit(ctx, &types.EventMaturityPaid{PoolId: p.Id, Holder: h.Address, Amount: amounts.Coin(p.IfilDenom, due)})
}

func (m msgServer) ClaimMaturity(ctx context.Context, msg *types.MsgClaimMaturity) (*types.MsgClaimMaturityResponse, error) {
	addr, addrStr, err := m.addr("holder", msg.Holder)
	if err != nil {
		return nil, err
	}
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	h, err := m.holder(ctx, p, addr)
	if err != nil {
		return nil, err
	}
	paid, err := m.payMaturity(ctx, &p, addr, &h)
	if err != nil {
		return nil, err
	}
	if !paid.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has no maturity payout due from pool %d (%s, fund %s)",
			addrStr, p.Id, types.PeriodName(p.Status), amounts.Coin(p.IfilDenom, p.MaturityFund))
	}
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return &types.MsgClaimMaturityResponse{Paid: sdk.NewCoin(p.IfilDenom, paid)}, nil
}

// settleRound pays the next holders of a settling pool their part of the maturity fund, at
// most *budget of them, from where the last round stopped (holders in key order). After the
// last holder the pool is settled: what the rounding left (dust) joins its liquid balance.
func (k Keeper) settleRound(ctx context.Context, id uint64, budget *int) (bool, error) {
	p, err := k.getPool(ctx, id)
	if err != nil || p.Status != types.PoolStatus_POOL_STATUS_SETTLING {
		return true, err
	}
	rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](p.Id)
	if p.SettleCursor != "" {
		cur, err := k.addressCodec.StringToBytes(p.SettleCursor)
		if err != nil {
			return true, err
		}
		rng = rng.StartExclusive(cur)
	}
	iter, err := k.Holders.Iterate(ctx, rng)
	if err != nil {
		return true, err
	}
	var batch []collections.KeyValue[collections.Pair[uint64, sdk.AccAddress], types.Holder]
	for ; iter.Valid() && len(batch) <= *budget; iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			iter.Close()
			return true, err
		}
		batch = append(batch, kv)
	}
	iter.Close()
	more := len(batch) > *budget
	if more {
		batch = batch[:*budget]
	}
	for _, kv := range batch {
		h := kv.Value
		if _, err := k.payMaturity(ctx, &p, kv.Key.K2(), &h); err != nil {
			return true, err
		}
		p.SettleCursor = h.Address
	}
	*budget -= len(batch)
	if more {
		return false, k.Pools.Set(ctx, p.Id, p)
	}
	dust := p.MaturityFund.Sub(p.MaturityPaid)
	p.Liquid = p.Liquid.Add(dust)
	p.MaturityFund = p.MaturityPaid
	p.SettleCursor = ""
	if err := k.setStatus(ctx, &p, types.PoolStatus_POOL_STATUS_SETTLED); err != nil {
		return true, err
	}
	if err := k.Pools.Set(ctx, p.Id, p); err != nil {
		return true, err
	}
	if err := k.schedulePay(ctx, p); err != nil {
		return true, err
	}
	return true, k.emit(ctx, &types.EventPoolSettled{PoolId: p.Id, Paid: amounts.Coin(p.IfilDenom, p.MaturityPaid), Dust: amounts.Coin(p.IfilDenom, dust)})
}

func (m msgServer) SetPoolSuspended(ctx context.Context, msg *types.MsgSetPoolSuspended) (*types.MsgSetPoolSuspendedResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if p.Suspended == msg.Suspended {
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is already %s", p.Id, map[bool]string{true: "suspended", false: "not suspended"}[p.Suspended])
	}
	p.Suspended = msg.Suspended
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return &types.MsgSetPoolSuspendedResponse{}, m.emit(ctx, &types.EventPoolSuspended{PoolId: p.Id, Suspended: p.Suspended})
}

// CompensatePool pays a defaulted pool's shortfall (or part of it) from the risk fund into its
// maturity fund, as if the miner had returned it; the last of it starts the maturity rounds.
func (m msgServer) CompensatePool(ctx context.Context, msg *types.MsgCompensatePool) (*types.MsgCompensatePoolResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if p.Status != types.PoolStatus_POOL_STATUS_DEFAULTED {
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is %s: only a defaulted pool is compensated", p.Id, types.PeriodName(p.Status))
	}
	if err := checkAmount("compensation", msg.Amount, p.IfilDenom); err != nil {
		return nil, err
	}
	if msg.Amount.Amount.GT(p.PledgeOwed) {
		return nil, errorsmod.Wrapf(types.ErrAboveOwed, "compensation %s above pool %d's shortfall %s", msg.Amount, p.Id, amounts.Coin(p.IfilDenom, p.PledgeOwed))
	}
	if err := m.payer.PayToModule(ctx, types.ModuleName, msg.Amount, "jointmine_compensation:pool/"+strconv.FormatUint(p.Id, 10)); err != nil {
		return nil, err
	}
	p.PledgeOwed = p.PledgeOwed.Sub(msg.Amount.Amount)
	p.Compensated = p.Compensated.Add(msg.Amount.Amount)
	p.MaturityFund = p.MaturityFund.Add(msg.Amount.Amount)
	if p.PledgeOwed.IsZero() {
		if err := m.startSettlement(ctx, &p); err != nil {
			return nil, err
		}
	}
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return &types.MsgCompensatePoolResponse{}, m.emit(ctx, &types.EventPoolCompensated{
		PoolId: p.Id, Amount: msg.Amount.String(), Shortfall: amounts.Coin(p.IfilDenom, p.PledgeOwed),
	})
}

// UpdateParams: x/dao's check first. Approved pools keep the denom, cap and dates they were
// approved with.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}
