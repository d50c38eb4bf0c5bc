package simulation

import (
	"context"
	"fmt"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
)

// WeightRefused is the default weight of each message the simulation sends to be refused.
const WeightRefused = 3

// refusedFactories registers the bad input: each message is delivered, must fail with its
// registered error, and must leave the pools it names, the next pool id, the share supplies and
// what the amm account holds unchanged.
func refusedFactories(k keeper.Keeper, bk BankKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_create_pool_exists", WeightRefused), MsgCreatePoolExistsFactory(k, bk))
	reg.Add(w.Get("msg_create_pool_share_denom", WeightRefused), MsgCreatePoolShareDenomFactory(k, bk))
	reg.Add(w.Get("msg_join_pool_min_shares", WeightRefused), MsgJoinPoolMinSharesFactory(k, bk))
	reg.Add(w.Get("msg_exit_pool_too_many", WeightRefused), MsgExitPoolTooManyFactory(k, bk))
	reg.Add(w.Get("msg_swap_exact_in_min_out", WeightRefused), MsgSwapExactInMinOutFactory(k, bk))
	reg.Add(w.Get("msg_swap_exact_out_max_in", WeightRefused), MsgSwapExactOutMaxInFactory(k, bk))
	reg.Add(w.Get("msg_swap_deadline_passed", WeightRefused), MsgSwapDeadlinePassedFactory(k, bk))
}

// poolsState is what a refused message must not change: the pools it names (record and share
// supply), the next pool id and everything the amm account holds. The sender's own balances are
// left out: the transaction's fees are paid even when its message is refused.
func poolsState(ctx context.Context, k keeper.Keeper, bk BankKeeper, ids ...uint64) func() string {
	return func() string {
		next, err := k.NextPoolID.Peek(ctx)
		s := fmt.Sprintf("next pool %d|%v; amm holds %s;", next, err, bk.GetAllBalances(ctx, authtypes.NewModuleAddress(types.ModuleName)))
		for _, id := range ids {
			p, err := k.Pools.Get(ctx, id)
			s += fmt.Sprintf(" pool %v|%v, supply %s;", p, err, bk.GetSupply(ctx, types.ShareDenom(id)))
		}
		return s
	}
}

func poolIDs(pools []types.Pool) []uint64 {
	ids := make([]uint64, len(pools))
	for i, p := range pools {
		ids[i] = p.Id
	}
	return ids
}

// refused sends msg, signed by from, to be refused with want (the dry run must refuse it so),
// with state read before and after delivery.
func refused[T sdk.Msg](ctx context.Context, reporter simsx.SimulationReporter, from simsx.SimAccount, msg T, want *errorsmod.Error,
	run func(sdk.Context) error, state func() string,
) ([]simsx.SimAccount, T, simsx.SimDeliveryResultHandler) {
	var zero T
	if !hashnftsim.ExpectRefusal(ctx, reporter, want, run) {
		return nil, zero, nil
	}
	return []simsx.SimAccount{from}, msg, hashnftsim.Refused(want, state)
}

// MsgCreatePoolExistsFactory has an account create a second pool of a pair that has one, its
// denoms in the other order: ErrPoolExists.
func MsgCreatePoolExistsFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgCreatePool] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreatePool, simsx.SimDeliveryResultHandler) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil, nil
		}
		p, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Pools.Iterate, func(p types.Pool) bool {
			return params.Accepts(p.DenomA) && params.Accepts(p.DenomB)
		})
		if !ok {
			reporter.Skip("no pool of two accepted denoms")
			return nil, nil, nil
		}
		from := data.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgCreatePool{Creator: from.AddressBech32, TokenA: sdk.NewCoin(p.DenomB, p.ReserveB), TokenB: sdk.NewCoin(p.DenomA, p.ReserveA)}
		return refused(ctx, reporter, from, msg, types.ErrPoolExists,
			func(c sdk.Context) error { _, err := server(k).CreatePool(c, msg); return err }, poolsState(ctx, k, bk, p.Id))
	})
}

// MsgCreatePoolShareDenomFactory has a holder of a pool's shares create a pool of those shares
// and udmc: ErrDenomNotAccepted (a share denom is never an accepted denom).
func MsgCreatePoolShareDenomFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgCreatePool] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreatePool, simsx.SimDeliveryResultHandler) {
		p, ok := hashnftsim.PickOne(ctx, data.Rand(), k.Pools.Iterate, func(types.Pool) bool { return true })
		if !ok {
			reporter.Skip("no pool")
			return nil, nil, nil
		}
		shareDenom := types.ShareDenom(p.Id)
		from, ok := shareHolder(data, reporter, p, sdk.NewCoins(sdk.NewInt64Coin(shareDenom, 1), sdk.NewInt64Coin(types.DMCDenom, 1)))
		if !ok {
			return nil, nil, nil
		}
		bal := from.LiquidBalance()
		msg := &types.MsgCreatePool{
			Creator: from.AddressBech32, TokenA: sdk.NewCoin(shareDenom, bal.AmountOf(shareDenom)), TokenB: sdk.NewCoin(types.DMCDenom, bal.AmountOf(types.DMCDenom)),
		}
		return refused(ctx, reporter, from, msg, types.ErrDenomNotAccepted,
			func(c sdk.Context) error { _, err := server(k).CreatePool(c, msg); return err }, poolsState(ctx, k, bk, p.Id))
	})
}

// MsgJoinPoolMinSharesFactory has an account holding both maxima join a pool asking one share more
// than they buy: ErrMinSharesNotMet.
func MsgJoinPoolMinSharesFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgJoinPool] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgJoinPool, simsx.SimDeliveryResultHandler) {
		r := data.Rand()
		p, ok := hashnftsim.PickOne(ctx, r, k.Pools.Iterate, func(types.Pool) bool { return true })
		if !ok {
			reporter.Skip("no pool")
			return nil, nil, nil
		}
		maxA, maxB, shares, _ := joinTerms(r, p)
		from, ok := holderOf(data, reporter, sdk.NewCoins(maxA, maxB))
		if !ok {
			return nil, nil, nil
		}
		msg := &types.MsgJoinPool{Sender: from.AddressBech32, PoolId: p.Id, MaxA: maxA, MaxB: maxB, MinShares: shares.AddRaw(1)}
		return refused(ctx, reporter, from, msg, types.ErrMinSharesNotMet,
			func(c sdk.Context) error { _, err := server(k).JoinPool(c, msg); return err }, poolsState(ctx, k, bk, p.Id))
	})
}

// MsgExitPoolTooManyFactory has an account exit one share more of a pool than it holds (it may
// hold none): ErrInsufficientShares.
func MsgExitPoolTooManyFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgExitPool] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgExitPool, simsx.SimDeliveryResultHandler) {
		r := data.Rand()
		p, ok := hashnftsim.PickOne(ctx, r, k.Pools.Iterate, func(types.Pool) bool { return true })
		if !ok {
			reporter.Skip("no pool")
			return nil, nil, nil
		}
		shareDenom := types.ShareDenom(p.Id)
		var from simsx.SimAccount
		if r.Intn(2) == 0 {
			if from, ok = shareHolder(data, reporter, p, sdk.NewCoins(sdk.NewInt64Coin(shareDenom, 1))); !ok {
				return nil, nil, nil
			}
		} else if from = data.AnyAccount(reporter); reporter.IsSkipped() {
			return nil, nil, nil
		}
		held := from.LiquidBalance().AmountOf(shareDenom)
		msg := &types.MsgExitPool{Sender: from.AddressBech32, PoolId: p.Id, Shares: held.AddRaw(1)}
		return refused(ctx, reporter, from, msg, types.ErrInsufficientShares,
			func(c sdk.Context) error { _, err := server(k).ExitPool(c, msg); return err }, poolsState(ctx, k, bk, p.Id))
	})
}

// MsgSwapExactInMinOutFactory swaps exact in asking one unit more than the module's estimate:
// ErrMinOutNotMet, so the estimate is exactly what the swap pays.
func MsgSwapExactInMinOutFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgSwapExactIn] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactIn, simsx.SimDeliveryResultHandler) {
		rt, in, out, ok := exactIn(ctx, k, data.Rand(), reporter)
		if !ok {
			return nil, nil, nil
		}
		from, ok := holderOf(data, reporter, sdk.NewCoins(in))
		if !ok {
			return nil, nil, nil
		}
		msg := &types.MsgSwapExactIn{Sender: from.AddressBech32, Route: rt.hops, TokenIn: in, MinOut: out.Amount.AddRaw(1)}
		return refused(ctx, reporter, from, msg, types.ErrMinOutNotMet,
			func(c sdk.Context) error { _, err := server(k).SwapExactIn(c, msg); return err }, poolsState(ctx, k, bk, poolIDs(rt.pools)...))
	})
}

// MsgSwapExactOutMaxInFactory swaps exact out allowing one unit less than the module's estimate:
// ErrMaxInExceeded, so the estimate is the least the swap takes.
func MsgSwapExactOutMaxInFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgSwapExactOut] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactOut, simsx.SimDeliveryResultHandler) {
		rt, in, out, ok := exactOut(ctx, k, data.Rand(), reporter)
		if !ok {
			return nil, nil, nil
		}
		if !in.Amount.GT(math.OneInt()) {
			reporter.Skipf("the swap takes only %s", in)
			return nil, nil, nil
		}
		from, ok := holderOf(data, reporter, sdk.NewCoins(in))
		if !ok {
			return nil, nil, nil
		}
		msg := &types.MsgSwapExactOut{Sender: from.AddressBech32, Route: rt.hops, DenomIn: rt.denomIn, MaxIn: in.Amount.SubRaw(1), TokenOut: out}
		return refused(ctx, reporter, from, msg, types.ErrMaxInExceeded,
			func(c sdk.Context) error { _, err := server(k).SwapExactOut(c, msg); return err }, poolsState(ctx, k, bk, poolIDs(rt.pools)...))
	})
}

// MsgSwapDeadlinePassedFactory sends an otherwise valid exact-in swap whose deadline is 1 ns to an
// hour before the block: ErrDeadlinePassed.
func MsgSwapDeadlinePassedFactory(k keeper.Keeper, bk BankKeeper) *simsx.ResultHandlingSimMsgFactory[*types.MsgSwapExactIn] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactIn, simsx.SimDeliveryResultHandler) {
		r := data.Rand()
		rt, in, out, ok := exactIn(ctx, k, r, reporter)
		if !ok {
			return nil, nil, nil
		}
		from, ok := holderOf(data, reporter, sdk.NewCoins(in))
		if !ok {
			return nil, nil, nil
		}
		deadline := now(ctx).Add(-time.Duration(1 + r.Int63n(int64(maxDeadline))))
		msg := &types.MsgSwapExactIn{Sender: from.AddressBech32, Route: rt.hops, TokenIn: in, MinOut: out.Amount, Deadline: &deadline}
		return refused(ctx, reporter, from, msg, types.ErrDeadlinePassed,
			func(c sdk.Context) error { _, err := server(k).SwapExactIn(c, msg); return err }, poolsState(ctx, k, bk, poolIDs(rt.pools)...))
	})
}
