// Package simulation has x/dmc's message factories: random stake, unstake and claim messages,
// valid or not, that a randomized run sends while the books are checked after every block.
package simulation

import (
	"context"
	"math/rand"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// RandomMsg returns a random stake, unstake or claim by staker over the open farms, sometimes
// with an amount that must be refused (more than staked, more than held).
func RandomMsg(ctx context.Context, r *rand.Rand, k keeper.Keeper, bank interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}, staker sdk.AccAddress, farmIDs []uint64,
) sdk.Msg {
	id := farmIDs[r.Intn(len(farmIDs))]
	f, err := k.Farms.Get(ctx, id)
	if err != nil || f.IsNFT() {
		return &types.MsgClaim{Staker: staker.String()}
	}
	switch r.Intn(3) {
	case 0:
		held := bank.GetBalance(ctx, staker, f.Denom).Amount
		amt := randUpTo(r, held.QuoRaw(100)).AddRaw(1)
		if r.Intn(20) == 0 {
			amt = held.AddRaw(1) // above balance: refused
		}
		return &types.MsgStake{Staker: staker.String(), FarmId: id, Amount: sdk.NewCoin(f.Denom, amt)}
	case 1:
		staked := math.ZeroInt()
		if p, err := k.Positions.Get(ctx, collections.Join(staker, id)); err == nil {
			staked = p.Amount
		}
		amt := randUpTo(r, staked)
		if r.Intn(10) == 0 || amt.IsZero() {
			amt = staked.AddRaw(1) // more than staked: refused
		}
		return &types.MsgUnstake{Staker: staker.String(), FarmId: id, Amount: sdk.NewCoin(f.Denom, amt)}
	default:
		if r.Intn(2) == 0 {
			return &types.MsgClaim{Staker: staker.String()}
		}
		return &types.MsgClaim{Staker: staker.String(), FarmId: id}
	}
}

func randUpTo(r *rand.Rand, max math.Int) math.Int {
	if !max.IsPositive() {
		return math.ZeroInt()
	}
	if max.IsInt64() {
		return math.NewInt(r.Int63n(max.Int64() + 1))
	}
	return math.NewInt(r.Int63())
}
