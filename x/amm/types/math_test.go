package types_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/amm/types"
)

func n(x int64) math.Int { return math.NewInt(x) }

// kHolds: (rin + in - fee) × (rout - out) >= rin × rout (the pool keeps the fee on top).
func kHolds(rin, rout, in, fee, out math.Int) bool {
	after := new(big.Int).Mul(rin.Add(in).Sub(fee).BigInt(), rout.Sub(out).BigInt())
	return after.Cmp(new(big.Int).Mul(rin.BigInt(), rout.BigInt())) >= 0
}

func TestOutGivenInTable(t *testing.T) {
	for _, c := range []struct {
		rin, rout, in math.Int
		bps           uint32
		out, fee      int64 // -1: refused
	}{
		// fee ceil(100 × 30 / 10000) = 1; floor(1000 × 99 / 1099) = 90
		{n(1000), n(1000), n(100), 30, 90, 1},
		// fee 30; floor(1,000,000 × 9,970 / 4,009,970) = 2,486
		{n(4_000_000), n(1_000_000), n(10_000), 30, 2486, 30},
		// fee ceil(1,000,000 × 100 / 10000) = 10,000; floor(10^6 × 990,000 / 1,990,000) = 497,487
		{n(1_000_000), n(1_000_000), n(1_000_000), 100, 497_487, 10_000},
		// the fee is all of it
		{n(1_000_000), n(1_000_000), n(1), 30, -1, 0},
		// pays nothing: floor(1 × 997 / 1,000,997) = 0
		{n(1_000_000), n(1), n(1000), 30, -1, 0},
		// the reserve in would pass 2^128-1
		{types.MaxAmount, n(1_000_000), n(1), 30, -1, 0},
	} {
		out, fee, err := types.OutGivenIn(c.rin, c.rout, c.in, c.bps)
		if c.out < 0 {
			if err == nil {
				t.Fatalf("%v: accepted, out %s", c, out)
			}
			continue
		}
		if err != nil || !out.Equal(n(c.out)) || !fee.Equal(n(c.fee)) {
			t.Fatalf("%v: out %s fee %s (%v)", c, out, fee, err)
		}
		if !kHolds(c.rin, c.rout, c.in, fee, out) {
			t.Fatalf("%v: x·y fell", c)
		}
	}
}

func TestInGivenOutTable(t *testing.T) {
	for _, c := range []struct {
		rin, rout, out math.Int
		bps            uint32
		in, fee        int64 // -1: refused
	}{
		// after the fee ceil(4,000,000 × 2,000 / 998,000) = 8,017; in ceil(8,017 × 10,000 / 9,970) = 8,042
		{n(4_000_000), n(1_000_000), n(2000), 30, 8042, 25},
		// ceil(1000 × 90 / 910) = 99; ceil(99 × 10000 / 9970) = 100
		{n(1000), n(1000), n(90), 30, 100, 1},
		{n(1000), n(1000), n(1000), 30, -1, 0},
		{n(1000), n(1000), n(0), 30, -1, 0},
		// the whole reserve but one of a huge pool: the input would pass 2^128-1 (refused, no overflow)
		{types.MaxAmount.SubRaw(10), types.MaxAmount, types.MaxAmount.SubRaw(1), 30, -1, 0},
	} {
		in, fee, err := types.InGivenOut(c.rin, c.rout, c.out, c.bps)
		if c.in < 0 {
			if err == nil {
				t.Fatalf("%v: accepted, in %s", c, in)
			}
			continue
		}
		if err != nil || !in.Equal(n(c.in)) || !fee.Equal(n(c.fee)) {
			t.Fatalf("%v: in %s fee %s (%v)", c, in, fee, err)
		}
		if !kHolds(c.rin, c.rout, in, fee, c.out) {
			t.Fatalf("%v: x·y fell", c)
		}
	}
}

func TestFeesRound(t *testing.T) {
	if got := types.SwapFee(n(3333), 30); !got.Equal(n(10)) { // 9.999 up
		t.Fatalf("swap fee %s", got)
	}
	if got := types.SwapFee(n(10_000), 30); !got.Equal(n(30)) {
		t.Fatalf("swap fee %s", got)
	}
	if got := types.ProtocolFee(n(31), 5000); !got.Equal(n(15)) { // 15.5 down
		t.Fatalf("protocol fee %s", got)
	}
	if got := types.ProtocolFee(n(31), 0); !got.IsZero() {
		t.Fatalf("protocol fee %s", got)
	}
	for _, c := range []struct{ a, b, want math.Int }{{n(4), n(9), n(6)}, {n(2), n(3), n(2)}, {n(1_000_000), n(4_000_000), n(2_000_000)}, {types.MaxAmount, types.MaxAmount, types.MaxAmount}} {
		if got := types.InitialShares(c.a, c.b); !got.Equal(c.want) {
			t.Fatalf("sqrt(%s × %s) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

// randInt is a positive integer of up to bits bits.
func randInt(r *rand.Rand, bits int) math.Int {
	x := new(big.Int)
	for i := 0; i < bits; i += 32 {
		x.Lsh(x, 32).Or(x, big.NewInt(int64(r.Uint32())))
	}
	x.Rsh(x, uint(((bits+31)/32)*32-bits))
	if x.Sign() == 0 {
		x.SetInt64(1)
	}
	return math.NewIntFromBigInt(x)
}

// A deterministic pseudo-random sweep over reserves of 1 to 127 bits, inputs and fees of 0 to
// 1000 bps: every swap keeps x·y, exact-out pays at least out for the least input that does (one
// less pays less), and an exact-in swap needs at most its input for its output.
func TestSwapMathSweep(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	checked := 0
	for i := 0; i < 20_000; i++ {
		rin, rout := randInt(r, 1+r.IntN(127)), randInt(r, 1+r.IntN(127))
		bps := uint32(r.IntN(1001))
		in := randInt(r, 1+r.IntN(128))
		if in.GT(types.MaxAmount) {
			in = types.MaxAmount
		}
		if out, fee, err := types.OutGivenIn(rin, rout, in, bps); err == nil {
			checked++
			if !out.IsPositive() || !out.LT(rout) || !kHolds(rin, rout, in, fee, out) {
				t.Fatalf("out given in: rin %s rout %s in %s bps %d: out %s fee %s", rin, rout, in, bps, out, fee)
			}
			if need, _, err := types.InGivenOut(rin, rout, out, bps); err == nil && need.GT(in) {
				t.Fatalf("rin %s rout %s bps %d: %s in pays %s, which is said to need %s", rin, rout, bps, in, out, need)
			}
		}
		if rout.LT(n(2)) {
			continue
		}
		out := randInt(r, rout.BigInt().BitLen())
		if !out.LT(rout) {
			out = rout.SubRaw(1)
		}
		need, fee, err := types.InGivenOut(rin, rout, out, bps)
		if err != nil {
			continue
		}
		checked++
		if !kHolds(rin, rout, need, fee, out) {
			t.Fatalf("in given out: rin %s rout %s out %s bps %d: in %s fee %s", rin, rout, out, bps, need, fee)
		}
		got, _, err := types.OutGivenIn(rin, rout, need, bps)
		if err != nil || got.LT(out) {
			t.Fatalf("rin %s rout %s bps %d: %s in pays %s (%v), less than the %s it was computed for", rin, rout, bps, need, got, err, out)
		}
		if need.GT(n(1)) {
			if less, _, err := types.OutGivenIn(rin, rout, need.SubRaw(1), bps); err == nil && !less.LT(out) {
				t.Fatalf("rin %s rout %s bps %d: %s in already pays %s: %s is not the least", rin, rout, bps, need.SubRaw(1), less, need)
			}
		}
	}
	if checked < 20_000 {
		t.Fatalf("only %d cases checked", checked)
	}
}

// Join then exit over pseudo-random pools: never more paid than the maxima, never more out than
// paid in.
func TestJoinExitSweep(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	checked := 0
	for i := 0; i < 20_000; i++ {
		ra, rb := randInt(r, 1+r.IntN(100)), randInt(r, 1+r.IntN(100))
		s := types.InitialShares(ra, rb)
		if !s.IsPositive() {
			continue
		}
		maxA, maxB := randInt(r, 1+r.IntN(100)), randInt(r, 1+r.IntN(100))
		shares, paidA, paidB := types.SharesForJoin(ra, rb, s, maxA, maxB)
		if !shares.IsPositive() {
			continue
		}
		checked++
		if paidA.GT(maxA) || paidB.GT(maxB) {
			t.Fatalf("pool %s/%s/%s: join with %s, %s paid %s, %s", ra, rb, s, maxA, maxB, paidA, paidB)
		}
		outA, outB := types.CoinsForExit(ra.Add(paidA), rb.Add(paidB), s.Add(shares), shares)
		if outA.GT(paidA) || outB.GT(paidB) {
			t.Fatalf("pool %s/%s/%s: paid %s, %s for %s shares, exit pays %s, %s", ra, rb, s, paidA, paidB, shares, outA, outB)
		}
	}
	if checked < 5_000 {
		t.Fatalf("only %d joins checked", checked)
	}
}

func TestCheckAmount(t *testing.T) {
	for _, bad := range []math.Int{{}, n(0), n(-1), types.MaxAmount.AddRaw(1)} {
		if err := types.CheckAmount("x", bad); !types.ErrInvalidAmount.Is(err) {
			t.Fatalf("%v: %v", bad, err)
		}
	}
	if err := types.CheckAmount("x", types.MaxAmount); err != nil {
		t.Fatal(err)
	}
}
