// Package simulation has x/amm's message factories for the app simulation: pools created of
// accepted pairs that have none, joins at the pool's ratio, exits of shares an account holds, and
// swaps exact in and exact out over random routes of one to three pools, with a minimum out (or
// maximum in) from the module's own estimate less (or plus) a slippage, some with a deadline.
// Each is valid when delivered (dry-run first, skipped when nothing in the state fits). The
// authority's params are sent in a council proposal (authority.go), and refused.go sends messages
// that must be refused. The module's books checks (pools and buyback) run after every block of
// the simulation; its buyback runs at the simulation's month epochs.
package simulation

import (
	"context"
	"slices"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
)

// Default weights of x/amm's user messages (simsx.ParamWeightSource keys).
const (
	WeightMsgCreatePool   = 8
	WeightMsgJoinPool     = 12
	WeightMsgExitPool     = 10
	WeightMsgSwapExactIn  = 25
	WeightMsgSwapExactOut = 15
	// maxAccountVisits bounds the accounts a factory reads to find one that holds what it needs.
	maxAccountVisits = 100
	// maxTradeBps: a trade or a join is at most 3% of the pool's reserve.
	maxTradeBps = 300
	// maxSlippageBps: a minimum out is at most 5% below the estimate, a maximum in 5% above.
	maxSlippageBps = 500
	// maxDeadline: a swap's deadline is at most an hour after the block.
	maxDeadline = time.Hour
)

// BankKeeper is what the refused messages' checks read of x/bank: the amm account's holdings
// and the supply of a pool's shares.
type BankKeeper interface {
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	GetSupply(ctx context.Context, denom string) sdk.Coin
}

// Factories registers x/amm's user messages and the refused ones.
func Factories(k keeper.Keeper, bk BankKeeper, w simsx.WeightSource, reg simsx.Registry) {
	reg.Add(w.Get("msg_create_pool", WeightMsgCreatePool), MsgCreatePoolFactory(k))
	reg.Add(w.Get("msg_join_pool", WeightMsgJoinPool), MsgJoinPoolFactory(k))
	reg.Add(w.Get("msg_exit_pool", WeightMsgExitPool), MsgExitPoolFactory(k))
	reg.Add(w.Get("msg_swap_exact_in", WeightMsgSwapExactIn), MsgSwapExactInFactory(k))
	reg.Add(w.Get("msg_swap_exact_out", WeightMsgSwapExactOut), MsgSwapExactOutFactory(k))
	refusedFactories(k, bk, w, reg)
}

func now(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

func server(k keeper.Keeper) types.MsgServer { return keeper.NewMsgServerImpl(k) }

func dryRun(ctx context.Context, run func(sdk.Context) error) error {
	return hashnftsim.DryRun(ctx, run)
}

// holderOf is a simulation account whose liquid balance covers need (findHolder), or a skip.
func holderOf(data *simsx.ChainDataSource, reporter simsx.SimulationReporter, need sdk.Coins, exclude ...string) (simsx.SimAccount, bool) {
	if acc, ok := findHolder(data, reporter, need, exclude...); ok {
		return acc, true
	}
	reporter.Skipf("no account holds %s", need)
	return simsx.SimAccount{}, false
}

// findHolder is a simulation account whose liquid balance covers need, among at most
// maxAccountVisits read from a random one on; excluded addresses are passed over.
func findHolder(data *simsx.ChainDataSource, reporter simsx.SimulationReporter, need sdk.Coins, exclude ...string) (simsx.SimAccount, bool) {
	n := data.AccountsCount()
	start := data.Rand().Intn(max(n, 1))
	for i := 0; i < min(n, maxAccountVisits); i++ {
		acc := data.AccountAt(reporter, (start+i)%n)
		if !slices.Contains(exclude, acc.AddressBech32) && acc.LiquidBalance().IsAllGTE(need) {
			return acc, true
		}
	}
	return simsx.SimAccount{}, false
}

// shareHolder is an account holding shares of pool p: its creator half of the time (and when no
// other holder is found), else any account holderOf finds.
func shareHolder(data *simsx.ChainDataSource, reporter simsx.SimulationReporter, p types.Pool, need sdk.Coins) (simsx.SimAccount, bool) {
	creator := func() (simsx.SimAccount, bool) {
		if !data.HasAccount(p.Creator) {
			return simsx.SimAccount{}, false
		}
		acc := data.GetAccount(reporter, p.Creator)
		return acc, !reporter.IsSkipped() && acc.LiquidBalance().IsAllGTE(need)
	}
	if data.Rand().Intn(2) == 0 {
		if acc, ok := creator(); ok {
			return acc, true
		}
	}
	if acc, ok := findHolder(data, reporter, need); ok {
		return acc, true
	}
	if acc, ok := creator(); ok {
		return acc, true
	}
	reporter.Skipf("no account holds %s", need)
	return simsx.SimAccount{}, false
}

// block takes coins off the account's liquid balance, so that the transaction's random fees
// come out of the rest.
func block(acc simsx.SimAccount, coins sdk.Coins) bool {
	for _, c := range coins {
		if !acc.LiquidBalance().BlockAmount(c) {
			return false
		}
	}
	return true
}

// bpsOf is x × bps / 10000, rounded down, at least 1.
func bpsOf(x math.Int, bps int64) math.Int {
	return math.MaxInt(x.MulRaw(bps).QuoRaw(types.MaxBps), math.OneInt())
}

// lessSlippage is x less a random slippage: exact a quarter of the time, else 1 to 500 bps
// lower (rounded down).
func lessSlippage(r *simsx.XRand, x math.Int) math.Int {
	if r.Intn(4) == 0 {
		return x
	}
	return x.MulRaw(types.MaxBps - 1 - r.Int63n(maxSlippageBps)).QuoRaw(types.MaxBps)
}

// plusSlippage is x plus a random slippage: exact a quarter of the time, else 1 to 500 bps
// higher (rounded up), at most MaxAmount.
func plusSlippage(r *simsx.XRand, x math.Int) math.Int {
	if r.Intn(4) == 0 {
		return x
	}
	y := x.MulRaw(types.MaxBps + 1 + r.Int63n(maxSlippageBps)).AddRaw(types.MaxBps - 1).QuoRaw(types.MaxBps)
	return math.MinInt(y, types.MaxAmount)
}

// randomDeadline is none half of the time, the block time itself (which is met) a sixth of it,
// else up to an hour later.
func randomDeadline(r *simsx.XRand, t time.Time) *time.Time {
	switch r.Intn(6) {
	case 0, 1, 2:
		return nil
	case 3:
		return &t
	default:
		d := t.Add(time.Duration(1 + r.Int63n(int64(maxDeadline))))
		return &d
	}
}

func otherDenom(p types.Pool, denom string) string {
	if denom == p.DenomA {
		return p.DenomB
	}
	return p.DenomA
}

func reservesOf(p types.Pool, denomIn string) (math.Int, math.Int) {
	if denomIn == p.DenomA {
		return p.ReserveA, p.ReserveB
	}
	return p.ReserveB, p.ReserveA
}

// route is a random swap route: its first denom in, its hops and their pools.
type route struct {
	denomIn string
	hops    []types.SwapHop
	pools   []types.Pool
}

// randomRoute starts at a random pool in a random direction and takes 1 to 3 hops, each further
// hop a random pool of the denom the hop before brings that is not in the route yet.
func randomRoute(ctx context.Context, k keeper.Keeper, r *simsx.XRand) (route, bool) {
	first, ok := hashnftsim.PickOne(ctx, r, k.Pools.Iterate, func(types.Pool) bool { return true })
	if !ok {
		return route{}, false
	}
	in := first.DenomA
	if r.Intn(2) == 0 {
		in = first.DenomB
	}
	out := otherDenom(first, in)
	rt := route{denomIn: in, hops: []types.SwapHop{{PoolId: first.Id, DenomOut: out}}, pools: []types.Pool{first}}
	for want := 1 + r.Intn(types.MaxRouteHops); len(rt.hops) < want; {
		next, err := k.PoolsOfDenom(ctx, out)
		if err != nil {
			break
		}
		next = slices.DeleteFunc(next, func(p types.Pool) bool {
			return slices.ContainsFunc(rt.pools, func(q types.Pool) bool { return q.Id == p.Id })
		})
		if len(next) == 0 {
			break
		}
		p := next[r.Intn(len(next))]
		out = otherDenom(p, out)
		rt.hops = append(rt.hops, types.SwapHop{PoolId: p.Id, DenomOut: out})
		rt.pools = append(rt.pools, p)
	}
	return rt, true
}

// acceptedPairWithoutPool is a random pair of accepted denoms that has no pool yet.
func acceptedPairWithoutPool(ctx context.Context, k keeper.Keeper, r *simsx.XRand, p types.Params) (string, string, bool) {
	var pairs [][2]string
	for i, x := range p.AcceptedDenoms {
		for _, y := range p.AcceptedDenoms[i+1:] {
			pairs = append(pairs, [2]string{x, y})
		}
	}
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	for _, pair := range pairs {
		if _, found, err := k.PoolOfPair(ctx, pair[0], pair[1]); err == nil && !found {
			return pair[0], pair[1], true
		}
	}
	return "", "", false
}

// MsgCreatePoolFactory has an account holding both denoms and the creation fee open the pool of a
// random accepted pair that has none, with 0.1% to 3% of its balance of each (a random price),
// at the default swap fee half of the time, else at a random fee within the params' bounds.
func MsgCreatePoolFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreatePool] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreatePool) {
		p, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip("no params")
			return nil, nil
		}
		r := data.Rand()
		a, b, ok := acceptedPairWithoutPool(ctx, k, r, p)
		if !ok {
			reporter.Skip("every accepted pair has a pool")
			return nil, nil
		}
		need := sdk.NewCoins(sdk.NewInt64Coin(a, 1), sdk.NewInt64Coin(b, 1))
		if p.PoolCreationFee.IsPositive() {
			need = need.Add(p.PoolCreationFee)
		}
		creator, ok := holderOf(data, reporter, need)
		if !ok {
			return nil, nil
		}
		bal := creator.LiquidBalance()
		ta := sdk.NewCoin(a, bpsOf(bal.AmountOf(a).Sub(need.AmountOf(a)).AddRaw(1), 10+r.Int63n(maxTradeBps-9)))
		tb := sdk.NewCoin(b, bpsOf(bal.AmountOf(b).Sub(need.AmountOf(b)).AddRaw(1), 10+r.Int63n(maxTradeBps-9)))
		if r.Intn(2) == 0 {
			ta, tb = tb, ta
		}
		fee := uint32(0)
		if r.Intn(2) == 0 {
			fee = p.MinSwapFeeBps + uint32(r.Intn(int(p.MaxSwapFeeBps-p.MinSwapFeeBps)+1))
		}
		msg := &types.MsgCreatePool{Creator: creator.AddressBech32, TokenA: ta, TokenB: tb, SwapFeeBps: fee}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).CreatePool(c, msg); return err }); err != nil {
			reporter.Skipf("pool refused: %v", err)
			return nil, nil
		}
		spent := sdk.NewCoins(ta, tb)
		if p.PoolCreationFee.IsPositive() {
			spent = spent.Add(p.PoolCreationFee)
		}
		if !block(creator, spent) {
			reporter.Skipf("%s does not hold %s", creator.AddressBech32, spent)
			return nil, nil
		}
		return []simsx.SimAccount{creator}, msg
	}
}

// joinTerms are a random join of pool p: max_a 0.01% to 3% of reserve a, max_b what matches it
// at the pool's ratio plus 0 to 5%, and the shares and payment they buy.
func joinTerms(r *simsx.XRand, p types.Pool) (maxA, maxB sdk.Coin, shares math.Int, paid sdk.Coins) {
	a := bpsOf(p.ReserveA, 1+r.Int63n(maxTradeBps))
	b := a.Mul(p.ReserveB).Add(p.ReserveA.SubRaw(1)).Quo(p.ReserveA)
	b = b.Add(b.MulRaw(r.Int63n(501)).QuoRaw(types.MaxBps))
	maxA, maxB = sdk.NewCoin(p.DenomA, a), sdk.NewCoin(p.DenomB, b)
	shares, paidA, paidB := types.SharesForJoin(p.ReserveA, p.ReserveB, p.Shares, a, b)
	return maxA, maxB, shares, sdk.NewCoins(sdk.NewCoin(p.DenomA, paidA), sdk.NewCoin(p.DenomB, paidB))
}

// MsgJoinPoolFactory has an account holding both maxima join a random pool (joinTerms), with a
// minimum of shares at or below what the join buys (lessSlippage).
func MsgJoinPoolFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgJoinPool] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgJoinPool) {
		r := data.Rand()
		p, ok := hashnftsim.PickOne(ctx, r, k.Pools.Iterate, func(types.Pool) bool { return true })
		if !ok {
			reporter.Skip("no pool")
			return nil, nil
		}
		maxA, maxB, shares, paid := joinTerms(r, p)
		if !shares.IsPositive() {
			reporter.Skipf("%s and %s buy no share of pool %d", maxA, maxB, p.Id)
			return nil, nil
		}
		sender, ok := holderOf(data, reporter, sdk.NewCoins(maxA, maxB))
		if !ok {
			return nil, nil
		}
		msg := &types.MsgJoinPool{Sender: sender.AddressBech32, PoolId: p.Id, MaxA: maxA, MaxB: maxB, MinShares: lessSlippage(r, shares)}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).JoinPool(c, msg); return err }); err != nil {
			reporter.Skipf("join refused: %v", err)
			return nil, nil
		}
		if !block(sender, paid) {
			reporter.Skipf("%s does not hold %s", sender.AddressBech32, paid)
			return nil, nil
		}
		return []simsx.SimAccount{sender}, msg
	}
}

// MsgExitPoolFactory has a holder of a random pool's shares exit 0.01% to all of them (all of them
// a quarter of the time), with minimums at or below what they pay (lessSlippage).
func MsgExitPoolFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgExitPool] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgExitPool) {
		r := data.Rand()
		p, ok := hashnftsim.PickOne(ctx, r, k.Pools.Iterate, func(types.Pool) bool { return true })
		if !ok {
			reporter.Skip("no pool")
			return nil, nil
		}
		shareDenom := types.ShareDenom(p.Id)
		sender, ok := shareHolder(data, reporter, p, sdk.NewCoins(sdk.NewInt64Coin(shareDenom, 1)))
		if !ok {
			return nil, nil
		}
		held := sender.LiquidBalance().AmountOf(shareDenom)
		shares := held
		if r.Intn(4) > 0 {
			shares = bpsOf(held, 1+r.Int63n(types.MaxBps))
		}
		outA, outB := types.CoinsForExit(p.ReserveA, p.ReserveB, p.Shares, shares)
		msg := &types.MsgExitPool{Sender: sender.AddressBech32, PoolId: p.Id, Shares: shares, MinA: lessSlippage(r, outA), MinB: lessSlippage(r, outB)}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).ExitPool(c, msg); return err }); err != nil {
			reporter.Skipf("exit refused: %v", err)
			return nil, nil
		}
		if !block(sender, sdk.NewCoins(sdk.NewCoin(shareDenom, shares))) {
			reporter.Skipf("%s does not hold %s%s", sender.AddressBech32, shares, shareDenom)
			return nil, nil
		}
		return []simsx.SimAccount{sender}, msg
	}
}

// exactIn is a random exact-in swap over a random route: 0.01% to 3% of the first pool's reserve
// in, and what the module estimates it pays.
func exactIn(ctx context.Context, k keeper.Keeper, r *simsx.XRand, reporter simsx.SimulationReporter) (route, sdk.Coin, sdk.Coin, bool) {
	rt, ok := randomRoute(ctx, k, r)
	if !ok {
		reporter.Skip("no pool")
		return route{}, sdk.Coin{}, sdk.Coin{}, false
	}
	rin, _ := reservesOf(rt.pools[0], rt.denomIn)
	in := sdk.NewCoin(rt.denomIn, bpsOf(rin, 1+r.Int63n(maxTradeBps)))
	out, err := k.EstimateExactIn(ctx, rt.hops, in)
	if err != nil {
		reporter.Skipf("no estimate for %s over %v: %v", in, rt.hops, err)
		return route{}, sdk.Coin{}, sdk.Coin{}, false
	}
	return rt, in, out, true
}

// exactOut is a random exact-out swap over a random route: 0.01% to 3% of the last pool's reserve
// out, and what the module estimates it takes.
func exactOut(ctx context.Context, k keeper.Keeper, r *simsx.XRand, reporter simsx.SimulationReporter) (route, sdk.Coin, sdk.Coin, bool) {
	rt, ok := randomRoute(ctx, k, r)
	if !ok {
		reporter.Skip("no pool")
		return route{}, sdk.Coin{}, sdk.Coin{}, false
	}
	last, lastHop := rt.pools[len(rt.pools)-1], rt.hops[len(rt.hops)-1]
	_, rout := reservesOf(last, otherDenom(last, lastHop.DenomOut))
	out := sdk.NewCoin(lastHop.DenomOut, bpsOf(rout, 1+r.Int63n(maxTradeBps)))
	in, err := k.EstimateExactOut(ctx, rt.hops, rt.denomIn, out)
	if err != nil {
		reporter.Skipf("no estimate for %s over %v: %v", out, rt.hops, err)
		return route{}, sdk.Coin{}, sdk.Coin{}, false
	}
	return rt, in, out, true
}

// MsgSwapExactInFactory has an account holding the input swap it over a random route of 1 to 3
// pools (exactIn), for at least the estimate less a slippage, with a random deadline.
func MsgSwapExactInFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSwapExactIn] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactIn) {
		r := data.Rand()
		rt, in, out, ok := exactIn(ctx, k, r, reporter)
		if !ok {
			return nil, nil
		}
		sender, ok := holderOf(data, reporter, sdk.NewCoins(in))
		if !ok {
			return nil, nil
		}
		msg := &types.MsgSwapExactIn{
			Sender: sender.AddressBech32, Route: rt.hops, TokenIn: in, MinOut: lessSlippage(r, out.Amount), Deadline: randomDeadline(r, now(ctx)),
		}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).SwapExactIn(c, msg); return err }); err != nil {
			reporter.Skipf("swap refused: %v", err)
			return nil, nil
		}
		if !block(sender, sdk.NewCoins(in)) {
			reporter.Skipf("%s does not hold %s", sender.AddressBech32, in)
			return nil, nil
		}
		return []simsx.SimAccount{sender}, msg
	}
}

// MsgSwapExactOutFactory has an account holding the input swap for an exact output over a random
// route of 1 to 3 pools (exactOut), for at most the estimate plus a slippage, with a random
// deadline.
func MsgSwapExactOutFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSwapExactOut] {
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwapExactOut) {
		r := data.Rand()
		rt, in, out, ok := exactOut(ctx, k, r, reporter)
		if !ok {
			return nil, nil
		}
		sender, ok := holderOf(data, reporter, sdk.NewCoins(in))
		if !ok {
			return nil, nil
		}
		msg := &types.MsgSwapExactOut{
			Sender: sender.AddressBech32, Route: rt.hops, DenomIn: rt.denomIn, MaxIn: plusSlippage(r, in.Amount), TokenOut: out,
			Deadline: randomDeadline(r, now(ctx)),
		}
		if err := dryRun(ctx, func(c sdk.Context) error { _, err := server(k).SwapExactOut(c, msg); return err }); err != nil {
			reporter.Skipf("swap refused: %v", err)
			return nil, nil
		}
		if !block(sender, sdk.NewCoins(in)) {
			reporter.Skipf("%s does not hold %s", sender.AddressBech32, in)
			return nil, nil
		}
		return []simsx.SimAccount{sender}, msg
	}
}
