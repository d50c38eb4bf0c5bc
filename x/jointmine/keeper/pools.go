package keeper

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

const (
	maxNodeIDLength = 64
	maxReasonLength = 512
)

func validNodeID(s string) bool {
	if s == "" || len(s) > maxNodeIDLength {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || (!unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.') {
			return false
		}
	}
	return true
}

func (m msgServer) ApplyPool(ctx context.Context, msg *types.MsgApplyPool) (*types.MsgApplyPoolResponse, error) {
	miner, minerStr, err := m.addr("miner", msg.Miner)
	if err != nil {
		return nil, err
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !validNodeID(msg.NodeId) {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "node id %q: 1 to %d ASCII letters, digits, '-', '_' or '.'", msg.NodeId, maxNodeIDLength)
	}
	if msg.TargetTib == 0 || msg.TargetTib > p.MaxTargetTib {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "target %d TiB: a pool targets 1 to %d TiB", msg.TargetTib, p.MaxTargetTib)
	}
	if strings.TrimSpace(msg.Disclosure) == "" || len(msg.Disclosure) > int(p.MaxDisclosureLength) {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "disclosure of %d bytes: it must say something, in at most %d bytes", len(msg.Disclosure), p.MaxDisclosureLength)
	}
	if err := checkAmount("deposit", msg.Deposit, p.ApplicationDeposit.Denom); err != nil {
		return nil, err
	}
	if msg.Deposit.Amount.LT(p.ApplicationDeposit.Amount) {
		return nil, errorsmod.Wrapf(types.ErrBelowMinimum, "deposit %s below the application deposit %s", msg.Deposit, p.ApplicationDeposit)
	}
	if other, err := m.PoolByNode.Get(ctx, msg.NodeId); err == nil {
		return nil, errorsmod.Wrapf(types.ErrNodeTaken, "node %s already has pool %d: one pool per node", msg.NodeId, other)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if err := m.checkNodeOwner(ctx, msg.NodeId, minerStr); err != nil {
		return nil, err
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, miner, types.ModuleName, sdk.NewCoins(msg.Deposit)); err != nil {
		return nil, errorsmod.Wrapf(err, "application deposit %s", msg.Deposit)
	}
	id, err := m.NextPoolID.Next(ctx)
	if err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	zero := math.ZeroInt()
	pool := types.Pool{
		Id: id, Miner: minerStr, NodeId: msg.NodeId, TargetTib: msg.TargetTib, Disclosure: msg.Disclosure, Deposit: msg.Deposit,
		Status: types.PoolStatus_POOL_STATUS_PENDING, Denom: types.PoolDenom(id), SubmittedAt: now, ExpiresAt: now.Add(p.ApplicationTtl),
		Cap: p.Cap(msg.TargetTib), GenesisDeposited: zero, Pledged: zero, PledgeOwed: zero, Liquid: zero, Queued: zero, Supply: zero,
		Income: zero, StIndex: zero, StResidual: zero, StForfeited: zero, MaturityFund: zero, MaturityPaid: zero, Returned: zero, Compensated: zero,
	}
	if err := m.Pools.Set(ctx, id, pool); err != nil {
		return nil, err
	}
	if err := m.PoolByNode.Set(ctx, msg.NodeId, id); err != nil {
		return nil, err
	}
	if err := m.ApplicationQueue.Push(ctx, pool.ExpiresAt, id); err != nil {
		return nil, err
	}
	return &types.MsgApplyPoolResponse{PoolId: id}, m.emit(ctx, &types.EventPoolApplied{
		PoolId: id, Miner: minerStr, NodeId: msg.NodeId, TargetTib: msg.TargetTib, Cap: amounts.Coin(p.IfilDenom, pool.Cap), Deposit: msg.Deposit.String(),
	})
}

// filecoin is the chain of joint-mining nodes (x/oracle's name for it).
const filecoin = "FIL"

// checkNodeOwner refuses a node x/oracle attests as another account's: nobody holds a node's one
// pool against its owner. A node the oracle has no owner for is left to the council's decision.
func (k Keeper) checkNodeOwner(ctx context.Context, node, miner string) error {
	if k.nodes == nil {
		return nil
	}
	owner, day, found, covered := k.nodes.NodeOwner(ctx, filecoin, node)
	if !covered || !found || owner == "" {
		return nil
	}
	// Both are canonical bech32 (the oracle's attested owner, the miner as parsed or stored).
	if owner != miner {
		return errorsmod.Wrapf(types.ErrNotNodeOwner, "node %s is owned by %s (oracle, day %d), not %s", node, owner, day, miner)
	}
	return nil
}

// pending returns a pool application still waiting for a decision.
func (k Keeper) pending(ctx context.Context, id uint64) (types.Pool, error) {
	p, err := k.getPool(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Status != types.PoolStatus_POOL_STATUS_PENDING {
		return p, errorsmod.Wrapf(types.ErrPoolNotPending, "pool %d is already %s", id, types.PeriodName(p.Status))
	}
	return p, nil
}

func (m msgServer) ApprovePool(ctx context.Context, msg *types.MsgApprovePool) (*types.MsgApprovePoolResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	pool, err := m.pending(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	miner, err := m.addressCodec.StringToBytes(pool.Miner)
	if err != nil {
		return nil, err
	}
	// The owner may have changed since the application.
	if err := m.checkNodeOwner(ctx, pool.NodeId, pool.Miner); err != nil {
		return nil, err
	}
	if err := m.ApplicationQueue.Remove(ctx, pool.ExpiresAt, pool.Id); err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	pool.ApprovedAt = now
	pool.TermEnd = now.Add(time.Duration(p.TermDays) * p.Day())
	pool.GraceEnd = pool.TermEnd.Add(time.Duration(p.GraceDays) * p.Day())
	pool.StUpdated = now
	pool.IfilDenom = p.IfilDenom
	if err := m.setStatus(ctx, &pool, types.PoolStatus_POOL_STATUS_GENESIS); err != nil {
		return nil, err
	}
	if err := m.pay(ctx, miner, pool.Deposit); err != nil {
		return nil, err
	}
	if err := m.Pools.Set(ctx, pool.Id, pool); err != nil {
		return nil, err
	}
	if err := m.TermQueue.Push(ctx, pool.TermEnd, pool.Id); err != nil {
		return nil, err
	}
	return &types.MsgApprovePoolResponse{}, m.emit(ctx, &types.EventPoolApproved{
		PoolId: pool.Id, Denom: pool.Denom, TermEnd: pool.TermEnd.Format(timeFormat), Refund: pool.Deposit.String(),
	})
}

func (m msgServer) RejectPool(ctx context.Context, msg *types.MsgRejectPool) (*types.MsgRejectPoolResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if len(msg.Reason) > maxReasonLength {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "reason of %d bytes, at most %d", len(msg.Reason), maxReasonLength)
	}
	pool, err := m.pending(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if err := m.close(ctx, &pool, types.PoolStatus_POOL_STATUS_REJECTED); err != nil {
		return nil, err
	}
	if pool.Deposit.IsPositive() {
		if err := m.riskFund.DepositFromModule(ctx, types.ModuleName, sdk.NewCoins(pool.Deposit), "rejected_deposit:pool/"+strconv.FormatUint(pool.Id, 10)); err != nil {
			return nil, err
		}
	}
	return &types.MsgRejectPoolResponse{}, m.emit(ctx, &types.EventPoolRejected{PoolId: pool.Id, Reason: msg.Reason, Forfeited: pool.Deposit.String()})
}

// close ends an application (rejected or expired): its node is free again.
func (k Keeper) close(ctx context.Context, pool *types.Pool, to types.PoolStatus) error {
	if err := k.ApplicationQueue.Remove(ctx, pool.ExpiresAt, pool.Id); err != nil {
		return err
	}
	if err := k.PoolByNode.Remove(ctx, pool.NodeId); err != nil {
		return err
	}
	if err := k.setStatus(ctx, pool, to); err != nil {
		return err
	}
	return k.Pools.Set(ctx, pool.Id, *pool)
}

// expire closes an application nobody decided by its expiry; the deposit returns to the miner.
func (k Keeper) expire(ctx context.Context, id uint64) error {
	pool, err := k.getPool(ctx, id)
	if err != nil || pool.Status != types.PoolStatus_POOL_STATUS_PENDING || blockTime(ctx).Before(pool.ExpiresAt) {
		return err
	}
	miner, err := k.addressCodec.StringToBytes(pool.Miner)
	if err != nil {
		return err
	}
	if err := k.close(ctx, &pool, types.PoolStatus_POOL_STATUS_EXPIRED); err != nil {
		return err
	}
	if err := k.pay(ctx, miner, pool.Deposit); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventPoolExpired{PoolId: id, Refund: pool.Deposit.String()})
}

// The governance side of pool applications, as x/hashnft's (x/dao's decisions of module
// "jointmine"): only an executed MsgApprovePool or MsgRejectPool, or the application's expiry,
// closes an application; a proposal that fails leaves it pending.

// GovernanceDecider is x/jointmine's daotypes.Decider: its items are pool applications.
func (k Keeper) GovernanceDecider() daotypes.Decider { return poolDecider{k: k} }

type poolDecider struct{ k Keeper }

var _ daotypes.Decider = poolDecider{}

// Decision reads MsgApprovePool and MsgRejectPool.
func (poolDecider) Decision(msg sdk.Msg) (daotypes.DecisionMsg, bool) {
	switch m := msg.(type) {
	case *types.MsgApprovePool:
		return daotypes.DecisionMsg{ItemID: m.PoolId, Authority: m.Authority, Approve: true}, true
	case *types.MsgRejectPool:
		return daotypes.DecisionMsg{ItemID: m.PoolId, Authority: m.Authority}, true
	}
	return daotypes.DecisionMsg{}, false
}

// ItemState says whether a pool application is pending, or approved.
func (d poolDecider) ItemState(ctx context.Context, id uint64) (pending, approved bool, err error) {
	p, err := d.k.getPool(ctx, id)
	if err != nil {
		return false, false, err
	}
	return p.Status == types.PoolStatus_POOL_STATUS_PENDING, p.Approved(), nil
}
