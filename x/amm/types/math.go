package types

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// The constant-product rules, each rounding in the pool's favour. A swap's fee is taken from
// what comes in: in = after_fee + fee, fee = ceil(in × fee_bps / 10000); the pool pays
// out = floor(reserve_out × after_fee / (reserve_in + after_fee)), so that
// (reserve_in + after_fee) × (reserve_out - out) >= reserve_in × reserve_out, and the fee (less
// the protocol's part) stays in the pool on top.

// MaxAmount bounds every amount and reserve (2^128 - 1): a product of two of them stays below
// math.Int's 256 bits. Messages refuse larger amounts, and a swap or join that would take a
// reserve above it is refused.
var MaxAmount = math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1)))

// CheckAmount refuses an amount that is nil, not positive or above MaxAmount.
func CheckAmount(what string, x math.Int) error {
	if x.IsNil() || !x.IsPositive() || x.GT(MaxAmount) {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s %v: want a positive amount of at most 2^128-1", what, x)
	}
	return nil
}

// SwapFee is fee_bps of in, rounded up.
func SwapFee(in math.Int, feeBps uint32) math.Int {
	return ceilDiv(in.MulRaw(int64(feeBps)), math.NewInt(MaxBps))
}

// ProtocolFee is protocol_bps of a swap fee, rounded down (the pool's providers keep the rest).
func ProtocolFee(fee math.Int, protocolBps uint32) math.Int {
	return fee.MulRaw(int64(protocolBps)).QuoRaw(MaxBps)
}

// OutGivenIn is what a pool with reserves (rin, rout) pays for in, after its fee; in must be
// positive and the reserves positive (all at most MaxAmount). It refuses a swap that would pay
// nothing or take the reserve in above MaxAmount.
func OutGivenIn(rin, rout, in math.Int, feeBps uint32) (out, fee math.Int, err error) {
	if rin.Add(in).GT(MaxAmount) {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s in would take the reserve of %s above 2^128-1", in, rin)
	}
	fee = SwapFee(in, feeBps)
	afterFee := in.Sub(fee)
	if !afterFee.IsPositive() {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s in pays only the fee %s", in, fee)
	}
	out = rout.Mul(afterFee).Quo(rin.Add(afterFee))
	if !out.IsPositive() {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s in is too small: it pays out nothing", in)
	}
	return out, fee, nil
}

// InGivenOut is what a pool with reserves (rin, rout) takes, fee included, to pay exactly out;
// out must be positive and below rout, the reserves positive (all at most MaxAmount). It refuses
// a swap that would take the reserve in above MaxAmount.
func InGivenOut(rin, rout, out math.Int, feeBps uint32) (in, fee math.Int, err error) {
	if !out.IsPositive() {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s out: want a positive amount", out)
	}
	if !out.LT(rout) {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInsufficientLiquidity, "%s out of a reserve of %s", out, rout)
	}
	afterFee := ceilDiv(rin.Mul(out), rout.Sub(out))
	if rin.Add(afterFee).GT(MaxAmount) {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInsufficientLiquidity, "%s out of a reserve of %s would take the reserve in of %s above 2^128-1", out, rout, rin)
	}
	// in - ceil(in × bps / 10000) >= afterFee: in = ceil(afterFee × 10000 / (10000 - bps)), then
	// raised while the fee rounding leaves less than afterFee (at most once or twice).
	in = ceilDiv(afterFee.MulRaw(MaxBps), math.NewInt(int64(MaxBps-feeBps)))
	for in.Sub(SwapFee(in, feeBps)).LT(afterFee) {
		in = in.AddRaw(1)
	}
	if rin.Add(in).GT(MaxAmount) {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInsufficientLiquidity, "%s in would take the reserve of %s above 2^128-1", in, rin)
	}
	return in, SwapFee(in, feeBps), nil
}

// SharesForJoin is the shares that at most (maxA, maxB) buy in a pool with reserves (ra, rb)
// and shares s, and what they cost (rounded up): the join is at the pool's ratio.
func SharesForJoin(ra, rb, s, maxA, maxB math.Int) (shares, paidA, paidB math.Int) {
	shares = math.MinInt(maxA.Mul(s).Quo(ra), maxB.Mul(s).Quo(rb))
	if !shares.IsPositive() {
		return math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	}
	return shares, ceilDiv(shares.Mul(ra), s), ceilDiv(shares.Mul(rb), s)
}

// CoinsForExit is what shares of a pool with reserves (ra, rb) and shares s pay out (rounded down).
func CoinsForExit(ra, rb, s, shares math.Int) (outA, outB math.Int) {
	return shares.Mul(ra).Quo(s), shares.Mul(rb).Quo(s)
}

// InitialShares is floor(sqrt(a × b)), the shares of a pool's first deposit.
func InitialShares(a, b math.Int) math.Int {
	return math.NewIntFromBigInt(new(big.Int).Sqrt(a.Mul(b).BigInt()))
}

func ceilDiv(n, d math.Int) math.Int {
	q := n.Quo(d)
	if !q.Mul(d).Equal(n) {
		q = q.AddRaw(1)
	}
	return q
}
