package simulation

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// MaxVisits bounds the records a factory reads to find one that fits: a factory never walks a
// whole collection, however long the simulation.
const MaxVisits = 100

// Iterate is a uint64-keyed collection's Iterate (collections.Map or IndexedMap).
type Iterate[V any] func(context.Context, collections.Ranger[uint64]) (collections.Iterator[uint64, V], error)

// Pick reads at most MaxVisits records, starting at a random key at or below the collection's
// last key and wrapping around to its first, and returns up to want of those accept takes (all
// of them if want is 0), in key order from the start.
func Pick[V any](ctx context.Context, r *simsx.XRand, iterate Iterate[V], want int, accept func(V) bool) []V {
	last, ok := lastKey(ctx, iterate)
	if !ok {
		return nil
	}
	start := uint64(r.Int63n(int64(min(last, 1<<62)) + 1))
	var out []V
	visited := 0
	walk := func(rng *collections.Range[uint64]) {
		it, err := iterate(ctx, rng)
		if err != nil {
			return
		}
		defer it.Close()
		for ; it.Valid() && visited < MaxVisits && (want == 0 || len(out) < want); it.Next() {
			visited++
			v, err := it.Value()
			if err != nil {
				return
			}
			if accept(v) {
				out = append(out, v)
			}
		}
	}
	walk(new(collections.Range[uint64]).StartInclusive(start))
	if start > 0 {
		walk(new(collections.Range[uint64]).EndExclusive(start))
	}
	return out
}

// PickOne is Pick for one record, chosen at random among the first ten that fit.
func PickOne[V any](ctx context.Context, r *simsx.XRand, iterate Iterate[V], accept func(V) bool) (V, bool) {
	found := Pick(ctx, r, iterate, 10, accept)
	if len(found) == 0 {
		var zero V
		return zero, false
	}
	return found[r.Intn(len(found))], true
}

func lastKey[V any](ctx context.Context, iterate Iterate[V]) (uint64, bool) {
	it, err := iterate(ctx, new(collections.Range[uint64]).Descending())
	if err != nil {
		return 0, false
	}
	defer it.Close()
	if !it.Valid() {
		return 0, false
	}
	k, err := it.Key()
	return k, err == nil
}

// DryRun runs a message on a throw-away branch of the state: a factory sends only what it saw
// succeed there, so a delivered message fails only if the simulation's model is wrong.
func DryRun(ctx context.Context, run func(sdk.Context) error) error {
	cache, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	return run(cache)
}

// Refused is the delivery check of a message sent to be refused: the transaction must fail with
// the registered error want, and state (a description of the records the message names, read
// again after the delivery) must not have changed.
func Refused(want *errorsmod.Error, state func() string) simsx.SimDeliveryResultHandler {
	before := state()
	return func(err error) error {
		if err == nil {
			return fmt.Errorf("the message was accepted; want %s (code %d)", want.Error(), want.ABCICode())
		}
		if !errors.Is(err, want) {
			return fmt.Errorf("refused with %w; want %s (codespace %s, code %d)", err, want.Error(), want.Codespace(), want.ABCICode())
		}
		if after := state(); after != before {
			return fmt.Errorf("a refused message changed the state:\nbefore %s\nafter  %s", before, after)
		}
		return nil
	}
}

// ExpectRefusal dry-runs a message that must be refused with want: a factory sends it only if
// the dry run refuses it so (otherwise the simulation's model of the state is off, and it skips).
func ExpectRefusal(ctx context.Context, reporter simsx.SimulationReporter, want *errorsmod.Error, run func(sdk.Context) error) bool {
	err := DryRun(ctx, run)
	if !errors.Is(err, want) {
		reporter.Skipf("dry run gave %v, not %s", err, want)
		return false
	}
	return true
}
