package keeper_test

import (
	"testing"
	"time"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/hashnft/keeper"
)

// A product term end that keeps failing is never parked (a parked active product would be out of
// its queue): after keeper.SettleTries hourly tries it is tried daily, and stays queued.
func TestFailingTermEndIsNeverParked(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(2, "100uusdt"))
	p := f.getProduct(pid)
	// Break the record so that every try of its term end fails (the miner cannot be parsed).
	p.Miner = "not-an-address"
	if err := f.k.Products.Set(f.ctx, pid, p); err != nil {
		t.Fatal(err)
	}
	var at time.Time
	if err := f.k.ProductQueue.Walk(f.ctx, func(it queue.Item[time.Time]) (bool, error) {
		if it.ID == pid {
			at = it.Due
		}
		return false, nil
	}); err != nil {
		t.Fatal(err)
	}
	f.ctx = f.ctx.WithBlockTime(at.Add(-time.Second))
	items := func() []queue.Item[time.Time] {
		var out []queue.Item[time.Time]
		if err := f.k.ProductQueue.Walk(f.ctx, func(it queue.Item[time.Time]) (bool, error) { out = append(out, it); return false, nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	f.blockUnchecked(time.Second) // the first try, at the term end
	for try := 2; try <= keeper.SettleTries+2; try++ {
		q := items()
		if len(q) != 1 || q[0].ID != pid || q[0].Failures != uint32(try-1) {
			t.Fatalf("before try %d the product queue holds %+v", try, q)
		}
		f.ctx = f.ctx.WithBlockTime(q[0].Due)
		f.blockUnchecked(0)
	}
	q := items()
	if len(q) != 1 || q[0].Failures != keeper.SettleTries+2 {
		t.Fatalf("after %d tries: %+v", keeper.SettleTries+2, q)
	}
	if gap := q[0].Due.Sub(f.ctx.BlockTime()); gap != keeper.ParkedRetryDelay {
		t.Fatalf("after the %dth failure the next try is %s later, want %s", keeper.SettleTries, gap, keeper.ParkedRetryDelay)
	}
}

// blockUnchecked runs the EndBlocker d later without the books check (for a record broken on purpose).
func (f *fixture) blockUnchecked(d time.Duration) {
	f.t.Helper()
	f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(d)).WithBlockHeight(f.ctx.BlockHeight() + 1)
	if err := f.k.EndBlocker(f.ctx); err != nil {
		f.t.Fatal(err)
	}
}
