// Package rewards is the one reward-per-share accumulator of DMEX: mining farms, NFT rewards and
// joint-mining income all spread an amount over shares that change. Everything is exact integer
// arithmetic scaled by Precision, and what a division leaves is carried, never lost:
//
//	reward·Precision + residual = Δindex·totalShares + residual'      (Accrue)
//	owed' = owed + shares·(index − entry)                             (Settle)
//	owed  = paid·Precision + kept                                     (Payable)
//
// so the sum of all positions' owed plus the residual always equals everything accrued, scaled.
// Per-block work is O(1) per pool; positions settle lazily when they change or claim.
package rewards

import "cosmossdk.io/math"

// Precision scales the index: 10^27 keeps rounding below one base unit per position even for
// 18-decimal denoms.
var Precision = math.NewIntWithDecimal(1, 27)

// Accrue spreads reward over totalShares: it returns the new index and the residual to carry.
// totalShares must be positive (a pool without shares accrues nothing; its reward is not minted).
func Accrue(index, residual, reward, totalShares math.Int) (math.Int, math.Int) {
	scaled := reward.Mul(Precision).Add(residual)
	delta := scaled.Quo(totalShares)
	return index.Add(delta), scaled.Sub(delta.Mul(totalShares))
}

// Settle brings a position of shares from entry up to index and returns its new scaled owed.
func Settle(shares, entry, index, owedScaled math.Int) math.Int {
	return owedScaled.Add(shares.Mul(index.Sub(entry)))
}

// Payable splits a scaled owed into whole units to pay now and the scaled remainder to keep.
func Payable(owedScaled math.Int) (pay, keep math.Int) {
	pay = owedScaled.Quo(Precision)
	return pay, owedScaled.Sub(pay.Mul(Precision))
}
