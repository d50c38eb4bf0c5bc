package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"
)

func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), Minted: math.ZeroInt(), Burned: math.ZeroInt(), NextWithdrawalId: 1}
}

// ValidateAddresses checks a set of addresses: each valid, no duplicates, at most max.
func ValidateAddresses(ac address.Codec, what string, addrs []string, max int) error {
	if len(addrs) > max {
		return fmt.Errorf("%d %ss, at most %d", len(addrs), what, max)
	}
	seen := make(map[string]bool, len(addrs))
	for _, a := range addrs {
		if _, err := ac.StringToBytes(a); err != nil {
			return fmt.Errorf("%s %q: %w", what, a, err)
		}
		if seen[a] {
			return fmt.Errorf("%s %s listed twice", what, a)
		}
		seen[a] = true
	}
	return nil
}

func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return ErrInvalidGenesis.Wrap(err.Error())
	}
	if err := ValidateAddresses(ac, "feeder", gs.Feeders.Feeders, MaxFeeders); err != nil {
		return ErrInvalidGenesis.Wrap(err.Error())
	}
	if err := ValidateAddresses(ac, "operator", gs.Operators.Operators, MaxOperators); err != nil {
		return ErrInvalidGenesis.Wrap(err.Error())
	}
	if int(gs.Operators.Threshold) > len(gs.Operators.Operators) || (len(gs.Operators.Operators) > 0 && gs.Operators.Threshold == 0) {
		return ErrInvalidGenesis.Wrapf("threshold %d with %d operators", gs.Operators.Threshold, len(gs.Operators.Operators))
	}
	if gs.Minted.IsNil() || gs.Minted.IsNegative() || gs.Burned.IsNil() || gs.Burned.IsNegative() {
		return ErrInvalidGenesis.Wrapf("minted %s and burned %s must be non-negative", gs.Minted, gs.Burned)
	}
	if gs.NextWithdrawalId == 0 {
		return ErrInvalidGenesis.Wrap("next_withdrawal_id must be at least 1")
	}
	for _, w := range gs.Withdrawals {
		if w.Id == 0 || w.Id >= gs.NextWithdrawalId {
			return ErrInvalidGenesis.Wrapf("withdrawal id %d outside 1..%d", w.Id, gs.NextWithdrawalId-1)
		}
		if err := ValidateFilecoinAddress(w.FilecoinAddress); err != nil {
			return ErrInvalidGenesis.Wrapf("withdrawal %d: %v", w.Id, err)
		}
	}
	for _, d := range gs.Deposits {
		if d.Cid == "" || d.Amount.IsNil() || !d.Amount.IsPositive() {
			return ErrInvalidGenesis.Wrapf("deposit %q with amount %s", d.Cid, d.Amount)
		}
	}
	return nil
}

// DefaultParams are a live chain's: UTC days.
func DefaultParams() Params { return Params{DaySeconds: DefaultDaySeconds} }

// Validate checks the day length: 1 s to 86,400 s (a local chain may shorten days; a day longer
// than Filecoin's would hold more than one day of Filecoin figures).
func (p Params) Validate() error {
	if p.DaySeconds == 0 || p.DaySeconds > DefaultDaySeconds {
		return fmt.Errorf("day_seconds %d must be 1 to %d", p.DaySeconds, DefaultDaySeconds)
	}
	return nil
}

// DayOf is the oracle day of a unix time in seconds (day 0 before 1970).
func (p Params) DayOf(unix int64) uint64 {
	if unix < 0 || p.DaySeconds == 0 {
		return 0
	}
	return uint64(unix) / p.DaySeconds
}
