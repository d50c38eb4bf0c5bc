package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/types"
)

// GetPool is pool id (ErrPoolNotFound if there is none).
func (k Keeper) GetPool(ctx context.Context, id uint64) (types.Pool, error) {
	p, err := k.Pools.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return p, errorsmod.Wrapf(types.ErrPoolNotFound, "pool %d does not exist", id)
	}
	return p, err
}

// PoolOfPair is the pool of denoms x and y (in either order), if there is one.
func (k Keeper) PoolOfPair(ctx context.Context, x, y string) (types.Pool, bool, error) {
	a, b := types.OrderDenoms(x, y)
	id, err := k.PoolByPair.Get(ctx, collections.Join(a, b))
	if errors.Is(err, collections.ErrNotFound) {
		return types.Pool{}, false, nil
	}
	if err != nil {
		return types.Pool{}, false, err
	}
	p, err := k.GetPool(ctx, id)
	return p, err == nil, err
}

// PoolsOfDenom is the pools holding denom, by id: a walk of the PoolsByDenom prefix, so at most
// one pool per other denom (pools are unique per pair; at most MaxAcceptedDenoms-1 of them while
// the accepted denoms stay the same).
func (k Keeper) PoolsOfDenom(ctx context.Context, denom string) ([]types.Pool, error) {
	var out []types.Pool
	err := k.PoolsByDenom.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](denom),
		func(key collections.Pair[string, uint64]) (bool, error) {
			p, err := k.GetPool(ctx, key.K2())
			if err != nil {
				return true, err
			}
			out = append(out, p)
			return false, nil
		})
	return out, err
}

// setNewPool writes a pool with its pair and denom indexes.
func (k Keeper) setNewPool(ctx context.Context, p types.Pool) error {
	if err := k.Pools.Set(ctx, p.Id, p); err != nil {
		return err
	}
	if err := k.PoolByPair.Set(ctx, collections.Join(p.DenomA, p.DenomB), p.Id); err != nil {
		return err
	}
	if err := k.PoolsByDenom.Set(ctx, collections.Join(p.DenomA, p.Id)); err != nil {
		return err
	}
	return k.PoolsByDenom.Set(ctx, collections.Join(p.DenomB, p.Id))
}

// checkFunds refuses, before anything moves, a payment the payer's balance does not cover.
func (k Keeper) checkFunds(ctx context.Context, payer sdk.AccAddress, who string, need sdk.Coins) error {
	for _, c := range need {
		if have := k.bankKeeper.GetBalance(ctx, payer, c.Denom); have.Amount.LT(c.Amount) {
			return errorsmod.Wrapf(sdkerrors.ErrInsufficientFunds, "%s holds %s, needs %s", who, have, c)
		}
	}
	return nil
}

// nonNegOrZero reads an optional minimum (nil: 0); a negative one is refused.
func nonNegOrZero(what string, x math.Int) (math.Int, error) {
	if x.IsNil() {
		return math.ZeroInt(), nil
	}
	if x.IsNegative() {
		return x, errorsmod.Wrapf(types.ErrInvalidAmount, "%s %s is negative", what, x)
	}
	return x, nil
}

func checkCoin(what string, c sdk.Coin) error {
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%s denom %q: %v", what, c.Denom, err)
	}
	return types.CheckAmount(what+" "+c.Denom, c.Amount)
}

// createPool: two different accepted denoms, each a positive amount, no pool of the pair yet, a
// fee in the params' bounds (0: the default), and more than minimum_liquidity shares
// (floor(sqrt(a×b))). The creator pays both amounts into the amm account and the creation fee
// into platform revenue, and receives the shares above the locked minimum, which no one holds.
func (k Keeper) createPool(ctx context.Context, msg *types.MsgCreatePool) (*types.MsgCreatePoolResponse, error) {
	creator, creatorStr, err := k.addr("creator", msg.Creator)
	if err != nil {
		return nil, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	ta, tb := msg.TokenA, msg.TokenB
	if err := checkCoin("token_a", ta); err != nil {
		return nil, err
	}
	if err := checkCoin("token_b", tb); err != nil {
		return nil, err
	}
	if ta.Denom == tb.Denom {
		return nil, errorsmod.Wrapf(types.ErrSameDenom, "both tokens are %s", ta.Denom)
	}
	for _, d := range []string{ta.Denom, tb.Denom} {
		if !p.Accepts(d) {
			return nil, errorsmod.Wrapf(types.ErrDenomNotAccepted, "%s is not one of the accepted denoms %v", d, p.AcceptedDenoms)
		}
	}
	if tb.Denom < ta.Denom {
		ta, tb = tb, ta
	}
	if existing, found, err := k.PoolOfPair(ctx, ta.Denom, tb.Denom); err != nil {
		return nil, err
	} else if found {
		return nil, errorsmod.Wrapf(types.ErrPoolExists, "pool %d holds %s and %s (one pool per pair)", existing.Id, ta.Denom, tb.Denom)
	}
	feeBps := msg.SwapFeeBps
	if feeBps == 0 {
		feeBps = p.DefaultSwapFeeBps
	}
	if feeBps < p.MinSwapFeeBps || feeBps > p.MaxSwapFeeBps {
		return nil, errorsmod.Wrapf(types.ErrInvalidSwapFee, "swap fee %d bps: want %d to %d", feeBps, p.MinSwapFeeBps, p.MaxSwapFeeBps)
	}
	shares := types.InitialShares(ta.Amount, tb.Amount)
	if !shares.GT(p.MinimumLiquidity) {
		return nil, errorsmod.Wrapf(types.ErrLiquidityTooLow, "%s and %s make %s shares (floor(sqrt(a×b))), not more than the %s locked for ever",
			ta, tb, shares, p.MinimumLiquidity)
	}
	deposit := sdk.NewCoins(ta, tb)
	need := deposit
	if p.PoolCreationFee.IsPositive() {
		need = need.Add(p.PoolCreationFee)
	}
	if err := k.checkFunds(ctx, creator, "creator "+creatorStr, need); err != nil {
		return nil, err
	}

	id, err := k.NextPoolID.Next(ctx)
	if err != nil {
		return nil, err
	}
	pool := types.Pool{
		Id: id, DenomA: ta.Denom, DenomB: tb.Denom, ReserveA: ta.Amount, ReserveB: tb.Amount,
		Shares: shares, LockedShares: p.MinimumLiquidity, SwapFeeBps: feeBps, Creator: creatorStr,
		CreatedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, creator, types.ModuleName, deposit); err != nil {
		return nil, err
	}
	if p.PoolCreationFee.IsPositive() {
		if err := k.revenue.PayRevenueFromAccount(ctx, modaccounts.SourcePoolCreationFee, creator, p.PoolCreationFee); err != nil {
			return nil, err
		}
	}
	out := sdk.NewCoin(types.ShareDenom(id), shares.Sub(pool.LockedShares))
	if err := k.mintShares(ctx, creator, out); err != nil {
		return nil, err
	}
	if err := k.setNewPool(ctx, pool); err != nil {
		return nil, err
	}
	if err := k.startTwap(ctx, pool); err != nil {
		return nil, err
	}
	fee := amounts.Coin(p.PoolCreationFee.Denom, p.PoolCreationFee.Amount)
	return &types.MsgCreatePoolResponse{PoolId: id, Shares: out}, k.emit(ctx, &types.EventPoolCreated{
		PoolId: id, Creator: creatorStr, TokenA: ta.String(), TokenB: tb.String(), Shares: out.String(),
		Locked: amounts.Coin(out.Denom, pool.LockedShares), SwapFeeBps: feeBps, CreationFee: fee,
	})
}

func (k Keeper) mintShares(ctx context.Context, to sdk.AccAddress, c sdk.Coin) error {
	if err := k.bankKeeper.MintCoins(ctx, types.ModuleName, sdk.NewCoins(c)); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, sdk.NewCoins(c))
}

// inPoolDenom refuses a coin that is not of the pool's denom want.
func inPoolDenom(what string, c sdk.Coin, pool types.Pool, want string) error {
	if c.Denom != want {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%s is %q; pool %d's %s is %s (pool of %s and %s)",
			what, c.Denom, pool.Id, what, want, pool.DenomA, pool.DenomB)
	}
	return types.CheckAmount(what+" "+c.Denom, c.Amount)
}

// joinPool adds liquidity at the pool's ratio: the most shares max_a and max_b buy
// (types.SharesForJoin, rounded in the pool's favour), at least min_shares and never zero.
func (k Keeper) joinPool(ctx context.Context, msg *types.MsgJoinPool) (*types.MsgJoinPoolResponse, error) {
	sender, senderStr, err := k.addr("sender", msg.Sender)
	if err != nil {
		return nil, err
	}
	pool, err := k.GetPool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	if err := inPoolDenom("max_a", msg.MaxA, pool, pool.DenomA); err != nil {
		return nil, err
	}
	if err := inPoolDenom("max_b", msg.MaxB, pool, pool.DenomB); err != nil {
		return nil, err
	}
	minShares, err := nonNegOrZero("min_shares", msg.MinShares)
	if err != nil {
		return nil, err
	}
	shares, paidA, paidB := types.SharesForJoin(pool.ReserveA, pool.ReserveB, pool.Shares, msg.MaxA.Amount, msg.MaxB.Amount)
	shareDenom := types.ShareDenom(pool.Id)
	if !shares.IsPositive() || shares.LT(minShares) {
		return nil, errorsmod.Wrapf(types.ErrMinSharesNotMet, "%s and %s buy %s, below the minimum %s (pool %d: %s%s, %s%s for %s shares)",
			msg.MaxA, msg.MaxB, amounts.Coin(shareDenom, shares), amounts.Coin(shareDenom, minShares),
			pool.Id, pool.ReserveA, pool.DenomA, pool.ReserveB, pool.DenomB, pool.Shares)
	}
	newA, newB, newS := pool.ReserveA.Add(paidA), pool.ReserveB.Add(paidB), pool.Shares.Add(shares)
	if newA.GT(types.MaxAmount) || newB.GT(types.MaxAmount) || newS.GT(types.MaxAmount) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "pool %d would hold %s%s and %s%s for %s shares: above 2^128-1",
			pool.Id, newA, pool.DenomA, newB, pool.DenomB, newS)
	}
	paid := sdk.NewCoins(sdk.NewCoin(pool.DenomA, paidA), sdk.NewCoin(pool.DenomB, paidB))
	if err := k.checkFunds(ctx, sender, "sender "+senderStr, paid); err != nil {
		return nil, err
	}

	if err := k.touchPool(ctx, pool); err != nil {
		return nil, err
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, sender, types.ModuleName, paid); err != nil {
		return nil, err
	}
	out := sdk.NewCoin(shareDenom, shares)
	if err := k.mintShares(ctx, sender, out); err != nil {
		return nil, err
	}
	pool.ReserveA, pool.ReserveB, pool.Shares = newA, newB, newS
	if err := k.Pools.Set(ctx, pool.Id, pool); err != nil {
		return nil, err
	}
	return &types.MsgJoinPoolResponse{Shares: out, Paid: paid}, k.emit(ctx, &types.EventPoolJoined{
		PoolId: pool.Id, Sender: senderStr, PaidA: amounts.Coin(pool.DenomA, paidA), PaidB: amounts.Coin(pool.DenomB, paidB),
		Shares: out.String(),
	})
}

// exitPool burns shares for the pool's coins at its ratio (types.CoinsForExit, rounded down): at
// most the shares the sender holds, at least min_a and min_b out, something out, and never a
// reserve emptied (the locked shares keep a part of each reserve in the pool for ever).
func (k Keeper) exitPool(ctx context.Context, msg *types.MsgExitPool) (*types.MsgExitPoolResponse, error) {
	sender, senderStr, err := k.addr("sender", msg.Sender)
	if err != nil {
		return nil, err
	}
	pool, err := k.GetPool(ctx, msg.PoolId)
	if err != nil {
		return nil, err
	}
	shareDenom := types.ShareDenom(pool.Id)
	if err := types.CheckAmount("shares", msg.Shares); err != nil {
		return nil, err
	}
	minA, err := nonNegOrZero("min_a", msg.MinA)
	if err != nil {
		return nil, err
	}
	minB, err := nonNegOrZero("min_b", msg.MinB)
	if err != nil {
		return nil, err
	}
	held := k.bankKeeper.GetBalance(ctx, sender, shareDenom)
	if held.Amount.LT(msg.Shares) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientShares, "%s holds %s, exits %s", senderStr, held, amounts.Coin(shareDenom, msg.Shares))
	}
	if free := pool.Shares.Sub(pool.LockedShares); free.LT(msg.Shares) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientShares, "pool %d has %s unlocked shares, exit of %s", pool.Id, free, msg.Shares)
	}
	outA, outB := types.CoinsForExit(pool.ReserveA, pool.ReserveB, pool.Shares, msg.Shares)
	for _, o := range []struct {
		denom    string
		out, min math.Int
	}{{pool.DenomA, outA, minA}, {pool.DenomB, outB, minB}} {
		if o.out.LT(o.min) {
			return nil, errorsmod.Wrapf(types.ErrMinOutNotMet, "exit of %s pays %s, below the minimum %s",
				amounts.Coin(shareDenom, msg.Shares), amounts.Coin(o.denom, o.out), amounts.Coin(o.denom, o.min))
		}
	}
	if outA.IsZero() && outB.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "exit of %s pays nothing", amounts.Coin(shareDenom, msg.Shares))
	}
	if !outA.LT(pool.ReserveA) || !outB.LT(pool.ReserveB) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientLiquidity, "exit of %s would empty pool %d", amounts.Coin(shareDenom, msg.Shares), pool.Id)
	}

	if err := k.touchPool(ctx, pool); err != nil {
		return nil, err
	}
	burn := sdk.NewCoins(sdk.NewCoin(shareDenom, msg.Shares))
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, sender, types.ModuleName, burn); err != nil {
		return nil, err
	}
	if err := k.bankKeeper.BurnCoins(ctx, types.ModuleName, burn); err != nil {
		return nil, err
	}
	out := sdk.NewCoins(sdk.NewCoin(pool.DenomA, outA), sdk.NewCoin(pool.DenomB, outB))
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, sender, out); err != nil {
		return nil, err
	}
	pool.ReserveA, pool.ReserveB, pool.Shares = pool.ReserveA.Sub(outA), pool.ReserveB.Sub(outB), pool.Shares.Sub(msg.Shares)
	if err := k.Pools.Set(ctx, pool.Id, pool); err != nil {
		return nil, err
	}
	return &types.MsgExitPoolResponse{Out: out}, k.emit(ctx, &types.EventPoolExited{
		PoolId: pool.Id, Sender: senderStr, Shares: burn.String(),
		OutA: amounts.Coin(pool.DenomA, outA), OutB: amounts.Coin(pool.DenomB, outB),
	})
}
