package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// MaxBps is 100%.
const MaxBps = 10_000

// DefaultParams: 2% premium, 7-day waiting period, committed cover up to 50% of the fund,
// +0.5% per missed day of the miner capped at +5%, 100 payments per block.
func DefaultParams() Params {
	return Params{
		PremiumBps:               200,
		WaitingDays:              7,
		CapacityBps:              5000,
		SurchargeBpsPerMissedDay: 50,
		SurchargeCapBps:          500,
		RoundsPerBlock:           100,
	}
}

func (p Params) Validate() error {
	if p.PremiumBps > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "premium_bps %d above 10000", p.PremiumBps)
	}
	if p.CapacityBps > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "capacity_bps %d above 10000", p.CapacityBps)
	}
	if p.SurchargeCapBps > MaxBps || p.SurchargeBpsPerMissedDay > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "surcharge %d per day or cap %d above 10000", p.SurchargeBpsPerMissedDay, p.SurchargeCapBps)
	}
	if uint64(p.PremiumBps)+uint64(p.SurchargeCapBps) > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "premium_bps %d + surcharge_cap_bps %d above 10000", p.PremiumBps, p.SurchargeCapBps)
	}
	if p.RoundsPerBlock == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "rounds_per_block must be positive")
	}
	return nil
}

// PremiumBpsFor is premium_bps + min(cap, surcharge × missed days).
func (p Params) PremiumBpsFor(missedDays uint64) uint64 {
	s := uint64(p.SurchargeBpsPerMissedDay) * missedDays
	if missedDays != 0 && s/missedDays != uint64(p.SurchargeBpsPerMissedDay) { // overflow
		s = uint64(p.SurchargeCapBps)
	}
	if s > uint64(p.SurchargeCapBps) {
		s = uint64(p.SurchargeCapBps)
	}
	return uint64(p.PremiumBps) + s
}

// Premium = insured value × bps / 10000, rounded up (in the fund's favour).
func Premium(insured math.Int, bps uint64) math.Int {
	n := insured.Mul(math.NewIntFromUint64(bps))
	q := n.QuoRaw(MaxBps)
	if !q.MulRaw(MaxBps).Equal(n) {
		q = q.AddRaw(1)
	}
	return q
}

// Cover = insured × min(unpaid, term) / term, rounded down (in the fund's favour).
func Cover(insured math.Int, unpaidDays, termDays uint64) math.Int {
	if termDays == 0 || unpaidDays == 0 || !insured.IsPositive() {
		return math.ZeroInt()
	}
	if unpaidDays > termDays {
		unpaidDays = termDays
	}
	return insured.Mul(math.NewIntFromUint64(unpaidDays)).Quo(math.NewIntFromUint64(termDays))
}

// Capacity = fund balance × capacity_bps / 10000, rounded down.
func Capacity(balance math.Int, capacityBps uint32) math.Int {
	return balance.Mul(math.NewInt(int64(capacityBps))).QuoRaw(MaxBps)
}
