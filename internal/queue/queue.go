// Package queue is DMEX's one bounded queue: items (ids) keyed by when they fall due, a block
// time or a height, processed in due order at most N per block; what is left resumes next block.
// Auction ends, application expiries, product term ends, loan maturities and payouts all use it,
// so no block ever walks everything that is due.
//
// The queue is a collections.Map from (due, id) pairs to the number of times the item's work has
// failed: pushing and removing are O(1) store operations, and finding what is due is one ordered
// range scan that stops after N keys.
//
// ProcessIsolated is the one way a block hook works through a queue: each item runs in its own
// cache context with panics recovered, so a failing item is retried later or parked, with an
// EventItemFailed, and the others go on. No module writes its own failure wrapper.
package queue

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/codec"
)

// Queue holds ids keyed by when they fall due (K: time.Time with sdk.TimeKey, or a height).
type Queue[K any] struct {
	name  string
	items collections.Map[collections.Pair[K, uint64], uint32]
}

// New declares a queue in a module's schema under its own prefix.
func New[K any](sb *collections.SchemaBuilder, prefix collections.Prefix, name string, dueCodec codec.KeyCodec[K]) Queue[K] {
	return Queue[K]{name: name, items: collections.NewMap(sb, prefix, name,
		collections.PairKeyCodec(dueCodec, collections.Uint64Key), collections.Uint32Value)}
}

// Name is the queue's name in its module's schema (used in events and logs).
func (q Queue[K]) Name() string { return q.name }

// Push schedules id at due (with no failures recorded).
func (q Queue[K]) Push(ctx context.Context, due K, id uint64) error {
	return q.items.Set(ctx, collections.Join(due, id), 0)
}

// PushItem schedules an item as exported (its failures kept), for genesis import.
func (q Queue[K]) PushItem(ctx context.Context, it Item[K]) error {
	return q.items.Set(ctx, collections.Join(it.Due, it.ID), it.Failures)
}

// Remove unschedules id at due (nothing happens if it is not there).
func (q Queue[K]) Remove(ctx context.Context, due K, id uint64) error {
	return q.items.Remove(ctx, collections.Join(due, id))
}

// Has reports whether id is scheduled at due.
func (q Queue[K]) Has(ctx context.Context, due K, id uint64) (bool, error) {
	return q.items.Has(ctx, collections.Join(due, id))
}

// Item is one scheduled id; Failures counts how many times its work has failed so far.
type Item[K any] struct {
	Due      K
	ID       uint64
	Failures uint32
}

// Due returns at most max items due at or before now, in due order (ties by id).
func (q Queue[K]) Due(ctx context.Context, now K, max int) ([]Item[K], error) {
	if max <= 0 {
		return nil, nil
	}
	iter, err := q.items.Iterate(ctx, collections.NewPrefixUntilPairRange[K, uint64](now))
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var out []Item[K]
	for ; iter.Valid() && len(out) < max; iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			return nil, err
		}
		out = append(out, Item[K]{Due: kv.Key.K1(), ID: kv.Key.K2(), Failures: kv.Value})
	}
	return out, nil
}

// Handler works on one due item. It returns done=true when the item is finished (it leaves the
// queue); done=false keeps it at the head and ends this block's processing, for an item whose
// work ran out of its block budget: it resumes next block. A handler may push new items
// (including its own id, at a later due or at its own: either stays queued) while it runs.
type Handler[K any] func(ctx context.Context, item Item[K]) (done bool, err error)

// Process hands at most max items due at or before now to handle, in due order, and returns how
// many were finished. It stops at the first error (items finished before it stay finished) or at
// the first item that is not done.
func (q Queue[K]) Process(ctx context.Context, now K, max int, handle Handler[K]) (int, error) {
	// Collect first: handlers write to the queue, which must not happen under an open iterator.
	items, err := q.Due(ctx, now, max)
	if err != nil {
		return 0, err
	}
	finished := 0
	for _, it := range items {
		done, err := q.handleOne(ctx, it, handle)
		if err != nil {
			return finished, err
		}
		if !done {
			return finished, nil
		}
		finished++
	}
	return finished, nil
}

// handleOne takes the item off the queue, then runs handle: so a handler that pushes its own key
// again (the same id at the same due, e.g. a follow-up round) keeps it queued. An item that is
// not done, or failed, is put back where it was with its failures (unless the handler re-pushed it).
func (q Queue[K]) handleOne(ctx context.Context, it Item[K], handle Handler[K]) (bool, error) {
	if err := q.Remove(ctx, it.Due, it.ID); err != nil {
		return false, err
	}
	done, err := handle(ctx, it)
	if err == nil && done {
		return true, nil
	}
	if has, herr := q.Has(ctx, it.Due, it.ID); herr != nil {
		return false, herr
	} else if !has {
		if serr := q.PushItem(ctx, it); serr != nil {
			return false, serr
		}
	}
	return false, err
}

// Walk calls fn on every item in due order (for genesis export and books checks, not blocks).
func (q Queue[K]) Walk(ctx context.Context, fn func(item Item[K]) (stop bool, err error)) error {
	return q.items.Walk(ctx, nil, func(key collections.Pair[K, uint64], failures uint32) (bool, error) {
		return fn(Item[K]{Due: key.K1(), ID: key.K2(), Failures: failures})
	})
}
