package types

import (
	"fmt"

	"cosmossdk.io/core/address"
)

// DefaultGenesis has neither authority nor council: a chain must be given one (see
// `dmexd genesis allocate`), so that no chain starts with an authority nobody controls.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks the genesis: exactly one of an authority (an exported chain) or a council
// to create (a fresh chain).
func (gs GenesisState) Validate(ac address.Codec) error {
	switch {
	case gs.Authority == "" && gs.Council == nil:
		return fmt.Errorf("%w: genesis has neither an authority nor a council to create; run `dmexd genesis allocate`", ErrInvalidCouncil)
	case gs.Authority != "" && gs.Council != nil:
		return fmt.Errorf("%w: genesis has both an authority and a council to create; keep one", ErrInvalidCouncil)
	case gs.Council != nil:
		return gs.Council.Validate(ac)
	}
	if _, err := ac.StringToBytes(gs.Authority); err != nil {
		return fmt.Errorf("%w: authority %q: %v", ErrInvalidAddress, gs.Authority, err)
	}
	if gs.CouncilPolicy != "" {
		if _, err := ac.StringToBytes(gs.CouncilPolicy); err != nil {
			return fmt.Errorf("%w: council policy %q: %v", ErrInvalidAddress, gs.CouncilPolicy, err)
		}
	}
	return nil
}

// Validate checks a council: at least one member, distinct valid members, 1 <= threshold <= members.
func (c CouncilBootstrap) Validate(ac address.Codec) error {
	if len(c.Members) == 0 {
		return fmt.Errorf("%w: no members", ErrInvalidCouncil)
	}
	seen := make(map[string]bool, len(c.Members))
	for i, m := range c.Members {
		bz, err := ac.StringToBytes(m)
		if err != nil {
			return fmt.Errorf("%w: member %d %q: %v", ErrInvalidAddress, i, m, err)
		}
		if seen[string(bz)] {
			return fmt.Errorf("%w: member %s listed twice", ErrInvalidCouncil, m)
		}
		seen[string(bz)] = true
	}
	if c.Threshold == 0 {
		return fmt.Errorf("%w: threshold must be at least 1", ErrInvalidCouncil)
	}
	if c.Threshold > uint64(len(c.Members)) {
		return fmt.Errorf("%w: threshold %d is above the %d members", ErrInvalidCouncil, c.Threshold, len(c.Members))
	}
	if c.VotingPeriod <= 0 {
		return fmt.Errorf("%w: voting period %s must be positive", ErrInvalidCouncil, c.VotingPeriod)
	}
	return nil
}
