package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
// its shares (the rest is staked in x/dmc); the records validate as a genesis (supply = holders'
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
	for _, h := range gs.Holders {
		addr, err := k.addressCodec.StringToBytes(h.Address)
		if err != nil {
			return err
		}
		if bal := k.bankKeeper.GetBalance(ctx, addr, types.PoolDenom(h.PoolId)); bal.Amount.GT(h.Shares) {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "%s holds %s, above its %s booked shares", h.Address, bal, h.Shares)
		}
	}
	return nil
}
