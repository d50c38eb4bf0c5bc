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
	}
	if err := gs.validateDecisions(); err != nil {
		return err
	}
	if gs.Council != nil {
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
	if err := ValidateCouncil(ac, c.Members, c.Threshold); err != nil {
		return err
	}
	if c.VotingPeriod <= 0 {
		return fmt.Errorf("%w: voting period %s must be positive", ErrInvalidCouncil, c.VotingPeriod)
	}
	return nil
}

// ValidateCouncil checks members and threshold: distinct valid members, 1 <= threshold <= members.
func ValidateCouncil(ac address.Codec, members []string, threshold uint64) error {
	if len(members) == 0 {
		return fmt.Errorf("%w: no members", ErrInvalidCouncil)
	}
	seen := make(map[string]bool, len(members))
	for i, m := range members {
		bz, err := ac.StringToBytes(m)
		if err != nil {
			return fmt.Errorf("%w: member %d %q: %v", ErrInvalidAddress, i, m, err)
		}
		if seen[string(bz)] {
			return fmt.Errorf("%w: member %s listed twice", ErrInvalidCouncil, m)
		}
		seen[string(bz)] = true
	}
	if threshold == 0 {
		return fmt.Errorf("%w: threshold must be at least 1", ErrInvalidCouncil)
	}
	if threshold > uint64(len(members)) {
		return fmt.Errorf("%w: threshold %d is above the %d members", ErrInvalidCouncil, threshold, len(members))
	}
	return nil
}

// validateDecisions checks the governance hooks' records: one decision per application, a known
// proposal kind and outcome, and no council proposal queued twice.
func (gs GenesisState) validateDecisions() error {
	seen := make(map[uint64]bool, len(gs.Decisions))
	for _, d := range gs.Decisions {
		if seen[d.ApplicationId] {
			return fmt.Errorf("%w: application %d has two decisions", ErrInvalidRequest, d.ApplicationId)
		}
		seen[d.ApplicationId] = true
		if _, ok := ProposalKind_name[int32(d.Kind)]; !ok || d.Kind == PROPOSAL_KIND_UNSPECIFIED {
			return fmt.Errorf("%w: application %d: proposal kind %d", ErrInvalidRequest, d.ApplicationId, d.Kind)
		}
		if _, ok := DecisionOutcome_name[int32(d.Outcome)]; !ok || d.Outcome == DECISION_OUTCOME_UNSPECIFIED {
			return fmt.Errorf("%w: application %d: outcome %d", ErrInvalidRequest, d.ApplicationId, d.Outcome)
		}
		if d.ProposalId == 0 {
			return fmt.Errorf("%w: application %d: proposal id 0", ErrInvalidRequest, d.ApplicationId)
		}
	}
	for _, q := range [][]CouncilCheck{gs.CouncilChecks, gs.CouncilExpiries} {
		ids := make(map[uint64]bool, len(q))
		for _, c := range q {
			if ids[c.ProposalId] {
				return fmt.Errorf("%w: council proposal %d queued twice", ErrInvalidRequest, c.ProposalId)
			}
			ids[c.ProposalId] = true
		}
	}
	return nil
}
