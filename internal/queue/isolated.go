package queue

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue/types"
)

// Policy says what happens to an item whose work failed. Its changes are always discarded first.
type Policy[K any] struct {
	// Module names the owner in events and logs.
	Module string
	// Retry returns when the item is tried again after its failures-th failure (failures >= 1);
	// ok=false parks it instead. It must be later than the item's due, or the item would be retried
	// in the same block. An item that locks coins or others' records must be parked after a
	// bounded number of failures. ctx is the block's (the failed work discarded): Retry may record
	// the new due in the module's own state (e.g. a record's next due), in step with the queue.
	Retry func(ctx context.Context, item Item[K], failures uint32) (due K, ok bool)
	// Park, if set, runs when the item is parked, in its own cache context (e.g. refund an
	// auction's bids). Its failure is reported in the event; the item leaves the queue all the same.
	Park func(ctx context.Context, item Item[K], cause error) error
}

// ItemError is the error an item's work ended with: a returned error, or a recovered panic.
type ItemError struct {
	Err      error
	Panicked bool
}

func (e ItemError) Error() string { return e.Err.Error() }
func (e ItemError) Unwrap() error { return e.Err }

// ProcessIsolated is Process for block hooks: each item's work runs in its own cache context and is
// written only if it succeeds. A failing item (an error or a panic) does not stop the others: it
// is pushed again at policy.Retry's due with its failure counted, or parked (removed, after
// policy.Park), and an EventItemFailed says which. An item that is not done (its block budget ran
// out) keeps its place and ends this block's processing. It returns how many items were finished
// successfully; its error is only the store's (reading or writing the queue itself).
//
// An out-of-gas panic inside a transaction (a finite gas meter) is not recovered: the transaction
// must fail. Block hooks run with an infinite gas meter.
func (q Queue[K]) ProcessIsolated(ctx sdk.Context, now K, max int, policy Policy[K], handle Handler[K]) (int, error) {
	items, err := q.Due(ctx, now, max)
	if err != nil {
		return 0, err
	}
	finished := 0
	for _, it := range items {
		done, err := runIsolated(ctx, func(c sdk.Context) (bool, error) { return q.handleOne(c, it, handle) })
		if err != nil {
			if err := q.fail(ctx, policy, it, err); err != nil {
				return finished, err
			}
			continue
		}
		if !done {
			return finished, nil
		}
		finished++
	}
	return finished, nil
}

// runIsolated runs fn in a cache context of ctx, writes it only on success and turns a panic into an
// ItemError (out-of-gas in a transaction excepted).
func runIsolated(ctx sdk.Context, fn func(sdk.Context) (bool, error)) (done bool, err error) {
	cache, write := ctx.CacheContext()
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, oog := r.(storetypes.ErrorOutOfGas); oog && ctx.GasMeter().Limit() != math.MaxUint64 {
			panic(r)
		}
		done, err = false, ItemError{Err: fmt.Errorf("panic: %v", r), Panicked: true}
	}()
	done, err = fn(cache)
	if err != nil {
		var ie ItemError
		if !errors.As(err, &ie) {
			err = ItemError{Err: err}
		}
		return false, err
	}
	write()
	return done, nil
}

// fail records a failed item: retried at the policy's due with one more failure, or parked.
func (q Queue[K]) fail(ctx sdk.Context, policy Policy[K], it Item[K], cause error) error {
	failures := it.Failures + 1
	if err := q.Remove(ctx, it.Due, it.ID); err != nil {
		return err
	}
	ev := &types.EventItemFailed{
		Module: policy.Module, Queue: q.name, Id: it.ID, Due: formatDue(it.Due), Failures: failures, Error: cause.Error(),
	}
	var (
		retry K
		ok    bool
	)
	if policy.Retry != nil {
		retry, ok = policy.Retry(ctx, it, failures)
	}
	if ok {
		if err := q.items.Set(ctx, collections.Join(retry, it.ID), failures); err != nil {
			return err
		}
		ev.RetryDue = formatDue(retry)
	} else {
		ev.Parked = true
		if policy.Park != nil {
			if _, err := runIsolated(ctx, func(c sdk.Context) (bool, error) { return true, policy.Park(c, it, cause) }); err != nil {
				ev.ParkError = err.Error()
			}
		}
	}
	ctx.Logger().Error("queue item failed; its changes were discarded", "module", policy.Module, "queue", q.name,
		"id", it.ID, "failures", failures, "err", cause, "retry_due", ev.RetryDue, "parked", ev.Parked, "park_error", ev.ParkError)
	return ctx.EventManager().EmitTypedEvent(ev)
}

func formatDue[K any](due K) string {
	if t, ok := any(due).(time.Time); ok {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(due)
}
