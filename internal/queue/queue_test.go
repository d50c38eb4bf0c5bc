package queue_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/colltest"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
)

func timeQueue(t *testing.T) (queue.Queue[time.Time], context.Context) {
	t.Helper()
	ss, ctx := colltest.MockStore()
	sb := collections.NewSchemaBuilder(ss)
	q := queue.New(sb, collections.NewPrefix(9), "due", sdk.TimeKey)
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	return q, ctx
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }

// collect processes what is due at now, at most max, finishing everything, and returns the ids.
func collect(t *testing.T, q queue.Queue[time.Time], ctx context.Context, now time.Time, max int) []uint64 {
	t.Helper()
	var ids []uint64
	n, err := q.Process(ctx, now, max, func(_ context.Context, it queue.Item[time.Time]) (bool, error) {
		ids = append(ids, it.ID)
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ids) {
		t.Fatalf("finished %d, handled %v", n, ids)
	}
	return ids
}

func TestDueOrderBoundAndResume(t *testing.T) {
	q, ctx := timeQueue(t)
	// Pushed out of order; ties at the same time go by id.
	for _, p := range []struct {
		s  int
		id uint64
	}{{30, 1}, {10, 7}, {10, 3}, {20, 2}, {40, 4}, {10, 5}} {
		if err := q.Push(ctx, at(p.s), p.id); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []struct {
		now  int
		max  int
		want []uint64
	}{
		{5, 10, nil},            // nothing due yet
		{10, 2, []uint64{3, 5}}, // at most 2 per block, due order, ties by id
		{10, 2, []uint64{7}},    // the rest of the block before resumes
		{35, 2, []uint64{2, 1}}, // due at or before now only
		{35, 2, nil},            // 4 is not due
		{40, 0, nil},            // a zero bound does nothing
		{100, 5, []uint64{4}},   // finally
		{1000, 5, nil},          // empty
	} {
		if got := collect(t, q, ctx, at(step.now), step.max); !reflect.DeepEqual(got, step.want) {
			t.Fatalf("at %ds max %d: processed %v, want %v", step.now, step.max, got, step.want)
		}
	}
}

func TestNotDoneStopsTheBlockAndResumesNext(t *testing.T) {
	q, ctx := timeQueue(t)
	for id := uint64(1); id <= 3; id++ {
		if err := q.Push(ctx, at(int(id)), id); err != nil {
			t.Fatal(err)
		}
	}
	// Item 2 needs three blocks of work (a budget of 1 unit per block, 3 units).
	work := map[uint64]int{1: 1, 2: 3, 3: 1}
	var log []uint64
	handle := func(_ context.Context, it queue.Item[time.Time]) (bool, error) {
		log = append(log, it.ID)
		work[it.ID]--
		return work[it.ID] == 0, nil
	}
	var finished []int
	for block := 0; block < 4; block++ {
		n, err := q.Process(ctx, at(10), 10, handle)
		if err != nil {
			t.Fatal(err)
		}
		finished = append(finished, n)
	}
	if want := []uint64{1, 2, 2, 2, 3}; !reflect.DeepEqual(log, want) {
		t.Fatalf("handled %v, want %v", log, want)
	}
	if want := []int{1, 0, 2, 0}; !reflect.DeepEqual(finished, want) {
		t.Fatalf("finished per block %v, want %v", finished, want)
	}
}

func TestErrorStopsAndKeepsTheItem(t *testing.T) {
	q, ctx := timeQueue(t)
	for id := uint64(1); id <= 3; id++ {
		if err := q.Push(ctx, at(0), id); err != nil {
			t.Fatal(err)
		}
	}
	boom := errors.New("boom")
	n, err := q.Process(ctx, at(0), 10, func(_ context.Context, it queue.Item[time.Time]) (bool, error) {
		if it.ID == 2 {
			return false, boom
		}
		return true, nil
	})
	if !errors.Is(err, boom) || n != 1 {
		t.Fatalf("finished %d, err %v", n, err)
	}
	if got := collect(t, q, ctx, at(0), 10); !reflect.DeepEqual(got, []uint64{2, 3}) {
		t.Fatalf("left %v, want [2 3]", got)
	}
}

func TestHandlerMayRescheduleItself(t *testing.T) {
	q, ctx := timeQueue(t)
	if err := q.Push(ctx, at(0), 1); err != nil {
		t.Fatal(err)
	}
	// The handler moves the item an hour later (a retry): it is not seen again in this block.
	calls := 0
	_, err := q.Process(ctx, at(0), 10, func(c context.Context, it queue.Item[time.Time]) (bool, error) {
		calls++
		return true, q.Push(c, it.Due.Add(time.Hour), it.ID)
	})
	if err != nil || calls != 1 {
		t.Fatalf("calls %d err %v", calls, err)
	}
	if has, _ := q.Has(ctx, at(0), 1); has {
		t.Fatal("the old key is still queued")
	}
	if got := collect(t, q, ctx, at(3600), 10); !reflect.DeepEqual(got, []uint64{1}) {
		t.Fatalf("after an hour: %v", got)
	}
}

func TestHeightQueueAndRemove(t *testing.T) {
	ss, ctx := colltest.MockStore()
	sb := collections.NewSchemaBuilder(ss)
	q := queue.New(sb, collections.NewPrefix(1), "by_height", collections.Int64Key)
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	for h, id := range map[int64]uint64{5: 1, 6: 2, 7: 3} {
		if err := q.Push(ctx, h, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Remove(ctx, 6, 2); err != nil {
		t.Fatal(err)
	}
	var walked []uint64
	if err := q.Walk(ctx, func(it queue.Item[int64]) (bool, error) { walked = append(walked, it.ID); return false, nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(walked, []uint64{1, 3}) {
		t.Fatalf("walked %v", walked)
	}
	items, err := q.Due(ctx, 6, 10)
	if err != nil || len(items) != 1 || items[0].ID != 1 || items[0].Due != 5 {
		t.Fatalf("due at 6: %v %v", items, err)
	}
}

// A large backlog is never scanned past the bound: Due reads at most max keys.
func TestBoundHoldsWithALargeBacklog(t *testing.T) {
	q, ctx := timeQueue(t)
	for id := uint64(1); id <= 10_000; id++ {
		if err := q.Push(ctx, at(int(id%100)), id); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for block := 0; ; block++ {
		got := collect(t, q, ctx, at(1000), 100)
		if len(got) > 100 {
			t.Fatalf("block %d processed %d", block, len(got))
		}
		if len(got) == 0 {
			break
		}
		total += len(got)
	}
	if total != 10_000 {
		t.Fatalf("processed %d of 10000", total)
	}
}
