package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
)

func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextPoolId: 1, NextBuybackId: 1}
}

// The times a genesis may hold (what a protobuf Timestamp and its JSON can carry).
var (
	minTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC)
)

// maxCumulativeBits bounds a genesis price accumulator (its 10^18-scaled integer; about 2^180
// as a value): the interpolation multiplies a difference of two by nanoseconds, which must stay
// within LegacyDec's 316 bits. A pool at the largest price, 2^128, reaches 2^163 in 1,000 years.
const maxCumulativeBits = 240

func cumulativeOK(d math.LegacyDec) bool {
	return !d.IsNil() && !d.IsNegative() && d.BigInt().BitLen() <= maxCumulativeBits
}

// Validate checks the params; every pool: an id in [1, next_pool_id), once; denoms valid with
// denom_a < denom_b, each pair once (accepted denoms are not required: the params may have
// changed since the pool was made); reserves positive, shares > locked_shares > 0, all at most
// MaxAmount; a swap fee at most MaxSwapFeeBps; a bech32 creator (if any). Every price record
// belongs to a pool, at most one per (pool, time), with non-negative accumulators below 2^180. Then the
// buyback part (validateBuybacks).
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "params: %v", err)
	}
	if gs.NextPoolId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_pool_id starts at 1")
	}
	ids := make(map[uint64]bool, len(gs.Pools))
	type pair struct{ a, b string }
	pairs := make(map[pair]uint64, len(gs.Pools))
	for _, p := range gs.Pools {
		if p.Id == 0 || p.Id >= gs.NextPoolId || ids[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool id %d duplicated or not in [1, next_pool_id %d)", p.Id, gs.NextPoolId)
		}
		ids[p.Id] = true
		for _, d := range []string{p.DenomA, p.DenomB} {
			if err := sdk.ValidateDenom(d); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d denom %q: %v", p.Id, d, err)
			}
			if _, err := PoolIDOfShareDenom(d); err == nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d holds a pool share %s", p.Id, d)
			}
		}
		if p.DenomA >= p.DenomB {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: denom_a %s must sort before denom_b %s", p.Id, p.DenomA, p.DenomB)
		}
		if other, dup := pairs[pair{p.DenomA, p.DenomB}]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pools %d and %d both hold %s/%s (one pool per pair)", other, p.Id, p.DenomA, p.DenomB)
		}
		pairs[pair{p.DenomA, p.DenomB}] = p.Id
		for _, a := range []struct {
			name string
			v    math.Int
		}{{"reserve_a", p.ReserveA}, {"reserve_b", p.ReserveB}, {"shares", p.Shares}, {"locked_shares", p.LockedShares}} {
			if err := CheckAmount(a.name, a.v); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: %v", p.Id, err)
			}
		}
		// Equal when every provider has exited: the locked shares keep a part of each reserve.
		if p.Shares.LT(p.LockedShares) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: %s shares, fewer than the %s locked", p.Id, p.Shares, p.LockedShares)
		}
		if p.SwapFeeBps > MaxSwapFeeBps {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: swap fee %d bps above %d", p.Id, p.SwapFeeBps, MaxSwapFeeBps)
		}
		if p.Creator != "" {
			if _, _, err := bech32.DecodeAndConvert(p.Creator); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d creator %q: %v", p.Id, p.Creator, err)
			}
		}
		if p.CreatedHeight < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d created at height %d", p.Id, p.CreatedHeight)
		}
	}
	type recKey struct {
		pool uint64
		sec  int64
		nsec int
	}
	recs := make(map[recKey]bool, len(gs.TwapRecords))
	for _, r := range gs.TwapRecords {
		if !ids[r.PoolId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price record of pool %d, which does not exist", r.PoolId)
		}
		if r.Time.Before(minTime) || r.Time.After(maxTime) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price record of pool %d at %s: out of range", r.PoolId, r.Time)
		}
		k := recKey{r.PoolId, r.Time.Unix(), r.Time.Nanosecond()}
		if recs[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "two price records of pool %d at %s", r.PoolId, r.Time.Format(time.RFC3339Nano))
		}
		recs[k] = true
		if !cumulativeOK(r.CumulativeA) || !cumulativeOK(r.CumulativeB) || r.Height < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price record of pool %d at %s: cumulatives %v and %v, height %d",
				r.PoolId, r.Time.Format(time.RFC3339Nano), r.CumulativeA, r.CumulativeB, r.Height)
		}
	}
	return validateBuybacks(gs)
}
