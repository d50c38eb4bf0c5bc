package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/oracle/keeper"
	"github.com/dmexchain/dmex/x/oracle/types"
)

func TestDayFinalizesAtQuorumWithTheMedian(t *testing.T) {
	f := newFixture(t)
	// 4 feeders: quorum ceil(8/3) = 3.
	if f.report(0, day0, "100", "f01234:1000:7", "f05:1:1") {
		t.Fatal("finalized after 1 of 4")
	}
	if f.report(1, day0, "300", "f01234:3000:9") {
		t.Fatal("finalized after 2 of 4")
	}
	days, err := f.query.NetworkDays(f.ctx, &types.QueryNetworkDaysRequest{From: day0, To: day0})
	if err != nil || days.Days[0].Status != types.DAY_STATUS_OPEN || days.Days[0].Reports != 2 {
		t.Fatalf("open day: %v %v", days, err)
	}
	if !f.report(2, day0, "200", "f01234:2000:8", "f05:1:1") {
		t.Fatal("not finalized after 3 of 4")
	}
	avg, ok := f.k.MarketAverage(f.ctx, day0)
	if !ok || !avg.Equal(math.NewInt(200)) {
		t.Fatalf("market average %s %v, want 200", avg, ok)
	}
	power, day, found := f.k.LatestNodePower(f.ctx, "f01234")
	if !found || day != day0 || !power.Equal(math.NewInt(2000)) {
		t.Fatalf("node power %s day %d found %v", power, day, found)
	}
	// f05 was reported by 2 feeders only: below the quorum, it stays missing.
	if _, _, found := f.k.LatestNodePower(f.ctx, "f05"); found {
		t.Fatal("f05 finalized on 2 reports")
	}
	// The fourth feeder is too late for a finalized day.
	if _, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: f.feeders[3], Day: day0, RewardPerTib: "1"}); !types.ErrDayFinalized.Is(err) {
		t.Fatalf("report after finalization: %v", err)
	}
	// The lower median of 10, 11, 13.
	f.at(day0 + 1)
	f.report(0, day0+1, "10", "f01234:10:1")
	f.report(1, day0+1, "11", "f01234:20:1")
	f.report(3, day0+1, "13", "f01234:40:1")
	avg, _ = f.k.MarketAverage(f.ctx, day0+1)
	if !avg.Equal(math.NewInt(11)) {
		t.Fatalf("median of 10, 11, 13 = %s", avg)
	}
	power, day, _ = f.k.LatestNodePower(f.ctx, "f01234")
	if day != day0+1 || !power.Equal(math.NewInt(20)) {
		t.Fatalf("latest power %s on day %d", power, day)
	}
	// Day day0+2 gets two reports and then its window closes: it is missing from day0+4 on.
	f.at(day0 + 2)
	f.report(0, day0+2, "5")
	f.at(day0 + 3)
	f.report(1, day0+2, "5")
	f.at(day0 + 4)
	days, err = f.query.NetworkDays(f.ctx, &types.QueryNetworkDaysRequest{From: day0, To: day0 + 4})
	if err != nil {
		t.Fatal(err)
	}
	want := []types.DayStatus{types.DAY_STATUS_FINALIZED, types.DAY_STATUS_FINALIZED, types.DAY_STATUS_MISSING, types.DAY_STATUS_OPEN, types.DAY_STATUS_OPEN}
	for i, d := range days.Days {
		if d.Status != want[i] {
			t.Fatalf("day %d: %s, want %s", d.Day, d.Status, want[i])
		}
	}
	nodes, err := f.query.NodeDays(f.ctx, &types.QueryNodeDaysRequest{NodeId: "f05", From: day0, To: day0 + 1})
	if err != nil || nodes.Days[0].Status != types.DAY_STATUS_MISSING || nodes.Days[1].Status != types.DAY_STATUS_MISSING {
		t.Fatalf("f05 days: %v %v", nodes, err)
	}
	latest, err := f.query.NodeLatest(f.ctx, &types.QueryNodeLatestRequest{NodeId: "f01234"})
	if err != nil || latest.Value.Day != day0+1 {
		t.Fatalf("latest: %v %v", latest, err)
	}
}

func TestFeederSetChangesQuorum(t *testing.T) {
	f := newFixture(t)
	fifth := addrs('v', 1)[0]
	if _, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: append(f.feeders[:4:4], fifth)}); err != nil {
		t.Fatal(err)
	}
	f.report(0, day0, "100")
	// Feeder 0 is removed: its report no longer counts; 4 feeders need 3 reports.
	if _, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: append(f.feeders[1:4:4], fifth)}); err != nil {
		t.Fatal(err)
	}
	if f.report(1, day0, "200") || f.report(2, day0, "400") {
		t.Fatal("removed feeder's report counted")
	}
	if !f.report(3, day0, "300") {
		t.Fatal("3 of 4 did not finalize")
	}
	avg, _ := f.k.MarketAverage(f.ctx, day0)
	if !avg.Equal(math.NewInt(300)) {
		t.Fatalf("median %s, want 300 (removed feeder's 100 ignored)", avg)
	}
	if _, err := f.msg.SetFeeders(f.ctx, &types.MsgSetFeeders{Authority: f.feeders[0], Feeders: f.feeders}); err == nil {
		t.Fatal("a feeder changed the feeder set")
	}
}

func TestAdaptersForEscrowAndHashnft(t *testing.T) {
	f := newFixture(t)
	esc := keeper.EscrowOracle{K: f.k}
	if _, ok, err := esc.MarketAverage(f.ctx, "FIL", "TiB"); ok || err != nil {
		t.Fatalf("market average before any day: %v %v", ok, err)
	}
	for i := 0; i < 3; i++ {
		f.report(i, day0-1, "70", "f01234:3298534883328:1") // 3 TiB
	}
	for i := 0; i < 3; i++ {
		f.report(i, day0, "90", "f01234:2199023255552:1") // 2 TiB
	}
	avg, ok, err := esc.MarketAverage(f.ctx, "FIL", "TiB")
	if err != nil || !ok || !avg.Equal(math.LegacyNewDec(90)) {
		t.Fatalf("market average %s %v %v, want the latest day's 90", avg, ok, err)
	}
	if _, ok, _ := esc.MarketAverage(f.ctx, "BTC", "TH/s"); ok {
		t.Fatal("data for BTC")
	}
	po := keeper.PowerOracle{K: f.k}
	p, day, found, covered := po.NodePower(f.ctx, "FIL", "f01234", "TiB")
	if !found || !covered || day != day0 || !p.Equal(math.NewInt(2)) {
		t.Fatalf("node power %s TiB day %d found %v covered %v", p, day, found, covered)
	}
	if _, _, found, covered := po.NodePower(f.ctx, "FIL", "f09", "TiB"); found || !covered {
		t.Fatal("unknown node")
	}
}
