package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// Booked is what the module account must hold: every approved pool's liquid IFIL and unpaid
// maturity fund, and every pending application's deposit.
func Booked(pools []types.Pool) sdk.Coins {
	booked := sdk.NewCoins()
	for _, p := range pools {
		switch {
		case p.Status == types.PoolStatus_POOL_STATUS_PENDING:
			booked = booked.Add(p.Deposit)
		case p.Approved():
			booked = booked.Add(sdk.NewCoin(p.IfilDenom, p.Liquid.Add(p.MaturityFund).Sub(p.MaturityPaid)))
		}
	}
	return booked
}

// CheckBooks: the module account holds exactly the pools' liquid IFIL and unpaid maturity
// funds and the pending deposits (queued payouts are owed out of the liquid balance, see the
// README); each pool's dToken supply in x/bank is its supply; every holder's balance is within
// its shares, and x/dmc's farm stake account holds exactly the rest; the records validate as a genesis (supply = holders'
// shares, queued = what the redemptions owe). A walk over every record: for tests and the
// simulation, not blocks.
func (k Keeper) CheckBooks(ctx context.Context) error {
	gs, err := k.ExportGenesis(ctx)
	if err != nil {
		return err
	}
	if err := gs.Validate(); err != nil {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "%v", err)
	}
	held := k.bankKeeper.GetAllBalances(ctx, k.moduleAddr())
	if booked := Booked(gs.Pools); !held.Equal(booked) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "account holds %s, books say %s", held, booked)
	}
	queued := map[uint64]uint64{}
	for _, r := range gs.Redemptions {
		queued[r.PoolId]++
	}
	for _, p := range gs.Pools {
		if !p.Approved() {
			continue
		}
		if s := k.bankKeeper.GetSupply(ctx, p.Denom); !s.Amount.Equal(p.Supply) {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d: bank supply %s, pool supply %s", p.Id, s, p.Supply)
		}
		if n := p.RedemptionsQueued - p.RedemptionsPaid; queued[p.Id] != n {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d: %d redemptions queued, its counters say %d", p.Id, queued[p.Id], n)
		}
	}
	// What holders have booked beyond their balances is what x/dmc's farms hold for them.
	staked := map[uint64]math.Int{}
	for _, h := range gs.Holders {
		addr, err := k.addressCodec.StringToBytes(h.Address)
		if err != nil {
			return err
		}
		bal := k.bankKeeper.GetBalance(ctx, addr, types.PoolDenom(h.PoolId))
		if bal.Amount.GT(h.Shares) {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "%s holds %s, above its %s booked shares", h.Address, bal, h.Shares)
		}
		if _, ok := staked[h.PoolId]; !ok {
			staked[h.PoolId] = math.ZeroInt()
		}
		staked[h.PoolId] = staked[h.PoolId].Add(h.Shares.Sub(bal.Amount))
	}
	stake := k.authKeeper.GetModuleAddress(modaccounts.DmcStake)
	for _, p := range gs.Pools {
		if !p.Approved() {
			continue
		}
		want, ok := staked[p.Id]
		if !ok {
			want = math.ZeroInt()
		}
		if got := k.bankKeeper.GetBalance(ctx, stake, p.Denom); !got.Amount.Equal(want) {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d: x/dmc's farms hold %s, its holders' booked shares beyond their balances are %s", p.Id, got, want)
		}
	}
	return nil
}
