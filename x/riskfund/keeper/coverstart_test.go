package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/dmexchain/dmex/x/riskfund/keeper"
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
		p.ClosedThrough = f.risk.day
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

func (f *fixture) policy(t *testing.T, nft uint64) types.Policy {
	t.Helper()
	p, err := f.k.Policies.Get(f.ctx, nft)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The snapshot waits for the product's day close: day 17 has ended but x/escrow has not closed
// product 1's day 17 yet (ClosedThrough 16): the policy stays queued with its upper bound. The
// close of day 17 (a missed waiting day) comes, then the snapshot (1); days 18 and 19 are missed:
// 2 covered days = 20,000 (a snapshot before the close, 0, would pay 3 days).
func TestSnapshotWaitsForTheDayClose(t *testing.T) {
	f := setup(t)
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	for d := 11; d <= 16; d++ {
		f.closeDay(t)
	}
	f.risk.day = 17 // the epoch ended, the product's close is still due
	f.block(t, 2)
	if p := f.policy(t, 1); p.CoverStarted || p.UnpaidDaysAtStart != 7 {
		t.Fatalf("snapshot before the close of the cover start day: %v", p)
	}
	if has, _ := f.k.StartQueue.Has(f.ctx, collections.Join(uint64(17), uint64(1))); !has {
		t.Fatal("policy left the start queue before its snapshot")
	}
	f.risk.products[1].UnpaidDays, f.risk.products[1].ClosedThrough = 1, 17
	f.block(t, 1)
	if p := f.policy(t, 1); !p.CoverStarted || p.UnpaidDaysAtStart != 1 {
		t.Fatalf("snapshot after the close of day 17: started %v, at start %d; want true, 1", p.CoverStarted, p.UnpaidDaysAtStart)
	}
	if has, _ := f.k.StartQueue.Has(f.ctx, collections.Join(uint64(17), uint64(1))); has {
		t.Fatal("policy still in the start queue after its snapshot")
	}
	f.closeDay(t, 1) // 18
	f.closeDay(t, 1) // 19
	if got := f.terminate(t); got != 20_000 {
		t.Fatalf("cover paid %d, want 1,000,000 × 2 / 100 = 20,000", got)
	}
}

// Export and import in the waiting period: the imported state has the policy queued again (the
// start queue is rebuilt from the policies not cover_started nor claimed), and the snapshot and
// the cover come out the same as without the restart: 3 days after cover start = 30,000.
func TestExportImportMidWait(t *testing.T) {
	f := setup(t)
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	if err := f.insure(4, f.hold[3]); err != nil { // product 2, its cover starts at day 17 too
		t.Fatal(err)
	}
	for d := 11; d <= 13; d++ {
		f.closeDay(t, 1)
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range gs.Policies {
		if p.CoverStarted || p.UnpaidDaysAtStart != 7 {
			t.Fatalf("exported mid-wait policy %v", p)
		}
	}
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t3")).Ctx
	f.k = keeper.NewKeeper(moduletestutil.MakeTestEncodingConfig().Codec, runtime.NewKVStoreService(key), fakeAuth{}, fakeAccounts{}, f.bank, f.risk, f.nfts)
	f.msg, f.ctx = keeper.NewMsgServerImpl(f.k), ctx
	if err := f.k.InitGenesis(f.ctx, *gs); err != nil {
		t.Fatal(err)
	}
	if got := keysOf(t, f.ctx, f.k.StartQueue); got != " 17/1 17/4" {
		t.Fatalf("start queue after import %q, want 17/1 17/4", got)
	}
	for d := 14; d <= 17; d++ {
		f.closeDay(t)
	}
	if p := f.policy(t, 1); !p.CoverStarted || p.UnpaidDaysAtStart != 3 {
		t.Fatalf("snapshot after import: %v", p)
	}
	if p := f.policy(t, 4); !p.CoverStarted || p.UnpaidDaysAtStart != 0 {
		t.Fatalf("snapshot of product 2's policy: %v", p)
	}
	for d := 18; d <= 20; d++ {
		f.closeDay(t, 1)
	}
	if got := f.terminate(t); got != 30_000 {
		t.Fatalf("cover paid %d, want 1,000,000 × 3 / 100 = 30,000", got)
	}
}
