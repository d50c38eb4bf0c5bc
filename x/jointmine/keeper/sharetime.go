package keeper

import (
	"context"
	"errors"
	"math/big"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// Share-time is internal/rewards with time as the reward: every whole second of a pool's life
// (from approval to its term end) is spread over the dToken supply of that second, so st_index
// grows by dt·TimeUnit·Precision/supply and a holder's scaled share-time grows by
// shares·Δindex, settled on every change of its shares (O(1)). Summed over the holders it is
// st_seconds·TimeUnit·Precision − st_residual (what Accrue carries) − st_forfeited (what
// redemptions gave up): ShareTimeTotal, the denominator of the maturity payout.
//
// TimeUnit (10^18 per second) keeps the index fine against 18-decimal supplies: with seconds
// alone an index step of dt·10^27/10^20 would round away a part in 10^7 of each holder's time.
// No product overflows: shares·Δindex is at most dt·TimeUnit·Precision (a holder's shares are
// within the supply it was spread over), and the payout's fund × share-time goes through mulDiv.

// TimeUnit is the share-time one second is worth (before Precision).
var TimeUnit = math.NewIntWithDecimal(1, 18)

// mulDiv is a·b/c rounded down, exact in arbitrary precision (a·b may pass 256 bits); the result
// must fit math.Int.
func mulDiv(a, b, c math.Int) (math.Int, error) {
	q := new(big.Int).Mul(a.BigInt(), b.BigInt())
	q.Quo(q, c.BigInt())
	if q.BitLen() > math.MaxBitLen {
		return math.Int{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s × %s / %s is out of range", a, b, c)
	}
	return math.NewIntFromBigInt(q), nil
}

// accrue brings a pool's share-time up to the block time, never past its term end.
func accrue(p *types.Pool, now time.Time) {
	if !p.Approved() {
		return
	}
	t := now
	if p.TermEnd.Before(t) {
		t = p.TermEnd
	}
	if !t.After(p.StUpdated) {
		return
	}
	dt := uint64(t.Sub(p.StUpdated) / time.Second) //nolint:gosec // t is after st_updated
	if dt == 0 {
		return
	}
	if p.Supply.IsPositive() {
		p.StIndex, p.StResidual = rewards.Accrue(p.StIndex, p.StResidual, math.NewIntFromUint64(dt).Mul(TimeUnit), p.Supply)
		p.StSeconds += dt
	}
	p.StUpdated = p.StUpdated.Add(time.Duration(dt) * time.Second) //nolint:gosec // dt is at most a term (3,650 days)
}

// ShareTimeTotal is the scaled share-time of all holders together.
func ShareTimeTotal(p types.Pool) math.Int {
	t := math.NewIntFromUint64(p.StSeconds).Mul(TimeUnit).Mul(rewards.Precision).Sub(p.StResidual).Sub(p.StForfeited)
	if t.IsNegative() {
		return math.ZeroInt()
	}
	return t
}

// settleHolder brings a holder's share-time up to the pool's index.
func settleHolder(p types.Pool, h *types.Holder) {
	h.StOwed = rewards.Settle(h.Shares, h.StEntry, p.StIndex, h.StOwed)
	h.StEntry = p.StIndex
}

// MaturityDue is what a holder may still receive of the pool's maturity fund: its part
// fund × share-time / total (rounded down, in the pool's favour) less what it received.
func MaturityDue(p types.Pool, h types.Holder) math.Int {
	total := ShareTimeTotal(p)
	if !total.IsPositive() || !p.MaturityFund.IsPositive() {
		return math.ZeroInt()
	}
	owed := rewards.Settle(h.Shares, h.StEntry, p.StIndex, h.StOwed)
	part, err := mulDiv(p.MaturityFund, owed, total)
	if err != nil { // owed <= total: cannot happen
		return math.ZeroInt()
	}
	due := part.Sub(h.MaturityPaid)
	if due.IsNegative() {
		return math.ZeroInt()
	}
	return due
}

func newHolder(poolID uint64, addr string, p types.Pool) types.Holder {
	return types.Holder{PoolId: poolID, Address: addr, Shares: math.ZeroInt(), StEntry: p.StIndex, StOwed: math.ZeroInt(), MaturityPaid: math.ZeroInt()}
}

// holder returns an account's position in a pool, a fresh one at the pool's index if none.
func (k Keeper) holder(ctx context.Context, p types.Pool, addr sdk.AccAddress) (types.Holder, error) {
	h, err := k.Holders.Get(ctx, collections.Join(p.Id, addr))
	if errors.Is(err, collections.ErrNotFound) {
		s, err := k.addressCodec.BytesToString(addr)
		return newHolder(p.Id, s, p), err
	}
	return h, err
}

// saveHolder stores a position, or deletes it once it holds nothing and is owed nothing.
func (k Keeper) saveHolder(ctx context.Context, addr sdk.AccAddress, h types.Holder) error {
	key := collections.Join(h.PoolId, addr)
	if h.Shares.IsZero() && h.StOwed.IsZero() && h.MaturityPaid.IsZero() {
		return k.Holders.Remove(ctx, key)
	}
	return k.Holders.Set(ctx, key, h)
}

// addShares settles an account and adds delta (negative: removes) to its shares; the pool must
// be accrued to now.
func (k Keeper) addShares(ctx context.Context, p types.Pool, addr sdk.AccAddress, delta math.Int) (types.Holder, error) {
	h, err := k.holder(ctx, p, addr)
	if err != nil {
		return h, err
	}
	settleHolder(p, &h)
	h.Shares = h.Shares.Add(delta)
	return h, k.saveHolder(ctx, addr, h)
}

// SendRestriction is x/bank's send restriction for dToken (app wiring appends it): a transfer
// of a pool's dToken between two accounts moves its beneficial shares, so from then on its
// share-time accrues to the recipient. Sends to and from this module (mints, redemptions) are
// booked by the keeper itself; sends to and from x/dmc's farm stake account (stake, unstake to
// the same staker) move nothing, so staked dToken keeps accruing to its staker. It never fails
// a send: the bank checks the balance itself, and an internal error is logged with an event
// (dmex_block_hook_failed, hook "send_restriction") and the send goes on.
func (k Keeper) SendRestriction(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	if from.Equals(to) {
		return to, nil
	}
	var mod, stake sdk.AccAddress
	for _, c := range amt {
		id, ok := types.ParsePoolDenom(c.Denom)
		if !ok || !c.Amount.IsPositive() {
			continue
		}
		if mod == nil {
			mod, stake = k.moduleAddr(), k.authKeeper.GetModuleAddress(modaccounts.DmcStake)
		}
		if from.Equals(mod) || to.Equals(mod) || from.Equals(stake) || to.Equals(stake) {
			continue
		}
		sctx := sdk.UnwrapSDKContext(ctx)
		runSafely(sctx, "send_restriction", func(c2 sdk.Context) error { return k.moveShares(c2, id, from, to, c.Amount) })
	}
	return to, nil
}

// moveShares moves shares of pool id from one account's position to another's, after settling
// both. A send the bank will refuse (the sender's spendable balance is short) moves nothing.
func (k Keeper) moveShares(ctx context.Context, id uint64, from, to sdk.AccAddress, amount math.Int) error {
	if k.bankKeeper.SpendableCoin(ctx, from, types.PoolDenom(id)).Amount.LT(amount) {
		return nil
	}
	p, err := k.getPool(ctx, id)
	if err != nil {
		return err
	}
	accrue(&p, blockTime(ctx))
	if err := k.Pools.Set(ctx, p.Id, p); err != nil {
		return err
	}
	hf, err := k.holder(ctx, p, from)
	if err != nil {
		return err
	}
	if hf.Shares.LT(amount) {
		// Cannot happen while every path into an account is booked; move what is booked.
		sdk.UnwrapSDKContext(ctx).Logger().Error("jointmine: dToken sent above the sender's booked shares", "pool", id, "from", hf.Address, "shares", hf.Shares, "amount", amount)
		amount = hf.Shares
	}
	if _, err := k.addShares(ctx, p, from, amount.Neg()); err != nil {
		return err
	}
	ht, err := k.addShares(ctx, p, to, amount)
	if err != nil {
		return err
	}
	return k.emit(ctx, &types.EventShareTimeMoved{PoolId: id, From: hf.Address, To: ht.Address, Shares: amounts.Coin(p.Denom, amount)})
}
