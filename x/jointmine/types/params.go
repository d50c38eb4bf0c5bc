package types

import (
	"math/big"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// The income split and the redemption fee (SPEC §6), in basis points: fixed by the spec, not
// params. The users' part is what is left after the miner's and the platform's (rounded down),
// so the rounding units go to the users.
const (
	MaxBps             = 10_000
	MinerShareBps      = 2_000
	PlatformShareBps   = 500
	RedemptionFeeBps   = 20
	DefaultDaySeconds  = 86_400
	MaxTermDays        = 3_650
	MaxRoundsPerBlock  = 10_000
	MaxDisclosureLimit = 65_536
)

// MaxAmount bounds every amount a message brings (2^128): products of two amounts stay far
// inside math.Int's 256 bits.
var MaxAmount = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 128))

// DefaultParams: aifil pools, 25 IFIL per TiB, 540 days and 30 days of grace, a 100 DMC
// application deposit that waits 30 days for a decision, deposits of at least 0.01 IFIL.
func DefaultParams() Params {
	return Params{
		IfilDenom:           "aifil",
		CapPerTib:           math.NewIntWithDecimal(25, 18),
		TermDays:            540,
		GraceDays:           30,
		DaySeconds:          DefaultDaySeconds,
		ApplicationDeposit:  sdk.NewInt64Coin("udmc", 100_000_000),
		ApplicationTtl:      30 * 24 * time.Hour,
		MinDeposit:          math.NewIntWithDecimal(1, 16),
		MaxTargetTib:        1_000_000,
		MaxDisclosureLength: 4096,
		RedemptionsPerBlock: 50,
		SettlementsPerBlock: 100,
	}
}

func positive(x math.Int) bool { return !x.IsNil() && x.IsPositive() }

func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.IfilDenom); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "ifil_denom %q: %v", p.IfilDenom, err)
	}
	if !positive(p.CapPerTib) || p.CapPerTib.GT(MaxAmount) {
		return errorsmod.Wrapf(ErrInvalidParams, "cap_per_tib %v must be 1 to 2^128", p.CapPerTib)
	}
	if p.TermDays == 0 || p.TermDays > MaxTermDays || p.GraceDays > MaxTermDays {
		return errorsmod.Wrapf(ErrInvalidParams, "term_days %d must be 1 to %d, grace_days %d at most %d", p.TermDays, MaxTermDays, p.GraceDays, MaxTermDays)
	}
	if p.DaySeconds == 0 || p.DaySeconds > DefaultDaySeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "day_seconds %d must be 1 to %d", p.DaySeconds, DefaultDaySeconds)
	}
	if err := p.ApplicationDeposit.Validate(); err != nil || p.ApplicationDeposit.Denom == p.IfilDenom {
		return errorsmod.Wrapf(ErrInvalidParams, "application_deposit %s must be a valid coin not of the pools' denom %s (%v)", p.ApplicationDeposit, p.IfilDenom, err)
	}
	if p.ApplicationTtl <= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "application_ttl %s must be positive", p.ApplicationTtl)
	}
	if !positive(p.MinDeposit) || p.MinDeposit.GT(MaxAmount) {
		return errorsmod.Wrapf(ErrInvalidParams, "min_deposit %v must be 1 to 2^128", p.MinDeposit)
	}
	if p.MaxTargetTib == 0 || math.NewIntFromUint64(p.MaxTargetTib).Mul(p.CapPerTib).GT(MaxAmount) {
		return errorsmod.Wrapf(ErrInvalidParams, "max_target_tib %d must be positive with max_target_tib × cap_per_tib (%s) at most 2^128", p.MaxTargetTib, p.CapPerTib)
	}
	if p.MaxDisclosureLength == 0 || p.MaxDisclosureLength > MaxDisclosureLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_disclosure_length %d must be 1 to %d", p.MaxDisclosureLength, MaxDisclosureLimit)
	}
	if p.RedemptionsPerBlock == 0 || p.RedemptionsPerBlock > MaxRoundsPerBlock || p.SettlementsPerBlock == 0 || p.SettlementsPerBlock > MaxRoundsPerBlock {
		return errorsmod.Wrapf(ErrInvalidParams, "redemptions_per_block %d and settlements_per_block %d must be 1 to %d", p.RedemptionsPerBlock, p.SettlementsPerBlock, MaxRoundsPerBlock)
	}
	return nil
}

// Day is the params' day.
func (p Params) Day() time.Duration {
	return time.Duration(p.DaySeconds) * time.Second //nolint:gosec // day_seconds is at most 86400 (Validate)
}

// Cap is the genesis cap of a target power.
func (p Params) Cap(targetTib uint64) math.Int {
	return p.CapPerTib.Mul(math.NewIntFromUint64(targetTib))
}

// Split divides an income amount: 20% to the miner and 5% to the platform, both rounded down;
// the users get the rest, rounding units included. miner + platform + users == amount.
func Split(amount math.Int) (miner, platform, users math.Int) {
	miner = amount.MulRaw(MinerShareBps).QuoRaw(MaxBps)
	platform = amount.MulRaw(PlatformShareBps).QuoRaw(MaxBps)
	return miner, platform, amount.Sub(miner).Sub(platform)
}

// RedemptionFee is 2/1000 of a redemption's value, rounded up (in the platform's favour; the
// value itself was rounded down in the pool's).
func RedemptionFee(value math.Int) math.Int {
	n := value.MulRaw(RedemptionFeeBps)
	q := n.QuoRaw(MaxBps)
	if !q.MulRaw(MaxBps).Equal(n) {
		q = q.AddRaw(1)
	}
	return q
}
