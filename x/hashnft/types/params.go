package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultParams are the SPEC §4 figures (channel fee 2%, trading fee 1%) and this module's
// bounds. Payment denoms default to udmc only: a live chain's stable coins arrive over IBC and
// the authority adds their ibc/… denoms (the local network adds its demo denoms at genesis).
func DefaultParams() Params {
	return Params{
		ChannelFeeBps:      200,
		TradingFeeBps:      100,
		ApplicationDeposit: sdk.NewInt64Coin("udmc", 100_000_000), // 100 DMC
		AcceptedDenoms:     []string{"udmc"},
		PowerCaps: []PowerCap{
			{Chain: "FIL", PowerUnit: "TiB", MaxPowerPerMiner: math.NewInt(10_000)},
			{Chain: "BTC", PowerUnit: "TH/s", MaxPowerPerMiner: math.NewInt(100_000)},
			{Chain: "ETH", PowerUnit: "MH/s", MaxPowerPerMiner: math.NewInt(10_000_000)},
		},
		MaxBidsPerAuction:   100,
		MaxDisclosureLength: 1024,
		MaxNftsPerProduct:   100_000,
		MaxTermDays:         1800,
		MinAuctionDuration:  time.Minute,
		MaxAuctionDuration:  30 * 24 * time.Hour,
		ApplicationTtl:      30 * 24 * time.Hour,
		QueueItemsPerBlock:  20,
		MintBudgetPerBlock:  2_000,
		// A full auction of 100 bids still covers its supply with bids of the minimum size; a bid
		// in the last 10 minutes moves the end 10 minutes on, at most 144 times (a day).
		MinBidShareBps:       100,
		AuctionExtension:     10 * time.Minute,
		MaxAuctionExtensions: 144,
	}
}

// Validate checks each figure and says which one is off.
func (p Params) Validate() error {
	if p.ChannelFeeBps > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "channel_fee_bps %d is above 10000 (100%%)", p.ChannelFeeBps)
	}
	if p.TradingFeeBps > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "trading_fee_bps %d is above 10000 (100%%)", p.TradingFeeBps)
	}
	if err := p.ApplicationDeposit.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "application_deposit %s: %v", p.ApplicationDeposit, err)
	}
	if len(p.AcceptedDenoms) == 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "accepted_denoms is empty; nothing could be sold")
	}
	seen := map[string]bool{}
	for _, d := range p.AcceptedDenoms {
		if err := sdk.ValidateDenom(d); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted denom %q: %v", d, err)
		}
		if seen[d] {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted denom %s listed twice", d)
		}
		seen[d] = true
	}
	if len(p.PowerCaps) == 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "power_caps is empty; no product could be applied for")
	}
	caps := map[string]bool{}
	for _, c := range p.PowerCaps {
		if err := validateName(ErrInvalidParams, "power cap chain", c.Chain, 16); err != nil {
			return err
		}
		if err := validateName(ErrInvalidParams, "power cap unit", c.PowerUnit, 16); err != nil {
			return err
		}
		key := c.Chain + "\x00" + c.PowerUnit
		if caps[key] {
			return errorsmod.Wrapf(ErrInvalidParams, "power cap for %s in %s listed twice", c.Chain, c.PowerUnit)
		}
		caps[key] = true
		if c.MaxPowerPerMiner.IsNil() || c.MaxPowerPerMiner.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidParams, "power cap for %s in %s must be a non-negative integer", c.Chain, c.PowerUnit)
		}
	}
	for _, f := range []struct {
		name string
		v    uint64
	}{
		{"max_bids_per_auction", uint64(p.MaxBidsPerAuction)}, {"max_disclosure_length", uint64(p.MaxDisclosureLength)},
		{"max_nfts_per_product", p.MaxNftsPerProduct}, {"max_term_days", uint64(p.MaxTermDays)},
		{"queue_items_per_block", uint64(p.QueueItemsPerBlock)}, {"mint_budget_per_block", uint64(p.MintBudgetPerBlock)},
	} {
		if f.v == 0 {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be positive", f.name)
		}
	}
	if p.MaxBidsPerAuction > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_bids_per_auction %d is above 10000 (settlement sorts them in one block)", p.MaxBidsPerAuction)
	}
	if p.QueueItemsPerBlock > 1_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "queue_items_per_block %d is above 1000", p.QueueItemsPerBlock)
	}
	if p.MintBudgetPerBlock > 100_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "mint_budget_per_block %d is above 100000", p.MintBudgetPerBlock)
	}
	if p.MinAuctionDuration <= 0 || p.MaxAuctionDuration < p.MinAuctionDuration {
		return errorsmod.Wrapf(ErrInvalidParams, "auction durations must satisfy 0 < min (%s) <= max (%s)", p.MinAuctionDuration, p.MaxAuctionDuration)
	}
	if p.MinBidShareBps > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "min_bid_share_bps %d is above 10000 (the whole supply)", p.MinBidShareBps)
	}
	if p.AuctionExtension < 0 || p.AuctionExtension > p.MaxAuctionDuration {
		return errorsmod.Wrapf(ErrInvalidParams, "auction_extension %s must be between 0 and max_auction_duration %s", p.AuctionExtension, p.MaxAuctionDuration)
	}
	if p.MaxAuctionExtensions > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_auction_extensions %d is above 10000", p.MaxAuctionExtensions)
	}
	if p.ApplicationTtl <= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "application_ttl %s must be positive", p.ApplicationTtl)
	}
	return nil
}

// Accepts reports whether denom is an accepted payment denom.
func (p Params) Accepts(denom string) bool {
	for _, d := range p.AcceptedDenoms {
		if d == denom {
			return true
		}
	}
	return false
}

// MinBidQuantity is the fewest NFTs a bid in an auction of supply NFTs may be for:
// ceil(supply × min_bid_share_bps / 10000), at least 1. The product is formed before the division.
func (p Params) MinBidQuantity(supply uint64) uint64 {
	n := math.NewIntFromUint64(supply).Mul(math.NewInt(int64(p.MinBidShareBps))).Add(math.NewInt(9_999)).Quo(math.NewInt(10_000))
	if !n.IsUint64() || n.Uint64() < 1 {
		return 1
	}
	return min(n.Uint64(), supply)
}

// PowerCap returns the cap of a chain and unit, and whether the pair is admitted at all.
func (p Params) PowerCap(chain, unit string) (math.Int, bool) {
	for _, c := range p.PowerCaps {
		if c.Chain == chain && c.PowerUnit == unit {
			return c.MaxPowerPerMiner, true
		}
	}
	return math.Int{}, false
}

// Fee is amount × bps / 10,000 rounded up, in the platform's favour; amount − Fee is what the
// escrow or the seller gets, so the two always add up to amount exactly. The product is formed
// before the one division.
func Fee(amount math.Int, bps uint32) math.Int {
	if bps == 0 || !amount.IsPositive() {
		return math.ZeroInt()
	}
	num := amount.Mul(math.NewInt(int64(bps)))
	return num.Add(math.NewInt(9_999)).Quo(math.NewInt(10_000))
}

// validateName checks a short identifier: 1..max printable ASCII characters without spaces.
// Its errors wrap invalid, the caller's registered error.
func validateName(invalid *errorsmod.Error, what, s string, max int) error {
	if s == "" {
		return errorsmod.Wrapf(invalid, "%s is empty", what)
	}
	if len(s) > max {
		return errorsmod.Wrapf(invalid, "%s %q is longer than %d characters", what, s, max)
	}
	for _, r := range s {
		if r <= ' ' || r > '~' {
			return errorsmod.Wrapf(invalid, "%s %q may only hold printable ASCII without spaces", what, s)
		}
	}
	return nil
}

// ValidateName is validateName for the keeper (chain, node id, power unit).
func ValidateName(invalid *errorsmod.Error, what, s string, max int) error {
	return validateName(invalid, what, s, max)
}

// Length is the disclosure's size in bytes, what max_disclosure_length bounds.
func (d Disclosure) Length() int {
	return len(d.Name) + len(d.Registration) + len(d.Contact) + len(d.Uri)
}
