package keeper

import (
	"context"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/types"
)

// Reserves is every pool's reserves summed per denom: what the amm account must hold.
func (k Keeper) Reserves(ctx context.Context) (sdk.Coins, error) {
	var sum reserveSum
	err := k.Pools.Walk(ctx, nil, func(_ uint64, p types.Pool) (bool, error) {
		sum.add(p)
		return false, nil
	})
	return sum.coins(), err
}

// reserveSum adds pools' reserves per denom in linear time (sdk.Coins.Add re-sorts the whole
// set at each call: quadratic in the denoms), then gives them as sorted coins.
type reserveSum struct{ by map[string]math.Int }

func (r *reserveSum) add(p types.Pool) {
	if r.by == nil {
		r.by = make(map[string]math.Int)
	}
	for _, c := range []sdk.Coin{sdk.NewCoin(p.DenomA, p.ReserveA), sdk.NewCoin(p.DenomB, p.ReserveB)} {
		if v, ok := r.by[c.Denom]; ok {
			r.by[c.Denom] = v.Add(c.Amount)
		} else {
			r.by[c.Denom] = c.Amount
		}
	}
}

func (r *reserveSum) coins() sdk.Coins {
	denoms := make([]string, 0, len(r.by))
	for d := range r.by {
		denoms = append(denoms, d)
	}
	slices.Sort(denoms) // sorted: the map's order never reaches the result
	out := make(sdk.Coins, 0, len(denoms))
	for _, d := range denoms {
		if r.by[d].IsPositive() {
			out = append(out, sdk.NewCoin(d, r.by[d]))
		}
	}
	return out
}

// CheckBooks is the pools' books check: the amm account holds exactly the sum of the pools'
// reserves per denom and nothing else; each pool is well formed (denom_a < denom_b, positive
// reserves, shares >= locked_shares > 0 (equal once every provider has exited), an id below the
// next id) and its share denom's bank
// supply is its shares less its locked shares; PoolByPair and PoolsByDenom hold exactly the
// entries the pools give.
func (k Keeper) CheckBooks(ctx context.Context) error {
	next, err := k.NextPoolID.Peek(ctx)
	if err != nil {
		return err
	}
	var sum reserveSum
	pools := 0
	if err := k.Pools.Walk(ctx, nil, func(id uint64, p types.Pool) (bool, error) {
		pools++
		if p.Id != id || id == 0 || id >= next {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d stored under id %d (next id %d)", p.Id, id, next)
		}
		if p.DenomA >= p.DenomB || !p.ReserveA.IsPositive() || !p.ReserveB.IsPositive() ||
			!p.LockedShares.IsPositive() || p.Shares.LT(p.LockedShares) {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d: %s%s and %s%s, %s shares of which %s locked",
				id, p.ReserveA, p.DenomA, p.ReserveB, p.DenomB, p.Shares, p.LockedShares)
		}
		if pid, err := k.PoolByPair.Get(ctx, collections.Join(p.DenomA, p.DenomB)); err != nil || pid != id {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d of %s/%s: the pair index says %d (%v)", id, p.DenomA, p.DenomB, pid, err)
		}
		for _, d := range []string{p.DenomA, p.DenomB} {
			if has, err := k.PoolsByDenom.Has(ctx, collections.Join(d, id)); err != nil || !has {
				return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d is not indexed under %s (%v)", id, d, err)
			}
		}
		shareDenom := types.ShareDenom(id)
		if supply, held := k.bankKeeper.GetSupply(ctx, shareDenom).Amount, p.Shares.Sub(p.LockedShares); !supply.Equal(held) {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pool %d: %s supply %s, shares %s less locked %s = %s",
				id, shareDenom, supply, p.Shares, p.LockedShares, held)
		}
		sum.add(p)
		return false, nil
	}); err != nil {
		return err
	}
	want := sum.coins()
	pairs := 0
	if err := k.PoolByPair.Walk(ctx, nil, func(key collections.Pair[string, string], id uint64) (bool, error) {
		pairs++
		p, err := k.Pools.Get(ctx, id)
		if err != nil || p.DenomA != key.K1() || p.DenomB != key.K2() {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "pair %s/%s points at pool %d, which holds %s/%s (%v)", key.K1(), key.K2(), id, p.DenomA, p.DenomB, err)
		}
		return false, nil
	}); err != nil {
		return err
	}
	indexed := 0
	if err := k.PoolsByDenom.Walk(ctx, nil, func(key collections.Pair[string, uint64]) (bool, error) {
		indexed++
		p, err := k.Pools.Get(ctx, key.K2())
		if err != nil || !holds(p, key.K1()) {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "denom index %s names pool %d, which holds %s/%s (%v)", key.K1(), key.K2(), p.DenomA, p.DenomB, err)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if pairs != pools || indexed != 2*pools {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "%d pools, %d pair entries, %d denom entries", pools, pairs, indexed)
	}
	if held := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(types.ModuleName)); !held.Equal(want) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "the amm account holds %s; the pools' reserves are %s", held, want)
	}
	return nil
}
