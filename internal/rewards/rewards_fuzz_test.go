package rewards_test

import (
	"encoding/binary"
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/rewards"
)

// FuzzAccumulator reads data as a program of accruals, stake changes and claims over four
// positions, each step 9 bytes (an opcode, then a 64-bit argument). After every step: nothing
// paid exceeds what was accrued; accrued·P == paid·P + Σ owed + residual (nothing lost or
// created); and every division rounds in the protocol's favour (Accrue never spreads more than
// it got, Payable never pays more than is owed, remainders are never negative).
func FuzzAccumulator(f *testing.F) {
	step := func(op byte, arg uint64) []byte {
		b := make([]byte, 9)
		b[0] = op
		binary.BigEndian.PutUint64(b[1:], arg)
		return b
	}
	seq := func(steps ...[]byte) []byte {
		var out []byte
		for _, s := range steps {
			out = append(out, s...)
		}
		return out
	}
	f.Add([]byte{})
	f.Add(seq(step(1, 3), step(0, 100), step(2, 0)))
	f.Add(seq(step(1, 1), step(5, 2), step(0, 100), step(2, 0), step(6, 0)))
	f.Add(seq(step(1, ^uint64(0)), step(0, ^uint64(0)), step(0, 1), step(2, 0), step(5, 7), step(0, 13), step(6, 0)))
	f.Add(seq(step(1, 7), step(0, 1), step(0, 1), step(0, 1), step(2, 0), step(3, 0)))

	f.Fuzz(func(t *testing.T, data []byte) {
		type position struct{ shares, entry, owed math.Int }
		zero := math.ZeroInt()
		index, residual, accrued, paid := zero, zero, zero, zero
		positions := make([]position, 4)
		for i := range positions {
			positions[i] = position{zero, zero, zero}
		}
		total := func() math.Int {
			s := zero
			for _, p := range positions {
				s = s.Add(p.shares)
			}
			return s
		}
		for n := 0; len(data) >= 9 && n < 200; n++ {
			op, arg := data[0], binary.BigEndian.Uint64(data[1:9])
			data = data[9:]
			p := &positions[int(op>>2)%len(positions)]
			switch op % 4 {
			case 0: // accrue arg units over the current shares
				tot := total()
				if !tot.IsPositive() {
					continue
				}
				reward := math.NewIntFromUint64(arg)
				scaled := reward.Mul(rewards.Precision).Add(residual)
				newIndex, newResidual := rewards.Accrue(index, residual, reward, tot)
				delta := newIndex.Sub(index)
				if delta.IsNegative() || newResidual.IsNegative() || newResidual.GTE(tot) {
					t.Fatalf("Accrue(%s over %s): Δindex %s, residual %s", reward, tot, delta, newResidual)
				}
				if spread := delta.Mul(tot); spread.GT(scaled) {
					t.Fatalf("Accrue spread %s > scaled reward %s", spread, scaled)
				}
				index, residual = newIndex, newResidual
				accrued = accrued.Add(reward)
			case 1, 2: // change stake to arg (case 1) or to arg mod 2^20 (case 2), settling first
				p.owed = rewards.Settle(p.shares, p.entry, index, p.owed)
				p.entry = index
				shares := arg
				if op%4 == 2 {
					shares %= 1 << 20
				}
				p.shares = math.NewIntFromUint64(shares)
			case 3: // claim
				p.owed = rewards.Settle(p.shares, p.entry, index, p.owed)
				p.entry = index
				pay, keep := rewards.Payable(p.owed)
				if pay.IsNegative() || keep.IsNegative() || keep.GTE(rewards.Precision) || pay.Mul(rewards.Precision).GT(p.owed) {
					t.Fatalf("Payable(%s) = %s, keep %s", p.owed, pay, keep)
				}
				paid, p.owed = paid.Add(pay), keep
			}
			owed := zero
			for _, q := range positions {
				owed = owed.Add(rewards.Settle(q.shares, q.entry, index, q.owed))
			}
			if lhs, rhs := accrued.Mul(rewards.Precision), paid.Mul(rewards.Precision).Add(owed).Add(residual); !lhs.Equal(rhs) {
				t.Fatalf("step %d: accrued·P %s != paid·P + owed + residual %s", n, lhs, rhs)
			}
			if paid.GT(accrued) {
				t.Fatalf("step %d: paid %s > accrued %s", n, paid, accrued)
			}
		}
	})
}
