package keeper_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dmexchain/dmex/x/oracle/types"
)

// With day_seconds 10 (a local chain's short days) the oracle's days, report window and
// finalization follow 10-second days: day = floor(unix time / 10).
func TestShortDaysFollowTheParam(t *testing.T) {
	f := newFixture(t)
	if err := f.k.Params.Set(f.ctx, types.Params{DaySeconds: 10}); err != nil {
		t.Fatal(err)
	}
	unix := int64(1_767_225_605) // day 176,722,560 of 10 s, 5 s into it
	today := uint64(unix / 10)
	f.ctx = f.ctx.WithBlockTime(time.Unix(unix, 0).UTC())
	cur, err := f.query.CurrentDay(f.ctx, &types.QueryCurrentDayRequest{})
	if err != nil || cur.Day != today || cur.FirstOpenDay != today-1 || cur.DaySeconds != 10 {
		t.Fatalf("current day %v %v, want day %d from %d, 10 s", cur, err, today, today-1)
	}
	for _, tc := range []struct {
		day  uint64
		want error
		says string
	}{
		{today + 1, types.ErrFutureDay, "is after today"},
		{today - 2, types.ErrLateReport, "reports are accepted for days"},
	} {
		before := f.snapshot()
		_, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: f.feeders[0], Day: tc.day, RewardPerTib: "1"})
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
			t.Fatalf("day %d: %v, want %v", tc.day, err, tc.want)
		}
		if f.snapshot() != before {
			t.Fatalf("a refused report for day %d changed state", tc.day)
		}
	}
	// Yesterday (10 s ago) is still open; 3 of 4 feeders finalize it.
	for i := 0; i < 3; i++ {
		f.report(i, today-1, "100", "f01234:1099511627776:1")
	}
	if p, day, found := f.k.LatestNodePower(f.ctx, "f01234"); !found || day != today-1 || p.Int64() != 1<<40 {
		t.Fatalf("latest power %s on day %d (found %v), want 1 TiB on day %d", p, day, found, today-1)
	}
	// 20 s later the day before today is closed.
	f.ctx = f.ctx.WithBlockTime(time.Unix(unix+20, 0).UTC())
	if _, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: f.feeders[3], Day: today, RewardPerTib: "1"}); !errors.Is(err, types.ErrLateReport) {
		t.Fatalf("report for day %d 20 s later: %v, want late", today, err)
	}
	f.check()
}

// day_seconds is checked at genesis: 1 s to 86,400 s. It is exported and imported with the rest
// (TestGenesisRoundTrip) and cannot change afterwards: there is no message for it.
func TestGenesisDaySeconds(t *testing.T) {
	f := newFixture(t)
	ac := f.e.App.AccountKeeper.AddressCodec()
	if got := types.DefaultGenesis().Params.DaySeconds; got != 86400 {
		t.Fatalf("default day_seconds %d, want 86400", got)
	}
	for _, tc := range []struct {
		seconds uint64
		says    string // empty: valid
	}{
		{0, "day_seconds 0 must be 1 to 86400"},
		{86401, "day_seconds 86401 must be 1 to 86400"},
		{1, ""},
		{10, ""},
		{86400, ""},
	} {
		gs := types.DefaultGenesis()
		gs.Params.DaySeconds = tc.seconds
		err := gs.Validate(ac)
		if tc.says == "" && err != nil {
			t.Fatalf("day_seconds %d: %v", tc.seconds, err)
		}
		if tc.says != "" && (!errors.Is(err, types.ErrInvalidGenesis) || !strings.Contains(err.Error(), tc.says)) {
			t.Fatalf("day_seconds %d: %v, want %q", tc.seconds, err, tc.says)
		}
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil || gs.Params.DaySeconds != 86400 {
		t.Fatalf("exported params %v %v", gs, err)
	}
}
