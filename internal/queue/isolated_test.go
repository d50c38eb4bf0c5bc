package queue_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/internal/queue/types"
)

type heightFixture struct {
	ctx  sdk.Context
	q    queue.Queue[uint64]
	done collections.KeySet[uint64] // what successful work wrote
}

func heightQueue(t *testing.T) heightFixture {
	t.Helper()
	key := storetypes.NewKVStoreKey("q")
	ctx := sdktestutil.DefaultContext(key, storetypes.NewTransientStoreKey("tq"))
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(key))
	f := heightFixture{
		ctx:  ctx,
		q:    queue.New(sb, collections.NewPrefix(1), "heights", collections.Uint64Key),
		done: collections.NewKeySet(sb, collections.NewPrefix(2), "done", collections.Uint64Key),
	}
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f heightFixture) items(t *testing.T) []queue.Item[uint64] {
	t.Helper()
	var out []queue.Item[uint64]
	if err := f.q.Walk(f.ctx, func(it queue.Item[uint64]) (bool, error) { out = append(out, it); return false, nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func failedEvents(t *testing.T, ctx sdk.Context) []types.EventItemFailed {
	t.Helper()
	var out []types.EventItemFailed
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type != "dmex.queue.v1.EventItemFailed" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abciEvent(ev))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, *msg.(*types.EventItemFailed))
	}
	return out
}

// The work of item 2 fails (error) and of item 3 panics, after writing: both are retried, their
// writes discarded, and items 1 and 4 are done in the same block.
func TestProcessIsolatedConfinesFailures(t *testing.T) {
	f := heightQueue(t)
	for _, id := range []uint64{1, 2, 3, 4} {
		if err := f.q.Push(f.ctx, 10, id); err != nil {
			t.Fatal(err)
		}
	}
	policy := queue.Policy[uint64]{Module: "test", Retry: func(_ context.Context, it queue.Item[uint64], failures uint32) (uint64, bool) {
		return it.Due + 5, failures < 3
	}}
	work := func(c context.Context, it queue.Item[uint64]) (bool, error) {
		if err := f.done.Set(c, it.ID); err != nil {
			return false, err
		}
		switch it.ID {
		case 2:
			return false, errors.New("bad record")
		case 3:
			var m map[string]int
			m["x"] = 1 //nolint:staticcheck // SA5000: the nil map write is the runtime panic this case needs
		}
		return true, nil
	}
	n, err := f.q.ProcessIsolated(f.ctx, 10, 10, policy, work)
	if err != nil || n != 2 {
		t.Fatalf("finished %d, err %v; want 2, nil", n, err)
	}
	for id, want := range map[uint64]bool{1: true, 2: false, 3: false, 4: true} {
		if has, _ := f.done.Has(f.ctx, id); has != want {
			t.Errorf("item %d's write kept = %v, want %v", id, has, want)
		}
	}
	want := []queue.Item[uint64]{{Due: 15, ID: 2, Failures: 1}, {Due: 15, ID: 3, Failures: 1}}
	if got := f.items(t); !reflect.DeepEqual(got, want) {
		t.Fatalf("queue after the block: %+v, want %+v", got, want)
	}
	evs := failedEvents(t, f.ctx)
	if len(evs) != 2 || evs[0].Id != 2 || evs[0].Error != "bad record" || evs[0].RetryDue != "15" || evs[0].Parked ||
		evs[1].Id != 3 || evs[1].Failures != 1 || evs[1].Error == "" {
		t.Fatalf("events: %+v", evs)
	}
	// Not due yet: nothing happens at 14.
	if n, err := f.q.ProcessIsolated(f.ctx, 14, 10, policy, work); n != 0 || err != nil {
		t.Fatalf("at 14: %d, %v", n, err)
	}
}

// After the policy's last retry the item is parked: its park action runs (in its own cache
// context) and it leaves the queue, and a failing park action leaves it too.
func TestProcessIsolatedParksAfterBoundedRetries(t *testing.T) {
	for _, parkFails := range []bool{false, true} {
		f := heightQueue(t)
		if err := f.q.Push(f.ctx, 1, 7); err != nil {
			t.Fatal(err)
		}
		var parked []uint32
		policy := queue.Policy[uint64]{
			Module: "test",
			Retry: func(_ context.Context, it queue.Item[uint64], failures uint32) (uint64, bool) {
				return it.Due + 1, failures < 3
			},
			Park: func(c context.Context, it queue.Item[uint64], cause error) error {
				parked = append(parked, it.Failures)
				if err := f.done.Set(c, 100+it.ID); err != nil {
					return err
				}
				if parkFails {
					return errors.New("park failed")
				}
				return nil
			},
		}
		fail := func(context.Context, queue.Item[uint64]) (bool, error) { return false, errors.New("cannot settle") }
		for h := uint64(1); h <= 10; h++ {
			if _, err := f.q.ProcessIsolated(f.ctx, h, 10, policy, fail); err != nil {
				t.Fatal(err)
			}
		}
		if got := f.items(t); len(got) != 0 {
			t.Fatalf("parkFails=%v: still queued: %+v", parkFails, got)
		}
		if !reflect.DeepEqual(parked, []uint32{2}) {
			t.Fatalf("parkFails=%v: park ran with %v, want once after the third failure (2 earlier failures)", parkFails, parked)
		}
		if has, _ := f.done.Has(f.ctx, 107); has == parkFails {
			t.Fatalf("parkFails=%v: park's write kept = %v", parkFails, has)
		}
		evs := failedEvents(t, f.ctx)
		last := evs[len(evs)-1]
		if len(evs) != 3 || !last.Parked || last.Failures != 3 || last.RetryDue != "" || (last.ParkError != "") != parkFails {
			t.Fatalf("parkFails=%v: events %+v", parkFails, evs)
		}
	}
}

// An item whose budget ran out keeps its place and ends the block's processing.
func TestProcessIsolatedNotDoneResumes(t *testing.T) {
	f := heightQueue(t)
	for _, id := range []uint64{1, 2} {
		if err := f.q.Push(f.ctx, 1, id); err != nil {
			t.Fatal(err)
		}
	}
	var seen []uint64
	n, err := f.q.ProcessIsolated(f.ctx, 1, 10, queue.Policy[uint64]{Module: "test"}, func(c context.Context, it queue.Item[uint64]) (bool, error) {
		seen = append(seen, it.ID)
		return false, f.done.Set(c, it.ID)
	})
	if err != nil || n != 0 || !reflect.DeepEqual(seen, []uint64{1}) {
		t.Fatalf("n=%d err=%v seen=%v", n, err, seen)
	}
	if has, _ := f.done.Has(f.ctx, 1); !has {
		t.Fatal("the unfinished item's progress was not written")
	}
	if got := f.items(t); len(got) != 2 {
		t.Fatalf("queue: %+v", got)
	}
}

// Inside a transaction (a finite gas meter) running out of gas is not an item failure: it panics
// through, so that the transaction fails; with an infinite meter (blocks) nothing is out of gas.
func TestProcessIsolatedOutOfGasAbortsTheTx(t *testing.T) {
	f := heightQueue(t)
	if err := f.q.Push(f.ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	ctx := f.ctx.WithGasMeter(storetypes.NewGasMeter(1_000_000))
	defer func() {
		r := recover()
		if _, ok := r.(storetypes.ErrorOutOfGas); !ok {
			t.Fatalf("recovered %v, want ErrorOutOfGas to reach the transaction", r)
		}
	}()
	_, _ = f.q.ProcessIsolated(ctx, 1, 10, queue.Policy[uint64]{Module: "test"}, func(c context.Context, it queue.Item[uint64]) (bool, error) {
		sdk.UnwrapSDKContext(c).GasMeter().ConsumeGas(2_000_000, "test")
		return true, nil
	})
	t.Fatal("no panic")
}

func abciEvent(ev sdk.Event) abci.Event { return abci.Event(ev) }

// A handler that pushes its own key again (a follow-up at the same due) keeps it queued, with no
// failure counted; without that push a done item leaves.
func TestHandlerRepushingItsOwnKeyStaysQueued(t *testing.T) {
	f := heightQueue(t)
	for _, id := range []uint64{1, 2} {
		if err := f.q.Push(f.ctx, 3, id); err != nil {
			t.Fatal(err)
		}
	}
	n, err := f.q.ProcessIsolated(f.ctx, 3, 10, queue.Policy[uint64]{Module: "test"}, func(c context.Context, it queue.Item[uint64]) (bool, error) {
		if it.ID == 1 {
			return true, f.q.Push(c, it.Due, it.ID)
		}
		return true, nil
	})
	if err != nil || n != 2 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	if got, want := f.items(t), []queue.Item[uint64]{{Due: 3, ID: 1}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("queue %+v, want %+v", got, want)
	}
}
