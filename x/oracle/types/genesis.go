package types

import (
	"fmt"
	"sort"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), Minted: math.ZeroInt(), Burned: math.ZeroInt(), NextWithdrawalId: 1}
}

// CanonicalAddress is an address in its canonical (lower-case bech32) form: an upper-case
// address is the same account and must compare equal.
func CanonicalAddress(ac address.Codec, s string) (string, error) {
	bz, err := ac.StringToBytes(s)
	if err != nil {
		return "", err
	}
	return ac.BytesToString(bz)
}

// CanonicalAddresses checks a set of addresses (each valid, no account twice, at most max) and
// returns their canonical forms, sorted. Its errors wrap invalid, the caller's registered error.
func CanonicalAddresses(ac address.Codec, invalid *errorsmod.Error, what string, addrs []string, max int) ([]string, error) {
	if len(addrs) > max {
		return nil, errorsmod.Wrapf(invalid, "%d %ss, at most %d", len(addrs), what, max)
	}
	out := make([]string, 0, len(addrs))
	seen := make(map[string]bool, len(addrs))
	for _, a := range addrs {
		c, err := CanonicalAddress(ac, a)
		if err != nil {
			return nil, errorsmod.Wrapf(invalid, "%s %q: %v", what, a, err)
		}
		if seen[c] {
			return nil, errorsmod.Wrapf(invalid, "%s %s listed twice", what, c)
		}
		seen[c] = true
		out = append(out, c)
	}
	sort.Strings(out)
	return out, nil
}

// ValidateFeederCount refuses a feeder set that one rogue feeder could steer: with the quorum
// ceil(2n/3) and the lower median, n feeders tolerate f < n/3 rogue ones, so 2 or 3 feeders
// tolerate none. A set of one (a local network, where the one feeder is trusted) or none (no
// oracle) is allowed.
func ValidateFeederCount(n int) error {
	if n >= 2 && n < MinFeeders {
		return errorsmod.Wrapf(ErrInvalidFeeders, "%d feeders do not tolerate one rogue feeder: want 1 (a local network) or at least %d", n, MinFeeders)
	}
	return nil
}

// CheckFigure bounds a reported figure: 0 <= v <= max (MaxAttoFIL or MaxPowerBytes).
func CheckFigure(what string, v, max math.Int, unit string) error {
	if v.IsNil() || v.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidFigure, "%s %v must be non-negative", what, v)
	}
	if v.GT(max) {
		return errorsmod.Wrapf(ErrFigureOutOfRange, "%s %s is above the bound %s %s", what, v, max, unit)
	}
	return nil
}

// CheckNodeFigures bounds a node's figures.
func CheckNodeFigures(n NodeFigures) error {
	if err := CheckFigure("power of node "+n.NodeId, n.Power, MaxPowerBytes, "bytes"); err != nil {
		return err
	}
	return CheckFigure("reward of node "+n.NodeId, n.Reward, MaxAttoFIL, "attoFIL")
}

func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return ErrInvalidGenesis.Wrap(err.Error())
	}
	if _, err := CanonicalAddresses(ac, ErrInvalidGenesis, "feeder", gs.Feeders.Feeders, MaxFeeders); err != nil {
		return err
	}
	if err := ValidateFeederCount(len(gs.Feeders.Feeders)); err != nil {
		return ErrInvalidGenesis.Wrap(err.Error())
	}
	if _, err := CanonicalAddresses(ac, ErrInvalidGenesis, "operator", gs.Operators.Operators, MaxOperators); err != nil {
		return err
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
		if d.Cid == "" || d.Amount.IsNil() || !d.Amount.IsPositive() || d.Amount.GT(MaxAttoFIL) {
			return ErrInvalidGenesis.Wrapf("deposit %q with amount %s: want 1 to %s", d.Cid, d.Amount, MaxAttoFIL)
		}
	}
	for _, w := range gs.Withdrawals {
		if w.Amount.IsNil() || !w.Amount.IsPositive() || w.Amount.GT(MaxAttoFIL) {
			return ErrInvalidGenesis.Wrapf("withdrawal %d with amount %s: want 1 to %s", w.Id, w.Amount, MaxAttoFIL)
		}
	}
	for _, r := range gs.Reports {
		if err := CheckFigure(fmt.Sprintf("report of %s for day %d: reward_per_tib", r.Feeder, r.Day), r.RewardPerTib, MaxAttoFIL, "attoFIL"); err != nil {
			return ErrInvalidGenesis.Wrap(err.Error())
		}
		for _, n := range r.Nodes {
			if err := validateNode(ac, n); err != nil {
				return ErrInvalidGenesis.Wrapf("report of %s for day %d: %v", r.Feeder, r.Day, err)
			}
		}
	}
	for _, d := range gs.NetworkDays {
		if err := CheckFigure(fmt.Sprintf("network day %d: reward_per_tib", d.Day), d.RewardPerTib, MaxAttoFIL, "attoFIL"); err != nil {
			return ErrInvalidGenesis.Wrap(err.Error())
		}
	}
	for _, d := range gs.NodeDays {
		if err := validateNode(ac, d.Figures); err != nil {
			return ErrInvalidGenesis.Wrapf("node day %d: %v", d.Day, err)
		}
	}
	return nil
}

// validateNode checks a node's stored figures: an ID address, bounded figures, a canonical owner.
func validateNode(ac address.Codec, n NodeFigures) error {
	if err := ValidateNodeID(n.NodeId); err != nil {
		return err
	}
	if err := CheckNodeFigures(n); err != nil {
		return err
	}
	if n.Owner != "" {
		if c, err := CanonicalAddress(ac, n.Owner); err != nil || c != n.Owner {
			return errorsmod.Wrapf(ErrInvalidNode, "owner %q of node %s is not a canonical address (%v)", n.Owner, n.NodeId, err)
		}
	}
	return nil
}

// ValidateNodeID checks a node id: a Filecoin ID address (f01234, t01234).
func ValidateNodeID(id string) error {
	if len(id) > MaxNodeIDLen || len(id) < 3 || id[1] != '0' || ValidateFilecoinAddress(id) != nil {
		return errorsmod.Wrapf(ErrInvalidNode, "node id %q is not a Filecoin ID address like f01234", id)
	}
	return nil
}

// DefaultParams are a live chain's: UTC days, withdrawals of at least 0.01 FIL.
func DefaultParams() Params {
	return Params{DaySeconds: DefaultDaySeconds, MinWithdrawal: math.NewInt(DefaultMinWithdrawal)}
}

// Validate checks the day length: 1 s to 86,400 s (a local chain may shorten days; a day longer
// than Filecoin's would hold more than one day of Filecoin figures) and the minimum withdrawal:
// 1 aifil to MaxAttoFIL.
func (p Params) Validate() error {
	if p.DaySeconds == 0 || p.DaySeconds > DefaultDaySeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "day_seconds %d must be 1 to %d", p.DaySeconds, DefaultDaySeconds)
	}
	if p.MinWithdrawal.IsNil() || !p.MinWithdrawal.IsPositive() || p.MinWithdrawal.GT(MaxAttoFIL) {
		return errorsmod.Wrapf(ErrInvalidParams, "min_withdrawal %v aifil must be 1 to %s", p.MinWithdrawal, MaxAttoFIL)
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
