package keeper_test

import (
	"context"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/dmexchain/dmex/x/amm/types"
)

// TestBadInputs: the "Bad input" list and more, each a row: the error (errors.Is), the
// value it names, and nothing changed (the module's store, every balance and supply, revenue),
// and the pools' books still balance.
//
// The state: pool 1 udmc/uusdt (1,010,000 / 4,040,000, 2,020,000 shares), pool 2 uht/uusdt
// (3,000,000 / 2,000,000), pool 3 aifil/uht (5,000,000 / 7,000,000); bob holds 20,000 shares of
// pool 1; dave holds only 1,000 udmc and 10,000 uht. The block time is t0+1h.
func TestBadInputs(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	f.create(f.alice, coin(ht, 3_000_000), coin(usdt, 2_000_000))
	f.create(f.alice, coin(ifil, 5_000_000), coin(ht, 7_000_000))
	if _, err := f.msg.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: 1, MaxA: coin(dmc, 10_000), MaxB: coin(usdt, 40_000)}); err != nil {
		t.Fatal(err)
	}
	dave := sdk.AccAddress([]byte("dave________________"))
	f.bank.give(dave, sdk.NewCoins(coin(dmc, 1000), coin(ht, 10_000)))
	f.at(time.Hour)
	f.checkBooks()

	alice, bob := f.alice.String(), f.bob.String()
	huge := types.MaxAmount.AddRaw(1)
	create := func(a, b sdk.Coin) sdk.Msg { return &types.MsgCreatePool{Creator: alice, TokenA: a, TokenB: b} }
	join := func(who string, id uint64, a, b sdk.Coin, minShares int64) sdk.Msg {
		return &types.MsgJoinPool{Sender: who, PoolId: id, MaxA: a, MaxB: b, MinShares: math.NewInt(minShares)}
	}
	exit := func(who string, id uint64, shares, minA, minB int64) sdk.Msg {
		return &types.MsgExitPool{Sender: who, PoolId: id, Shares: math.NewInt(shares), MinA: math.NewInt(minA), MinB: math.NewInt(minB)}
	}
	in := func(tokenIn sdk.Coin, minOut int64, hops ...types.SwapHop) *types.MsgSwapExactIn {
		return &types.MsgSwapExactIn{Sender: bob, Route: hops, TokenIn: tokenIn, MinOut: math.NewInt(minOut)}
	}
	out := func(denomIn string, maxIn int64, tokenOut sdk.Coin, hops ...types.SwapHop) *types.MsgSwapExactOut {
		return &types.MsgSwapExactOut{Sender: bob, Route: hops, DenomIn: denomIn, MaxIn: math.NewInt(maxIn), TokenOut: tokenOut}
	}
	past := t0.Add(time.Hour - time.Second)
	late := in(coin(usdt, 1000), 1, hop(1, dmc))
	late.Deadline = &past
	lateOut := out(usdt, 10_000, coin(dmc, 100), hop(1, dmc))
	lateOut.Deadline = &past
	params := func(mod func(*types.Params)) sdk.Msg {
		p := types.DefaultParams()
		mod(&p)
		return &types.MsgUpdateParams{Authority: authority, Params: p}
	}

	rows := []struct {
		name  string
		msg   sdk.Msg
		err   *errorsmod.Error
		names string
	}{
		{"pool of one denom", create(coin(dmc, 5000), coin(dmc, 5000)), types.ErrSameDenom, "both tokens are udmc"},
		{"pool of an unaccepted denom", create(coin("uxyz", 5000), coin(dmc, 5000)), types.ErrDenomNotAccepted, "uxyz is not one of the accepted denoms"},
		{"pool with zero liquidity", create(coin(ht, 5000), coin(dmc, 0)), types.ErrInvalidAmount, "token_b udmc 0"},
		{"pool with no amount", create(coin(ht, 5000), sdk.Coin{Denom: dmc}), types.ErrInvalidAmount, "token_b udmc"},
		{"pool with a negative amount", create(sdk.Coin{Denom: ht, Amount: math.NewInt(-5)}, coin(dmc, 5000)), types.ErrInvalidAmount, "token_a uht -5"},
		{"pool above 2^128-1", create(sdk.NewCoin(ht, huge), coin(dmc, 5000)), types.ErrInvalidAmount, huge.String()},
		{"pool of an invalid denom", create(sdk.Coin{Denom: "1x", Amount: math.NewInt(5000)}, coin(dmc, 5000)), types.ErrInvalidDenom, `"1x"`},
		{"duplicate pool", create(coin(dmc, 5000), coin(usdt, 5000)), types.ErrPoolExists, "pool 1 holds udmc and uusdt"},
		{"duplicate pool, other order", create(coin(usdt, 5000), coin(dmc, 5000)), types.ErrPoolExists, "pool 1"},
		{"swap fee above the maximum", &types.MsgCreatePool{Creator: alice, TokenA: coin(ht, 5000), TokenB: coin(dmc, 5000), SwapFeeBps: 101}, types.ErrInvalidSwapFee, "101 bps: want 1 to 100"},
		{"liquidity at the locked minimum", create(coin(ht, 1000), coin(dmc, 1000)), types.ErrLiquidityTooLow, "1000 shares"},
		{"creator cannot pay the creation fee", &types.MsgCreatePool{Creator: dave.String(), TokenA: coin(ht, 5000), TokenB: coin(dmc, 500)}, sdkerrors.ErrInsufficientFunds, "holds 1000udmc, needs 100000500udmc"},
		{"creator cannot pay the deposit", &types.MsgCreatePool{Creator: dave.String(), TokenA: coin(dmc, 500), TokenB: coin(ifil, 5000)}, sdkerrors.ErrInsufficientFunds, "holds 0aifil"},
		{"creator malformed", &types.MsgCreatePool{Creator: "nope", TokenA: coin(ht, 5000), TokenB: coin(dmc, 5000)}, types.ErrInvalidAddress, "nope"},

		{"join an unknown pool", join(bob, 9, coin(dmc, 10), coin(usdt, 10), 0), types.ErrPoolNotFound, "pool 9"},
		{"join with the pool's denoms swapped", join(bob, 1, coin(usdt, 10), coin(dmc, 10), 0), types.ErrInvalidDenom, `max_a is "uusdt"; pool 1's max_a is udmc`},
		{"join with another denom", join(bob, 1, coin(dmc, 10), coin(ht, 10), 0), types.ErrInvalidDenom, "uht"},
		{"join with zero", join(bob, 1, coin(dmc, 0), coin(usdt, 10), 0), types.ErrInvalidAmount, "max_a udmc 0"},
		{"join for zero shares", join(bob, 2, coin(ht, 1), coin(usdt, 1), 0), types.ErrMinSharesNotMet, "buy 0amm/pool/2"},
		{"join below min_shares", join(bob, 1, coin(dmc, 10_000), coin(usdt, 40_000), 20_001), types.ErrMinSharesNotMet, "buy 20000amm/pool/1, below the minimum 20001amm/pool/1"},
		{"join with negative min_shares", join(bob, 1, coin(dmc, 10), coin(usdt, 40), -1), types.ErrInvalidAmount, "min_shares -1"},
		{"join without the funds", join(dave.String(), 1, coin(dmc, 100), coin(usdt, 400), 0), sdkerrors.ErrInsufficientFunds, "holds 0uusdt"},

		{"exit of more shares than held", exit(bob, 1, 20_001, 0, 0), types.ErrInsufficientShares, "holds 20000amm/pool/1, exits 20001amm/pool/1"},
		{"exit with no shares", exit(dave.String(), 1, 1, 0, 0), types.ErrInsufficientShares, "holds 0amm/pool/1"},
		{"exit of zero shares", exit(bob, 1, 0, 0, 0), types.ErrInvalidAmount, "shares 0"},
		{"exit below min_a", exit(bob, 1, 20_000, 10_001, 0), types.ErrMinOutNotMet, "pays 10000udmc, below the minimum 10001udmc"},
		{"exit below min_b", exit(bob, 1, 20_000, 0, 40_001), types.ErrMinOutNotMet, "pays 40000uusdt, below the minimum 40001uusdt"},
		{"exit with a negative minimum", exit(bob, 1, 20_000, -1, 0), types.ErrInvalidAmount, "min_a -1"},
		{"exit of an unknown pool", exit(bob, 8, 1, 0, 0), types.ErrPoolNotFound, "pool 8"},

		{"swap past its deadline", late, types.ErrDeadlinePassed, "after the deadline 2026-03-01T00:59:59Z"},
		{"exact-out swap past its deadline", lateOut, types.ErrDeadlinePassed, "deadline"},
		{"route that does not connect", in(coin(dmc, 1000), 1, hop(2, ht)), types.ErrInvalidRoute, "hop 1 does not connect: pool 2 holds uht and uusdt, the route brings udmc"},
		{"route that does not connect at hop 2", in(coin(dmc, 1000), 1, hop(1, usdt), hop(3, ht)), types.ErrInvalidRoute, "hop 2 does not connect"},
		{"route out of a denom the pool lacks", in(coin(dmc, 1000), 1, hop(1, ht)), types.ErrInvalidRoute, "wants uht out"},
		{"route reusing a pool", in(coin(dmc, 1000), 1, hop(1, usdt), hop(1, dmc)), types.ErrInvalidRoute, "pool 1 appears twice"},
		{"route of 4 hops", in(coin(dmc, 1000), 1, hop(1, usdt), hop(2, ht), hop(3, ifil), hop(4, dmc)), types.ErrInvalidRoute, "4 hops"},
		{"empty route", in(coin(dmc, 1000), 1), types.ErrInvalidRoute, "0 hops"},
		{"route through an unknown pool", in(coin(dmc, 1000), 1, hop(9, usdt)), types.ErrInvalidRoute, "pool 9 does not exist"},
		{"minimum out not met", in(coin(usdt, 10_000), 2487, hop(1, dmc)), types.ErrMinOutNotMet, "out 2486udmc below the minimum 2487udmc: 0.2486 udmc per uusdt"},
		{"swap of zero", in(coin(usdt, 0), 0, hop(1, dmc)), types.ErrInvalidAmount, "token_in uusdt 0"},
		{"swap above 2^128-1", in(sdk.NewCoin(usdt, huge), 0, hop(1, dmc)), types.ErrInvalidAmount, "2^128-1"},
		{"swap paying only the fee", in(coin(usdt, 1), 0, hop(1, dmc)), types.ErrInvalidAmount, "pays only the fee"},
		{"swap with a negative minimum", in(coin(usdt, 100), -1, hop(1, dmc)), types.ErrInvalidAmount, "min_out -1"},
		{"swap without the funds", &types.MsgSwapExactIn{Sender: dave.String(), Route: []types.SwapHop{hop(1, usdt)}, TokenIn: coin(dmc, 1001)}, sdkerrors.ErrInsufficientFunds, "holds 1000udmc, needs 1001udmc"},
		{"swap from a malformed sender", &types.MsgSwapExactIn{Sender: "bob", Route: []types.SwapHop{hop(1, dmc)}, TokenIn: coin(usdt, 100)}, types.ErrInvalidAddress, "sender"},
		{"maximum in exceeded", out(usdt, 8040, coin(dmc, 2000), hop(1, dmc)), types.ErrMaxInExceeded, "in 8041uusdt above the maximum 8040uusdt for 2000udmc: 4.0205 uusdt per udmc"},
		{"exact out of the whole reserve", out(usdt, 1e12, coin(dmc, 1_010_000), hop(1, dmc)), types.ErrInsufficientLiquidity, "1010000 out of a reserve of 1010000"},
		{"exact out over a route ending elsewhere", out(usdt, 1e6, coin(ht, 100), hop(1, dmc)), types.ErrInvalidRoute, "the route ends in udmc, token_out is 100uht"},
		{"exact out with no maximum", out(usdt, 0, coin(dmc, 100), hop(1, dmc)), types.ErrInvalidAmount, "max_in 0"},
		{"exact out of zero", out(usdt, 100, coin(dmc, 0), hop(1, dmc)), types.ErrInvalidAmount, "token_out udmc 0"},
		{"exact out reusing a pool", out(usdt, 1e6, coin(usdt, 10), hop(1, dmc), hop(1, usdt)), types.ErrInvalidRoute, "twice"},

		{"params from a non-authority", &types.MsgUpdateParams{Authority: alice, Params: types.DefaultParams()}, nil, "not the authority"},
		{"params with a default fee above the maximum", params(func(p *types.Params) { p.DefaultSwapFeeBps = 101 }), types.ErrInvalidParams, "default 101"},
		{"params with one accepted denom", params(func(p *types.Params) { p.AcceptedDenoms = []string{dmc} }), types.ErrInvalidParams, "1 accepted denoms"},
		{"params with no locked minimum", params(func(p *types.Params) { p.MinimumLiquidity = math.ZeroInt() }), types.ErrInvalidParams, "minimum_liquidity 0"},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			before := f.snapshot()
			_, err := route(f, r.msg)
			if err == nil {
				t.Fatal("accepted")
			}
			if r.err != nil && !r.err.Is(err) {
				t.Fatalf("error %v, want %v", err, r.err)
			}
			if !strings.Contains(err.Error(), r.names) {
				t.Fatalf("error %q does not name %q", err, r.names)
			}
			if after := f.snapshot(); after != before {
				t.Fatal("state changed")
			}
			f.checkBooks()
		})
	}
}

// route hands a message to its handler (the app's message router does this in production).
func route(f *fixture, msg sdk.Msg) (any, error) {
	ctx := context.Context(f.ctx)
	switch m := msg.(type) {
	case *types.MsgCreatePool:
		return f.msg.CreatePool(ctx, m)
	case *types.MsgJoinPool:
		return f.msg.JoinPool(ctx, m)
	case *types.MsgExitPool:
		return f.msg.ExitPool(ctx, m)
	case *types.MsgSwapExactIn:
		return f.msg.SwapExactIn(ctx, m)
	case *types.MsgSwapExactOut:
		return f.msg.SwapExactOut(ctx, m)
	case *types.MsgUpdateParams:
		return f.msg.UpdateParams(ctx, m)
	}
	f.t.Fatalf("no route for %T", msg)
	return nil, nil
}
