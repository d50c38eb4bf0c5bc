package types

import (
	"slices"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// MaxBps is 100%.
const MaxBps = 10_000

// Bounds on the params that no vote may cross.
const (
	// MaxSwapFeeBps: no pool charges more than 10% a swap.
	MaxSwapFeeBps = 1_000
	// MaxAcceptedDenoms bounds the denoms pools may hold (and so the buyback's route search).
	MaxAcceptedDenoms = 32
	// MaxBuybackSlices bounds a month's slices per denom.
	MaxBuybackSlices = 100_000
	// MaxBuybackSlicesPerBlock bounds a block's buyback work.
	MaxBuybackSlicesPerBlock = 1_000
	// MaxDuration bounds every duration param.
	MaxDuration = 366 * 24 * time.Hour
)

// DefaultParams: pools of DMC, IFIL and the demo stable coins; 100 DMC to create a pool; 0.3%
// swap fee by default (0.01% to 1% at creation), none of it to the protocol; 1,000 shares locked
// per pool; 48 hours of price history; 80% of revenue bought back over the 10 days after each
// month epoch in 240 slices per denom (one an hour), each within 3% of the hour's TWAP, at most
// 20 slices a block.
func DefaultParams() Params {
	return Params{
		AcceptedDenoms:         []string{"aifil", DMCDenom, "uhbtc", "uht", "uhusd", "uusdt"},
		PoolCreationFee:        sdk.NewCoin(DMCDenom, math.NewInt(100_000_000)),
		DefaultSwapFeeBps:      30,
		MinSwapFeeBps:          1,
		MaxSwapFeeBps:          100,
		ProtocolFeeBps:         0,
		MinimumLiquidity:       math.NewInt(1_000),
		TwapHistory:            48 * time.Hour,
		BuybackBps:             8_000,
		BuybackDuration:        10 * 24 * time.Hour,
		BuybackSlices:          240,
		BuybackTwapWindow:      time.Hour,
		BuybackMaxDeviationBps: 300,
		BuybackSlicesPerBlock:  20,
	}
}

func (p Params) Validate() error {
	if len(p.AcceptedDenoms) < 2 || len(p.AcceptedDenoms) > MaxAcceptedDenoms {
		return errorsmod.Wrapf(ErrInvalidParams, "%d accepted denoms, want 2 to %d", len(p.AcceptedDenoms), MaxAcceptedDenoms)
	}
	for i, d := range p.AcceptedDenoms {
		if err := sdk.ValidateDenom(d); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted denom %q: %v", d, err)
		}
		if slices.Contains(p.AcceptedDenoms[:i], d) {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted denom %q listed twice", d)
		}
		if _, err := PoolIDOfShareDenom(d); err == nil {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted denom %q is a pool share", d)
		}
	}
	if err := p.PoolCreationFee.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "pool_creation_fee %s: %v", p.PoolCreationFee, err)
	}
	if p.MinSwapFeeBps > p.DefaultSwapFeeBps || p.DefaultSwapFeeBps > p.MaxSwapFeeBps || p.MaxSwapFeeBps > MaxSwapFeeBps || p.MinSwapFeeBps == 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "swap fees min %d, default %d, max %d bps: want 0 < min <= default <= max <= %d",
			p.MinSwapFeeBps, p.DefaultSwapFeeBps, p.MaxSwapFeeBps, MaxSwapFeeBps)
	}
	if p.ProtocolFeeBps > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "protocol_fee_bps %d above %d", p.ProtocolFeeBps, MaxBps)
	}
	if p.MinimumLiquidity.IsNil() || !p.MinimumLiquidity.IsPositive() || p.MinimumLiquidity.GT(math.NewInt(1_000_000_000)) {
		return errorsmod.Wrapf(ErrInvalidParams, "minimum_liquidity %s: want 1 to 1000000000", p.MinimumLiquidity)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"twap_history", p.TwapHistory}, {"buyback_duration", p.BuybackDuration}, {"buyback_twap_window", p.BuybackTwapWindow}} {
		if d.v <= 0 || d.v > MaxDuration {
			return errorsmod.Wrapf(ErrInvalidParams, "%s %s: want above 0 and at most %s", d.name, d.v, MaxDuration)
		}
	}
	if p.BuybackTwapWindow > p.TwapHistory {
		return errorsmod.Wrapf(ErrInvalidParams, "buyback_twap_window %s is longer than the twap_history %s kept", p.BuybackTwapWindow, p.TwapHistory)
	}
	if p.BuybackBps > MaxBps || p.BuybackMaxDeviationBps > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "buyback_bps %d and buyback_max_deviation_bps %d: at most %d", p.BuybackBps, p.BuybackMaxDeviationBps, MaxBps)
	}
	if p.BuybackSlices == 0 || p.BuybackSlices > MaxBuybackSlices {
		return errorsmod.Wrapf(ErrInvalidParams, "buyback_slices %d: want 1 to %d", p.BuybackSlices, MaxBuybackSlices)
	}
	if p.BuybackSlicesPerBlock == 0 || p.BuybackSlicesPerBlock > MaxBuybackSlicesPerBlock {
		return errorsmod.Wrapf(ErrInvalidParams, "buyback_slices_per_block %d: want 1 to %d", p.BuybackSlicesPerBlock, MaxBuybackSlicesPerBlock)
	}
	return nil
}

// Accepts says whether a pool may hold denom.
func (p Params) Accepts(denom string) bool { return slices.Contains(p.AcceptedDenoms, denom) }
