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

// SwapFee is fee_bps of in, rounded up.
func SwapFee(in math.Int, feeBps uint32) math.Int {
	return ceilDiv(in.MulRaw(int64(feeBps)), math.NewInt(MaxBps))
}

// ProtocolFee is protocol_bps of a swap fee, rounded down (the pool's providers keep the rest).
func ProtocolFee(fee math.Int, protocolBps uint32) math.Int {
	return fee.MulRaw(int64(protocolBps)).QuoRaw(MaxBps)
}

// OutGivenIn is what a pool with reserves (rin, rout) pays for in, after its fee; in must be
// positive and the reserves positive. It refuses a swap that would pay nothing.
func OutGivenIn(rin, rout, in math.Int, feeBps uint32) (out, fee math.Int, err error) {
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
// out must be positive and below rout.
func InGivenOut(rin, rout, out math.Int, feeBps uint32) (in, fee math.Int, err error) {
	if !out.LT(rout) {
		return math.Int{}, math.Int{}, errorsmod.Wrapf(ErrInsufficientLiquidity, "%s out of a reserve of %s", out, rout)
	}
	afterFee := ceilDiv(rin.Mul(out), rout.Sub(out))
	// in - ceil(in × bps / 10000) >= afterFee: in = ceil(afterFee × 10000 / (10000 - bps)), then
	// raised while the fee rounding leaves less than afterFee (at most once or twice).
	in = ceilDiv(afterFee.MulRaw(MaxBps), math.NewInt(int64(MaxBps-feeBps)))
	for in.Sub(SwapFee(in, feeBps)).LT(afterFee) {
		in = in.AddRaw(1)
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
