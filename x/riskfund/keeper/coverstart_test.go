package keeper_test

import (
	"testing"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

// closeDay is the end of day epoch day+1 as the app runs it: x/escrow's BeginBlocker closes
// every open product's day first (a product in missed counts an unpaid day if it is active),
// then the fund's rounds run (one block).
func (f *fixture) closeDay(t *testing.T, missed ...uint64) {
	t.Helper()
	f.risk.day++
	for _, id := range []uint64{1, 2} {
		p := f.risk.products[id]
		if p.Status != types.StatusActive && p.Status != types.StatusSuspended {
			continue
		}
		for _, m := range missed {
			if m == id && p.Status == types.StatusActive {
				p.UnpaidDays++
			}
		}
	}
	f.block(t, 1)
}

// terminate terminates product 1 and runs the blocks of its claim run; it returns what the
// holder of NFT 1 received.
func (f *fixture) terminate(t *testing.T) int64 {
	t.Helper()
	f.risk.products[1].Status = types.StatusTerminated
	if err := f.k.BeforeProductTerminated(f.ctx, 1); err != nil {
		t.Fatal(err)
	}
	before := bal(f, f.hold[0])
	f.block(t, 3)
	if has, _ := f.k.ClaimRuns.Has(f.ctx, 1); has {
		t.Fatal("claim run still open")
	}
	f.checkBooks(t)
	return bal(f, f.hold[0]) - before
}

// Issue #14 item 4 with the default waiting period: bought at day 10 (cover_start_day 17), the
// product pays days 11..17 (the waiting days), misses days 18..23 (6 unpaid days), is suspended
// by its 7th missed day (day 24, no unpaid day) and terminated. The cover pays the 6 days after
// cover start: 1,000,000 × 6 / 100 = 60,000. (Counted from the counter at purchase + 7, as
// before the fix, these 6 days paid nothing.)
func TestCoverCountsUnpaidDaysAfterCoverStart(t *testing.T) {
	f := setup(t)
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	p, _ := f.k.Policies.Get(f.ctx, 1)
	if p.BoughtDay != 10 || p.CoverStartDay != 17 {
		t.Fatalf("bought day %d, cover start %d; want 10, 17", p.BoughtDay, p.CoverStartDay)
	}
	for d := 11; d <= 17; d++ {
		f.closeDay(t)
	}
	for d := 18; d <= 23; d++ {
		f.closeDay(t, 1)
	}
	f.risk.products[1].Status = types.StatusSuspended // day 24: the 7th missed day in a row
	f.closeDay(t, 1)
	if u := f.risk.products[1].UnpaidDays; u != 6 {
		t.Fatalf("unpaid days %d, want 6", u)
	}
	if got := f.terminate(t); got != 60_000 {
		t.Fatalf("cover paid %d, want 1,000,000 × 6 / 100 = 60,000", got)
	}
}

// Misses in the waiting period are not covered: days 12..14 missed (3 unpaid days before cover
// start), days 15..17 paid, days 18 and 19 missed, day 20 paid: 2 covered days = 20,000, not the
// 5 unpaid days in all.
func TestWaitingPeriodMissesNotCovered(t *testing.T) {
	f := setup(t)
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	f.closeDay(t) // 11
	for d := 12; d <= 14; d++ {
		f.closeDay(t, 1)
	}
	for d := 15; d <= 17; d++ {
		f.closeDay(t)
	}
	f.closeDay(t, 1) // 18
	f.closeDay(t, 1) // 19
	f.closeDay(t)    // 20
	if got := f.terminate(t); got != 20_000 {
		t.Fatalf("cover paid %d, want 1,000,000 × 2 / 100 = 20,000", got)
	}
}
