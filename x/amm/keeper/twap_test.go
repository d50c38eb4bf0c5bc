package keeper_test

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/amm/types"
)

// rat is a pool's spot price of one base in quote as an exact fraction.
func rat(p types.Pool, base string) *big.Rat {
	if base == p.DenomA {
		return new(big.Rat).SetFrac(p.ReserveB.BigInt(), p.ReserveA.BigInt())
	}
	return new(big.Rat).SetFrac(p.ReserveA.BigInt(), p.ReserveB.BigInt())
}

// weighted is Σ price × seconds / Σ seconds.
func weighted(parts ...any) *big.Rat {
	sum, secs := new(big.Rat), int64(0)
	for i := 0; i < len(parts); i += 2 {
		s := parts[i+1].(int64)
		sum.Add(sum, new(big.Rat).Mul(parts[i].(*big.Rat), new(big.Rat).SetInt64(s)))
		secs += s
	}
	return sum.Quo(sum, new(big.Rat).SetInt64(secs))
}

func near(t *testing.T, what string, got math.LegacyDec, want *big.Rat) {
	t.Helper()
	g, ok := new(big.Rat).SetString(got.String())
	if !ok {
		t.Fatal(got)
	}
	diff := new(big.Rat).Sub(g, want)
	if diff.Abs(diff).Cmp(big.NewRat(1, 1e14)) > 0 {
		t.Fatalf("%s: %s, want %s", what, got, want.FloatString(18))
	}
}

// Swaps at known times: created at t0 at 4 uusdt per udmc (p0), a swap at t0+100s (then p1 until
// t0+300s), another at t0+300s (p2 since). At t0+400s the TWAP over [t0, t0+400s] is
// (p0×100 + p1×200 + p2×100) / 400, over [t0+50s, t0+350s] (p0×50 + p1×200 + p2×50) / 300, and
// the same with the inverse prices for the other order; a swap in the block of the query does
// not change a window that ends at it.
func TestTwapHandComputed(t *testing.T) {
	f := setup(t)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	p0 := f.pool(1)
	f.at(100 * time.Second)
	f.swapIn(f.bob, coin(usdt, 100_000), hop(1, dmc))
	p1 := f.pool(1)
	f.at(300 * time.Second)
	f.swapIn(f.bob, coin(dmc, 50_000), hop(1, usdt))
	p2 := f.pool(1)
	f.at(400 * time.Second)

	twap := func(base, quote string, from, to time.Duration) math.LegacyDec {
		t.Helper()
		got, err := f.k.TWAP(f.ctx, 1, base, quote, t0.Add(from), t0.Add(to))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, base := range []string{dmc, usdt} {
		quote := usdt
		if base == usdt {
			quote = dmc
		}
		r0, r1, r2 := rat(p0, base), rat(p1, base), rat(p2, base)
		near(t, base+" over [0, 400]", twap(base, quote, 0, 400*time.Second), weighted(r0, int64(100), r1, int64(200), r2, int64(100)))
		near(t, base+" over [50, 350]", twap(base, quote, 50*time.Second, 350*time.Second), weighted(r0, int64(50), r1, int64(200), r2, int64(50)))
		near(t, base+" over [150, 250]", twap(base, quote, 150*time.Second, 250*time.Second), r1)
		near(t, base+" over [0, 100]", twap(base, quote, 0, 100*time.Second), r0)
	}
	if p := twap(dmc, usdt, 0, 100*time.Second); p.String() != "4.000000000000000000" {
		t.Fatalf("the first 100 s at 4 uusdt per udmc: %s", p)
	}
	// The query endpoint, end_time unset: now.
	r, err := f.q.Twap(f.ctx, &types.QueryTwapRequest{PoolId: 1, BaseDenom: usdt, QuoteDenom: dmc, StartTime: t0})
	if err != nil || !r.Price.Equal(twap(usdt, dmc, 0, 400*time.Second)) {
		t.Fatalf("query %v %v", r, err)
	}
	before := twap(dmc, usdt, 0, 400*time.Second)
	f.swapIn(f.carol, coin(usdt, 500_000), hop(1, dmc))
	if after := twap(dmc, usdt, 0, 400*time.Second); !after.Equal(before) {
		t.Fatalf("a swap in this block moved the window ending now: %s -> %s", before, after)
	}
	// Joins and exits touch the pool too (they do not change its price).
	f.at(500 * time.Second)
	if _, err := f.msg.JoinPool(f.ctx, &types.MsgJoinPool{Sender: f.bob.String(), PoolId: 1, MaxA: coin(dmc, 1000), MaxB: coin(usdt, 100_000)}); err != nil {
		t.Fatal(err)
	}
	if has, err := f.k.TwapRecords.Has(f.ctx, collections.Join(uint64(1), t0.Add(500*time.Second))); err != nil || !has {
		t.Fatalf("a join wrote no price record: %v", err)
	}
}

// A window before the pool existed, ending after the block time, empty, or of other denoms is
// refused, naming the times.
func TestTwapWindowRefused(t *testing.T) {
	f := setup(t)
	f.at(time.Minute)
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	f.at(time.Hour)
	for _, c := range []struct {
		name        string
		base, quote string
		start, end  time.Time
		err         error
		names       string
	}{
		{"before the pool", dmc, usdt, t0, t0.Add(time.Hour), types.ErrTwapUnavailable, "2026-03-01T00:00:00Z is before pool 1's price history (oldest record: 2026-03-01T00:01:00Z)"},
		{"after now", dmc, usdt, t0.Add(2 * time.Minute), t0.Add(2 * time.Hour), types.ErrTwapUnavailable, "after the block time 2026-03-01T01:00:00Z"},
		{"empty", dmc, usdt, t0.Add(5 * time.Minute), t0.Add(5 * time.Minute), types.ErrTwapUnavailable, "is empty"},
		{"reversed", dmc, usdt, t0.Add(6 * time.Minute), t0.Add(5 * time.Minute), types.ErrTwapUnavailable, "is empty"},
		{"other denoms", dmc, ht, t0.Add(2 * time.Minute), t0.Add(time.Hour), types.ErrInvalidDenom, "pool 1 holds udmc and uusdt"},
		{"one denom", usdt, usdt, t0.Add(2 * time.Minute), t0.Add(time.Hour), types.ErrInvalidDenom, "quote"},
	} {
		_, err := f.k.TWAP(f.ctx, 1, c.base, c.quote, c.start, c.end)
		if err == nil || !strings.Contains(err.Error(), c.names) {
			t.Fatalf("%s: %v", c.name, err)
		}
		if e, ok := c.err.(interface{ Is(error) bool }); !ok || !e.Is(err) {
			t.Fatalf("%s: %v, want %v", c.name, err, c.err)
		}
	}
	if _, err := f.k.TWAP(f.ctx, 7, dmc, usdt, t0, t0.Add(time.Minute)); !types.ErrPoolNotFound.Is(err) {
		t.Fatalf("unknown pool: %v", err)
	}
}

func records(t *testing.T, f *fixture, id uint64) []time.Time {
	t.Helper()
	var out []time.Time
	err := f.k.TwapRecords.Walk(f.ctx, collections.NewPrefixedPairRange[uint64, time.Time](id), func(k collections.Pair[uint64, time.Time], _ types.TwapRecord) (bool, error) {
		out = append(out, k.K2())
		return false, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// With one hour of history and a swap every 10 minutes, a pool keeps at most 8 records, exactly
// one of them older than the cut-off, and a window starting at the cut-off is always answered.
// After a long quiet spell, each write deletes exactly 2 old records (bounded work), never the
// newest one before the cut-off.
func TestTwapPruningBounded(t *testing.T) {
	f := setup(t)
	setParams(f, func(p *types.Params) { p.TwapHistory = time.Hour; p.BuybackTwapWindow = time.Hour })
	f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	for i := 1; i <= 30; i++ {
		f.at(time.Duration(i) * 10 * time.Minute)
		f.swapIn(f.bob, coin(usdt, int64(1000*i)), hop(1, dmc))
		now := f.ctx.BlockTime()
		cutoff := now.Add(-time.Hour)
		recs := records(t, f, 1)
		old := 0
		for _, r := range recs {
			if r.Before(cutoff) {
				old++
			}
		}
		if len(recs) > 8 || (i > 6 && old != 1) {
			t.Fatalf("after swap %d: %d records, %d older than the cut-off", i, len(recs), old)
		}
		if _, err := f.k.TWAP(f.ctx, 1, dmc, usdt, cutoff, now); i >= 6 && err != nil {
			t.Fatalf("window from the cut-off after swap %d: %v", i, err)
		}
	}

	// 20 records a minute apart, then 10 hours without a swap.
	f2 := setup(t)
	setParams(f2, func(p *types.Params) { p.TwapHistory = time.Hour; p.BuybackTwapWindow = time.Hour })
	f2.create(f2.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
	for i := 1; i < 20; i++ {
		f2.at(time.Duration(i) * time.Minute)
		f2.swapIn(f2.bob, coin(usdt, 1000), hop(1, dmc))
	}
	if n := len(records(t, f2, 1)); n != 20 {
		t.Fatalf("%d records in the first 20 minutes", n)
	}
	want := 20
	for i := 0; i < 12; i++ {
		f2.at(10*time.Hour + time.Duration(i)*time.Second)
		f2.swapIn(f2.bob, coin(usdt, 1000), hop(1, dmc))
		recs := records(t, f2, 1)
		// each write adds one record and deletes 2 of the old ones, keeping the newest old one
		want = max(want+1-2, i+2)
		if len(recs) != want {
			t.Fatalf("write %d after the quiet spell: %d records, want %d", i, len(recs), want)
		}
		if !recs[len(recs)-i-2].Equal(t0.Add(19 * time.Minute)) {
			t.Fatalf("write %d: the newest record before the cut-off is gone: %v", i, recs)
		}
	}
	if _, err := f2.k.TWAP(f2.ctx, 1, dmc, usdt, f2.ctx.BlockTime().Add(-time.Hour), f2.ctx.BlockTime()); err != nil {
		t.Fatalf("window from the cut-off: %v", err)
	}
}
