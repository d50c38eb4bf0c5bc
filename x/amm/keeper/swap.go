package keeper

import (
	"context"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/types"
)

// hop is one planned step of a swap: in (fee included) goes into the pool in denomIn, out comes
// out in denomOut; fee is the swap fee taken from in, of which protocol goes to revenue.
type hop struct {
	pool              types.Pool
	denomIn, denomOut string
	in, out           math.Int
	fee, protocol     math.Int
}

// party is who pays a swap's input and receives its output: an account or a module account.
type party struct {
	addr   sdk.AccAddress
	module string // "" for an account
	name   string // the bech32 address, for errors and events
}

// routePools checks a route from denomIn: 1 to MaxRouteHops hops, each pool existing, holding
// the denom that comes out of the hop before and the hop's denom_out (the pool's other denom),
// no pool twice. It returns the pools and each hop's denom in.
func (k Keeper) routePools(ctx context.Context, route []types.SwapHop, denomIn string) ([]types.Pool, []string, error) {
	if len(route) == 0 || len(route) > types.MaxRouteHops {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidRoute, "%d hops: want 1 to %d", len(route), types.MaxRouteHops)
	}
	pools := make([]types.Pool, len(route))
	ins := make([]string, len(route))
	cur := denomIn
	for i, h := range route {
		for _, prev := range pools[:i] {
			if prev.Id == h.PoolId {
				return nil, nil, errorsmod.Wrapf(types.ErrInvalidRoute, "pool %d appears twice in the route", h.PoolId)
			}
		}
		p, err := k.GetPool(ctx, h.PoolId)
		if err != nil {
			return nil, nil, errorsmod.Wrapf(types.ErrInvalidRoute, "hop %d: %v", i+1, err)
		}
		if !holds(p, cur) || !holds(p, h.DenomOut) || cur == h.DenomOut {
			return nil, nil, errorsmod.Wrapf(types.ErrInvalidRoute, "hop %d does not connect: pool %d holds %s and %s, the route brings %s and wants %s out",
				i+1, p.Id, p.DenomA, p.DenomB, cur, h.DenomOut)
		}
		pools[i], ins[i] = p, cur
		cur = h.DenomOut
	}
	return pools, ins, nil
}

func holds(p types.Pool, denom string) bool { return denom == p.DenomA || denom == p.DenomB }

// reserves are a pool's reserves of (in, out).
func reserves(p types.Pool, denomIn string) (math.Int, math.Int) {
	if denomIn == p.DenomA {
		return p.ReserveA, p.ReserveB
	}
	return p.ReserveB, p.ReserveA
}

// planExactIn is every hop of an exact-in swap of tokenIn over route, on the current reserves.
func (k Keeper) planExactIn(ctx context.Context, route []types.SwapHop, tokenIn sdk.Coin) ([]hop, error) {
	if err := checkCoin("token_in", tokenIn); err != nil {
		return nil, err
	}
	pools, ins, err := k.routePools(ctx, route, tokenIn.Denom)
	if err != nil {
		return nil, err
	}
	protocolBps, err := k.protocolBps(ctx)
	if err != nil {
		return nil, err
	}
	plan := make([]hop, len(route))
	amt := tokenIn.Amount
	for i, p := range pools {
		rin, rout := reserves(p, ins[i])
		out, fee, err := types.OutGivenIn(rin, rout, amt, p.SwapFeeBps)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "hop %d (pool %d)", i+1, p.Id)
		}
		plan[i] = hop{pool: p, denomIn: ins[i], denomOut: route[i].DenomOut, in: amt, out: out, fee: fee, protocol: types.ProtocolFee(fee, protocolBps)}
		amt = out
	}
	return plan, nil
}

// planExactOut is every hop of an exact-out swap for tokenOut over route from denomIn: computed
// backward from tokenOut, each hop taking what pays exactly the next hop's input.
func (k Keeper) planExactOut(ctx context.Context, route []types.SwapHop, denomIn string, tokenOut sdk.Coin) ([]hop, error) {
	if err := checkCoin("token_out", tokenOut); err != nil {
		return nil, err
	}
	pools, ins, err := k.routePools(ctx, route, denomIn)
	if err != nil {
		return nil, err
	}
	if last := route[len(route)-1].DenomOut; last != tokenOut.Denom {
		return nil, errorsmod.Wrapf(types.ErrInvalidRoute, "the route ends in %s, token_out is %s", last, tokenOut)
	}
	protocolBps, err := k.protocolBps(ctx)
	if err != nil {
		return nil, err
	}
	plan := make([]hop, len(route))
	amt := tokenOut.Amount
	for i := len(pools) - 1; i >= 0; i-- {
		p := pools[i]
		rin, rout := reserves(p, ins[i])
		in, fee, err := types.InGivenOut(rin, rout, amt, p.SwapFeeBps)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "hop %d (pool %d)", i+1, p.Id)
		}
		plan[i] = hop{pool: p, denomIn: ins[i], denomOut: route[i].DenomOut, in: in, out: amt, fee: fee, protocol: types.ProtocolFee(fee, protocolBps)}
		amt = in
	}
	return plan, nil
}

func (k Keeper) protocolBps(ctx context.Context) (uint32, error) {
	p, err := k.Params.Get(ctx)
	return p.ProtocolFeeBps, err
}

// execute carries out a plan: who pays the first hop's input into the amm account; each pool
// takes its input less the protocol's part of its fee (paid from the amm account into platform
// revenue) and pays its output; the last output goes to who. Each pool is touched (its price
// record) before its reserves change.
func (k Keeper) execute(ctx context.Context, who party, plan []hop) error {
	in := sdk.NewCoins(sdk.NewCoin(plan[0].denomIn, plan[0].in))
	if who.module == "" {
		if err := k.checkFunds(ctx, who.addr, "sender "+who.name, in); err != nil {
			return err
		}
		if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, who.addr, types.ModuleName, in); err != nil {
			return err
		}
	} else {
		if err := k.checkFunds(ctx, who.addr, "module "+who.module, in); err != nil {
			return err
		}
		if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, who.module, types.ModuleName, in); err != nil {
			return err
		}
	}
	for _, h := range plan {
		p := h.pool
		if err := k.touchPool(ctx, p); err != nil {
			return err
		}
		kept := h.in.Sub(h.protocol)
		if h.denomIn == p.DenomA {
			p.ReserveA, p.ReserveB = p.ReserveA.Add(kept), p.ReserveB.Sub(h.out)
		} else {
			p.ReserveB, p.ReserveA = p.ReserveB.Add(kept), p.ReserveA.Sub(h.out)
		}
		if err := k.Pools.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if h.protocol.IsPositive() {
			if err := k.revenue.PayRevenueFromModule(ctx, modaccounts.SourceSwapFee, types.ModuleName, sdk.NewCoin(h.denomIn, h.protocol)); err != nil {
				return err
			}
		}
		if err := k.emit(ctx, &types.EventSwap{
			PoolId: p.Id, Sender: who.name, TokenIn: amounts.Coin(h.denomIn, h.in), TokenOut: amounts.Coin(h.denomOut, h.out),
			Fee: amounts.Coin(h.denomIn, h.fee), ProtocolFee: amounts.Coin(h.denomIn, h.protocol),
			ReserveA: amounts.Coin(p.DenomA, p.ReserveA), ReserveB: amounts.Coin(p.DenomB, p.ReserveB),
		}); err != nil {
			return err
		}
	}
	last := plan[len(plan)-1]
	out := sdk.NewCoins(sdk.NewCoin(last.denomOut, last.out))
	if who.module == "" {
		return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, who.addr, out)
	}
	return k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, who.module, out)
}

// checkDeadline refuses a swap in a block after its deadline.
func checkDeadline(ctx context.Context, deadline *time.Time) error {
	if deadline == nil {
		return nil
	}
	if now := sdk.UnwrapSDKContext(ctx).BlockTime(); now.After(*deadline) {
		return errorsmod.Wrapf(types.ErrDeadlinePassed, "block time %s is after the deadline %s", now.Format(time.RFC3339Nano), deadline.Format(time.RFC3339Nano))
	}
	return nil
}

// swapExactIn plans, checks the minimum out, then executes: nothing moves on a refusal.
func (k Keeper) swapExactIn(ctx context.Context, who party, route []types.SwapHop, tokenIn sdk.Coin, minOut math.Int) (sdk.Coin, error) {
	minOut, err := nonNegOrZero("min_out", minOut)
	if err != nil {
		return sdk.Coin{}, err
	}
	plan, err := k.planExactIn(ctx, route, tokenIn)
	if err != nil {
		return sdk.Coin{}, err
	}
	last := plan[len(plan)-1]
	out := sdk.NewCoin(last.denomOut, last.out)
	if out.Amount.LT(minOut) {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrMinOutNotMet, "out %s below the minimum %s: %s %s per %s",
			out, amounts.Coin(out.Denom, minOut), FormatPrice(ratio(out.Amount, tokenIn.Amount)), out.Denom, tokenIn.Denom)
	}
	if err := k.execute(ctx, who, plan); err != nil {
		return sdk.Coin{}, err
	}
	return out, nil
}

// swapExactOut plans backward, checks the maximum in, then executes.
func (k Keeper) swapExactOut(ctx context.Context, who party, route []types.SwapHop, denomIn string, maxIn math.Int, tokenOut sdk.Coin) (sdk.Coin, error) {
	if err := sdk.ValidateDenom(denomIn); err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidDenom, "denom_in %q: %v", denomIn, err)
	}
	if err := types.CheckAmount("max_in", maxIn); err != nil {
		return sdk.Coin{}, err
	}
	plan, err := k.planExactOut(ctx, route, denomIn, tokenOut)
	if err != nil {
		return sdk.Coin{}, err
	}
	in := sdk.NewCoin(denomIn, plan[0].in)
	if in.Amount.GT(maxIn) {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrMaxInExceeded, "in %s above the maximum %s for %s: %s %s per %s",
			in, amounts.Coin(denomIn, maxIn), tokenOut, FormatPrice(ratio(in.Amount, tokenOut.Amount)), denomIn, tokenOut.Denom)
	}
	if err := k.execute(ctx, who, plan); err != nil {
		return sdk.Coin{}, err
	}
	return in, nil
}

// SwapExactInFromModule is MsgSwapExactIn's path for a module account (the buyback's): tokenIn
// from module, the output to module; ErrMinOutNotMet (nothing moved) when it pays less than
// minOut. module must be a module account other than the amm's own.
func (k Keeper) SwapExactInFromModule(ctx context.Context, module string, route []types.SwapHop, tokenIn sdk.Coin, minOut math.Int) (sdk.Coin, error) {
	if module == types.ModuleName {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidAddress, "the %s account cannot swap with its own pools", module)
	}
	addr := k.authKeeper.GetModuleAddress(module)
	if addr == nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidAddress, "no module account %q", module)
	}
	name, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		return sdk.Coin{}, err
	}
	return k.swapExactIn(ctx, party{addr: addr, module: module, name: name}, route, tokenIn, minOut)
}

// EstimateExactIn is what an exact-in swap of tokenIn over route pays out now (no writes).
func (k Keeper) EstimateExactIn(ctx context.Context, route []types.SwapHop, tokenIn sdk.Coin) (sdk.Coin, error) {
	plan, err := k.planExactIn(ctx, route, tokenIn)
	if err != nil {
		return sdk.Coin{}, err
	}
	last := plan[len(plan)-1]
	return sdk.NewCoin(last.denomOut, last.out), nil
}

// EstimateExactOut is what an exact-out swap for tokenOut over route from denomIn takes now.
func (k Keeper) EstimateExactOut(ctx context.Context, route []types.SwapHop, denomIn string, tokenOut sdk.Coin) (sdk.Coin, error) {
	if err := sdk.ValidateDenom(denomIn); err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidDenom, "denom_in %q: %v", denomIn, err)
	}
	plan, err := k.planExactOut(ctx, route, denomIn, tokenOut)
	if err != nil {
		return sdk.Coin{}, err
	}
	return sdk.NewCoin(denomIn, plan[0].in), nil
}

// ratio is n / d as a decimal (d positive).
func ratio(n, d math.Int) math.LegacyDec {
	return math.LegacyNewDecFromInt(n).Quo(math.LegacyNewDecFromInt(d))
}

// FormatPrice writes a price without its trailing zeros ("0.95", "2").
func FormatPrice(d math.LegacyDec) string {
	s := d.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
