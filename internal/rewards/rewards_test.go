package rewards_test

import (
	"math/rand"
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/rewards"
)

type position struct{ shares, entry, owed math.Int }

// A random run of deposits, stake changes and claims: nothing paid exceeds what was accrued,
// and accrued·P == paid·P + Σ owed + residual at every step.
func TestAccumulatorConservesEveryUnit(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	index, residual := math.ZeroInt(), math.ZeroInt()
	accrued, paid := math.ZeroInt(), math.ZeroInt()
	positions := make([]position, 5)
	for i := range positions {
		positions[i] = position{math.ZeroInt(), math.ZeroInt(), math.ZeroInt()}
	}
	total := func() math.Int {
		s := math.ZeroInt()
		for _, p := range positions {
			s = s.Add(p.shares)
		}
		return s
	}
	for step := 0; step < 5000; step++ {
		i := r.Intn(len(positions))
		p := &positions[i]
		switch r.Intn(3) {
		case 0: // accrue
			if total().IsPositive() {
				reward := math.NewInt(r.Int63n(1_000_003))
				index, residual = rewards.Accrue(index, residual, reward, total())
				accrued = accrued.Add(reward)
			}
		case 1: // change stake (settle first)
			p.owed = rewards.Settle(p.shares, p.entry, index, p.owed)
			p.entry = index
			p.shares = math.NewInt(r.Int63n(1_000_000_000_000))
		case 2: // claim
			p.owed = rewards.Settle(p.shares, p.entry, index, p.owed)
			p.entry = index
			pay, keep := rewards.Payable(p.owed)
			paid, p.owed = paid.Add(pay), keep
		}
		owed := math.ZeroInt()
		for _, q := range positions {
			owed = owed.Add(rewards.Settle(q.shares, q.entry, index, q.owed))
		}
		if lhs, rhs := accrued.Mul(rewards.Precision), paid.Mul(rewards.Precision).Add(owed).Add(residual); !lhs.Equal(rhs) {
			t.Fatalf("step %d: accrued·P %s != paid·P + owed + residual %s", step, lhs, rhs)
		}
		if paid.GT(accrued) {
			t.Fatalf("paid %s > accrued %s", paid, accrued)
		}
	}
}

func TestAccrueSplitsByShares(t *testing.T) {
	index, residual := rewards.Accrue(math.ZeroInt(), math.ZeroInt(), math.NewInt(100), math.NewInt(3))
	a, _ := rewards.Payable(rewards.Settle(math.NewInt(1), math.ZeroInt(), index, math.ZeroInt()))
	b, _ := rewards.Payable(rewards.Settle(math.NewInt(2), math.ZeroInt(), index, math.ZeroInt()))
	if a.Int64() != 33 || b.Int64() != 66 {
		t.Fatalf("1:2 split of 100 = %s, %s; want 33, 66", a, b)
	}
	if !residual.IsPositive() {
		t.Fatal("the remainder of 100/3 must be carried, not lost")
	}
}
