package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// livePool returns an approved pool brought up to the block time: matured once its term ended,
// defaulted once its grace ended with pledge owed (the queues do the same; a message never
// sees a pool its queue has not reached yet in its old period).
func (k Keeper) livePool(ctx context.Context, id uint64) (types.Pool, error) {
	p, err := k.getPool(ctx, id)
	if err != nil {
		return p, err
	}
	if !p.Approved() {
		return p, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is %s, not an approved pool", id, types.PeriodName(p.Status))
	}
	return p, k.advance(ctx, &p)
}

// advance moves a pool to the period its dates put it in (and accrues its share-time), in
// memory: the caller stores it (a message only when it succeeds, the term queue always).
func (k Keeper) advance(ctx context.Context, p *types.Pool) error {
	now := blockTime(ctx)
	accrue(p, now)
	if (p.Status == types.PoolStatus_POOL_STATUS_GENESIS || p.Status == types.PoolStatus_POOL_STATUS_GROWTH) && !now.Before(p.TermEnd) {
		if err := k.setStatus(ctx, p, types.PoolStatus_POOL_STATUS_MATURED); err != nil {
			return err
		}
		if err := k.emit(ctx, &types.EventPoolMatured{PoolId: p.Id, PledgeOwed: amounts.Coin(p.IfilDenom, p.PledgeOwed), GraceEnd: p.GraceEnd.Format(timeFormat)}); err != nil {
			return err
		}
		if p.PledgeOwed.IsZero() {
			if err := k.startSettlement(ctx, p); err != nil {
				return err
			}
		} else if err := k.TermQueue.Push(ctx, p.GraceEnd, p.Id); err != nil {
			return err
		}
	}
	if p.Status == types.PoolStatus_POOL_STATUS_MATURED && !now.Before(p.GraceEnd) && p.PledgeOwed.IsPositive() {
		if err := k.setStatus(ctx, p, types.PoolStatus_POOL_STATUS_DEFAULTED); err != nil {
			return err
		}
		if err := k.emit(ctx, &types.EventPoolDefaulted{PoolId: p.Id, Shortfall: amounts.Coin(p.IfilDenom, p.PledgeOwed)}); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) minerOf(p types.Pool, signer string) (sdk.AccAddress, error) {
	addr, canonical, err := k.addr("miner", signer)
	if err != nil {
		return nil, err
	}
	if canonical != p.Miner {
		return nil, errorsmod.Wrapf(types.ErrNotMiner, "%s is not pool %d's miner %s", canonical, p.Id, p.Miner)
	}
	return addr, nil
}

func notSuspended(p types.Pool) error {
	if p.Suspended {
		return errorsmod.Wrapf(types.ErrSuspended, "pool %d is suspended by the authority", p.Id)
	}
	return nil
}

func (m msgServer) Deposit(ctx context.Context, msg *types.MsgDeposit) (*types.MsgDepositResponse, error) {
	from, fromStr, err := m.addr("depositor", msg.Depositor)
	if err != nil {
		return nil, err
	}
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("deposit", msg.Amount, p.IfilDenom); err != nil {
		return nil, err
	}
	if err := notSuspended(p); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	amt := msg.Amount.Amount
	var shares math.Int
	switch p.Status {
	case types.PoolStatus_POOL_STATUS_GENESIS:
		room := p.Cap.Sub(p.GenesisDeposited)
		if amt.GT(room) {
			return nil, errorsmod.Wrapf(types.ErrAboveCap, "deposit %s above the %s left below pool %d's genesis cap %s",
				msg.Amount, amounts.Coin(p.IfilDenom, room), p.Id, amounts.Coin(p.IfilDenom, p.Cap))
		}
		if amt.LT(params.MinDeposit) && !amt.Equal(room) {
			return nil, errorsmod.Wrapf(types.ErrBelowMinimum, "deposit %s below the minimum %s", msg.Amount, amounts.Coin(p.IfilDenom, params.MinDeposit))
		}
		shares = amt
	case types.PoolStatus_POOL_STATUS_GROWTH:
		if amt.LT(params.MinDeposit) {
			return nil, errorsmod.Wrapf(types.ErrBelowMinimum, "deposit %s below the minimum %s", msg.Amount, amounts.Coin(p.IfilDenom, params.MinDeposit))
		}
		net := NetValue(p)
		switch {
		case p.Supply.IsZero():
			shares = amt
		case net.IsZero():
			return nil, errorsmod.Wrapf(types.ErrNoValue, "pool %d has %s shares and no net value: a deposit would buy them for nothing", p.Id, p.Supply)
		default:
			// Rounded down: the pool keeps what a share's fraction is worth.
			if shares, err = mulDiv(amt, p.Supply, net); err != nil {
				return nil, err
			}
		}
		if !shares.IsPositive() {
			return nil, errorsmod.Wrapf(types.ErrBelowMinimum, "deposit %s buys no share at %s per share", msg.Amount, ValuePerShare(p))
		}
	default:
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is %s: deposits are open in the genesis and growth periods only", p.Id, types.PeriodName(p.Status))
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, from, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	minted := sdk.NewCoin(p.Denom, shares)
	if err := m.bankKeeper.MintCoins(ctx, types.ModuleName, sdk.NewCoins(minted)); err != nil {
		return nil, err
	}
	if err := m.pay(ctx, from, minted); err != nil {
		return nil, err
	}
	if _, err := m.addShares(ctx, p, from, shares); err != nil {
		return nil, err
	}
	p.Supply = p.Supply.Add(shares)
	p.Liquid = p.Liquid.Add(amt)
	if p.Status == types.PoolStatus_POOL_STATUS_GENESIS {
		p.GenesisDeposited = p.GenesisDeposited.Add(amt)
		if p.GenesisDeposited.Equal(p.Cap) {
			if err := m.setStatus(ctx, &p, types.PoolStatus_POOL_STATUS_GROWTH); err != nil {
				return nil, err
			}
			if err := m.emit(ctx, &types.EventGrowthStarted{PoolId: p.Id, Deposited: amounts.Coin(p.IfilDenom, p.GenesisDeposited)}); err != nil {
				return nil, err
			}
		}
	}
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.schedulePay(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgDepositResponse{Shares: minted}, m.emit(ctx, &types.EventDeposited{
		PoolId: p.Id, Depositor: fromStr, Amount: msg.Amount.String(), Shares: minted.String(),
	})
}

func (m msgServer) Redeem(ctx context.Context, msg *types.MsgRedeem) (*types.MsgRedeemResponse, error) {
	owner, ownerStr, err := m.addr("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("redemption", msg.Shares, p.Denom); err != nil {
		return nil, err
	}
	switch p.Status {
	case types.PoolStatus_POOL_STATUS_GROWTH, types.PoolStatus_POOL_STATUS_SETTLING, types.PoolStatus_POOL_STATUS_SETTLED, types.PoolStatus_POOL_STATUS_DEFAULTED:
	case types.PoolStatus_POOL_STATUS_GENESIS:
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is in its genesis period: no redemption until deposits reach the cap %s", p.Id, amounts.Coin(p.IfilDenom, p.Cap))
	default:
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is %s: redemptions wait for the pledge's return", p.Id, types.PeriodName(p.Status))
	}
	if err := notSuspended(p); err != nil {
		return nil, err
	}
	amt := msg.Shares.Amount
	if held := m.bankKeeper.SpendableCoin(ctx, owner, p.Denom); held.Amount.LT(amt) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientShares, "redeem %s, %s holds %s", msg.Shares, ownerStr, held)
	}
	// Rounded down: the pool keeps the fraction.
	value, err := mulDiv(amt, NetValue(p), p.Supply)
	if err != nil {
		return nil, err
	}
	if !value.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrBelowMinimum, "%s is worth nothing at %s per share", msg.Shares, ValuePerShare(p))
	}
	fee := types.RedemptionFee(value)
	h, err := m.holder(ctx, p, owner)
	if err != nil {
		return nil, err
	}
	settleHolder(p, &h)
	if p.Status == types.PoolStatus_POOL_STATUS_GROWTH && h.Shares.IsPositive() {
		// Before the term ends a redemption is paid the pledge owed back within its value: the
		// share-time of the redeemed part is given up (it would be paid the pledge again at maturity).
		forfeit, err := mulDiv(h.StOwed, amt, h.Shares)
		if err != nil {
			return nil, err
		}
		h.StOwed = h.StOwed.Sub(forfeit)
		p.StForfeited = p.StForfeited.Add(forfeit)
	}
	h.Shares = h.Shares.Sub(amt)
	if h.Shares.IsNegative() {
		return nil, errorsmod.Wrapf(types.ErrBooksMismatch, "%s redeems %s above its booked shares", ownerStr, msg.Shares)
	}
	if err := m.saveHolder(ctx, owner, h); err != nil {
		return nil, err
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, owner, types.ModuleName, sdk.NewCoins(msg.Shares)); err != nil {
		return nil, err
	}
	if err := m.bankKeeper.BurnCoins(ctx, types.ModuleName, sdk.NewCoins(msg.Shares)); err != nil {
		return nil, err
	}
	p.Supply = p.Supply.Sub(amt)
	r := types.Redemption{
		PoolId: p.Id, Owner: ownerStr, Burned: amt, Value: value, Fee: fee, FeeLeft: fee, Left: value.Sub(fee), RequestedAt: blockTime(ctx),
	}
	// A redemption joins the back of a non-empty queue; otherwise the liquid balance pays what it can.
	paid := math.ZeroInt()
	if p.Queued.IsZero() {
		if paid, _, err = m.payRedemption(ctx, &p, &r); err != nil {
			return nil, err
		}
	}
	queued := r.Left.Add(r.FeeLeft)
	if queued.IsPositive() {
		p.RedemptionsQueued++
		r.Id = p.RedemptionsQueued
		p.Queued = p.Queued.Add(queued)
		if err := m.Redemptions.Set(ctx, collections.Join(p.Id, r.Id), r); err != nil {
			return nil, err
		}
	}
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	resp := &types.MsgRedeemResponse{Paid: sdk.NewCoin(p.IfilDenom, paid), Queued: sdk.NewCoin(p.IfilDenom, queued), RedemptionId: r.Id}
	return resp, m.emit(ctx, &types.EventRedeemed{
		PoolId: p.Id, Owner: ownerStr, Shares: msg.Shares.String(), Value: amounts.Coin(p.IfilDenom, value), Fee: amounts.Coin(p.IfilDenom, fee),
		Paid: resp.Paid.String(), Queued: resp.Queued.String(), RedemptionId: r.Id,
	})
}

// payRedemption pays what the pool's liquid balance can of a redemption, the fee first (to
// revenue), and takes it off the liquid balance; it returns what the owner and revenue got.
func (k Keeper) payRedemption(ctx context.Context, p *types.Pool, r *types.Redemption) (paid, feePaid math.Int, err error) {
	cash := p.Liquid
	feePaid = math.MinInt(cash, r.FeeLeft)
	paid = math.MinInt(cash.Sub(feePaid), r.Left)
	owner, err := k.addressCodec.StringToBytes(r.Owner)
	if err != nil {
		return paid, feePaid, err
	}
	p.Liquid = p.Liquid.Sub(feePaid).Sub(paid)
	r.FeeLeft = r.FeeLeft.Sub(feePaid)
	r.Left = r.Left.Sub(paid)
	if feePaid.IsPositive() {
		if err := k.revenue.PayRevenueFromModule(ctx, modaccounts.SourceRedemptionFee, types.ModuleName, sdk.NewCoin(p.IfilDenom, feePaid)); err != nil {
			return paid, feePaid, err
		}
	}
	return paid, feePaid, k.pay(ctx, owner, sdk.NewCoin(p.IfilDenom, paid))
}

// payQueue pays a pool's queued redemptions in order from its liquid balance, at most *budget
// of them; done once the queue is empty or the cash is spent (a later arrival of cash schedules
// the pool again), not done when the budget ran out first.
func (k Keeper) payQueue(ctx context.Context, id uint64, budget *int) (bool, error) {
	p, err := k.getPool(ctx, id)
	if err != nil {
		return true, err
	}
	for p.Queued.IsPositive() && p.Liquid.IsPositive() {
		if *budget <= 0 {
			return false, k.Pools.Set(ctx, p.Id, p)
		}
		*budget--
		r, err := k.Redemptions.Get(ctx, collections.Join(p.Id, p.RedemptionsPaid+1))
		if err != nil {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d queues %s but its redemption %d: %v", p.Id, p.Queued, p.RedemptionsPaid+1, err)
		}
		paid, feePaid, err := k.payRedemption(ctx, &p, &r)
		if err != nil {
			return true, err
		}
		p.Queued = p.Queued.Sub(paid).Sub(feePaid)
		key := collections.Join(p.Id, r.Id)
		if r.Left.IsZero() && r.FeeLeft.IsZero() {
			p.RedemptionsPaid++
			err = k.Redemptions.Remove(ctx, key)
		} else {
			err = k.Redemptions.Set(ctx, key, r)
		}
		if err != nil {
			return true, err
		}
		if err := k.emit(ctx, &types.EventRedemptionPaid{
			PoolId: p.Id, RedemptionId: r.Id, Owner: r.Owner, Paid: amounts.Coin(p.IfilDenom, paid),
			Fee: amounts.Coin(p.IfilDenom, feePaid), Left: amounts.Coin(p.IfilDenom, r.Left.Add(r.FeeLeft)),
		}); err != nil {
			return true, err
		}
	}
	return true, k.Pools.Set(ctx, p.Id, p)
}

func (m msgServer) WithdrawPledge(ctx context.Context, msg *types.MsgWithdrawPledge) (*types.MsgWithdrawPledgeResponse, error) {
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	miner, err := m.minerOf(p, msg.Miner)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("pledge withdrawal", msg.Amount, p.IfilDenom); err != nil {
		return nil, err
	}
	if p.Status != types.PoolStatus_POOL_STATUS_GENESIS && p.Status != types.PoolStatus_POOL_STATUS_GROWTH {
		return nil, errorsmod.Wrapf(types.ErrPoolClosed, "pool %d is %s: the pledge is withdrawn before the term ends", p.Id, types.PeriodName(p.Status))
	}
	if err := notSuspended(p); err != nil {
		return nil, err
	}
	amt := msg.Amount.Amount
	if total := p.Pledged.Add(amt); total.GT(p.Cap) {
		return nil, errorsmod.Wrapf(types.ErrAboveCap, "withdrawing %s would take pool %d's pledge to %s, above its cap %s (already withdrawn %s)",
			msg.Amount, p.Id, amounts.Coin(p.IfilDenom, total), amounts.Coin(p.IfilDenom, p.Cap), amounts.Coin(p.IfilDenom, p.Pledged))
	}
	if a := available(p); a.LT(amt) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientLiquid, "withdrawing %s from pool %d, which has %s liquid not owed to its queue",
			msg.Amount, p.Id, amounts.Coin(p.IfilDenom, a))
	}
	p.Liquid = p.Liquid.Sub(amt)
	p.Pledged = p.Pledged.Add(amt)
	p.PledgeOwed = p.PledgeOwed.Add(amt)
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.pay(ctx, miner, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgWithdrawPledgeResponse{}, m.emit(ctx, &types.EventPledgeWithdrawn{
		PoolId: p.Id, Amount: msg.Amount.String(), Pledged: amounts.Coin(p.IfilDenom, p.Pledged), Owed: amounts.Coin(p.IfilDenom, p.PledgeOwed),
	})
}

// DepositIncome splits the income: the miner's 20% never leaves the miner's account, the
// platform's 5% goes to the revenue ledger (source pool_share), the users' 75% (with the
// rounding units) to the pool's liquid balance.
func (m msgServer) DepositIncome(ctx context.Context, msg *types.MsgDepositIncome) (*types.MsgDepositIncomeResponse, error) {
	p, err := m.livePool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	miner, err := m.minerOf(p, msg.Miner)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("income", msg.Amount, p.IfilDenom); err != nil {
		return nil, err
	}
	if have := m.bankKeeper.SpendableCoin(ctx, miner, p.IfilDenom); have.Amount.LT(msg.Amount.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "income %s: the miner holds %s", msg.Amount, have)
	}
	toMiner, toPlatform, toUsers := types.Split(msg.Amount.Amount)
	if toPlatform.IsPositive() {
		if err := m.revenue.PayRevenueFromAccount(ctx, modaccounts.SourcePoolShare, miner, sdk.NewCoin(p.IfilDenom, toPlatform)); err != nil {
			return nil, err
		}
	}
	if toUsers.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, miner, types.ModuleName, sdk.NewCoins(sdk.NewCoin(p.IfilDenom, toUsers))); err != nil {
			return nil, err
		}
	}
	sctx := sdk.UnwrapSDKContext(ctx)
	in := types.Income{
		PoolId: p.Id, Seq: p.NextIncomeSeq, Amount: msg.Amount.Amount, Miner: toMiner, Platform: toPlatform, Users: toUsers,
		Time: blockTime(ctx), Height: sctx.BlockHeight(),
	}
	p.NextIncomeSeq++
	p.Income = p.Income.Add(msg.Amount.Amount)
	p.Liquid = p.Liquid.Add(toUsers)
	if err := m.Incomes.Set(ctx, collections.Join(p.Id, in.Seq), in); err != nil {
		return nil, err
	}
	if err := m.Pools.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.schedulePay(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgDepositIncomeResponse{Income: in}, m.emit(ctx, &types.EventIncomeDeposited{
		PoolId: p.Id, Seq: in.Seq, Amount: msg.Amount.String(), Miner: amounts.Coin(p.IfilDenom, toMiner),
		Platform: amounts.Coin(p.IfilDenom, toPlatform), Users: amounts.Coin(p.IfilDenom, toUsers),
	})
}
