package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has neither authority nor council: a chain must be given one (see
// `dmexd genesis allocate`), so that no chain starts with an authority nobody controls.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks the genesis: exactly one of an authority (an exported chain) or a council
// to create (a fresh chain).
func (gs GenesisState) Validate(ac address.Codec) error {
	switch {
	case gs.Authority == "" && gs.Council == nil:
		return errorsmod.Wrap(ErrInvalidCouncil, "genesis has neither an authority nor a council to create; run `dmexd genesis allocate`")
	case gs.Authority != "" && gs.Council != nil:
		return errorsmod.Wrap(ErrInvalidCouncil, "genesis has both an authority and a council to create; keep one")
	}
	if err := gs.validateDecisions(); err != nil {
		return err
	}
	if gs.Council != nil {
		return gs.Council.Validate(ac)
	}
	if _, err := ac.StringToBytes(gs.Authority); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "authority %q: %v", gs.Authority, err)
	}
	if gs.CouncilPolicy != "" {
		if _, err := ac.StringToBytes(gs.CouncilPolicy); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "council policy %q: %v", gs.CouncilPolicy, err)
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
		return errorsmod.Wrapf(ErrInvalidCouncil, "voting period %s must be positive", c.VotingPeriod)
	}
	return nil
}

// ValidateCouncil checks members and threshold: distinct valid members, 1 <= threshold <= members.
func ValidateCouncil(ac address.Codec, members []string, threshold uint64) error {
	if len(members) == 0 {
		return errorsmod.Wrap(ErrInvalidCouncil, "no members")
	}
	seen := make(map[string]bool, len(members))
	for i, m := range members {
		bz, err := ac.StringToBytes(m)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "member %d %q: %v", i, m, err)
		}
		if seen[string(bz)] {
			return errorsmod.Wrapf(ErrInvalidCouncil, "member %s listed twice", m)
		}
		seen[string(bz)] = true
	}
	if threshold == 0 {
		return errorsmod.Wrap(ErrInvalidCouncil, "threshold must be at least 1")
	}
	if threshold > uint64(len(members)) {
		return errorsmod.Wrapf(ErrInvalidCouncil, "threshold %d is above the %d members", threshold, len(members))
	}
	return nil
}

// validateDecisions checks the governance hooks' records: one decision per application, a known
// proposal kind and outcome, and no council proposal queued twice.
func (gs GenesisState) validateDecisions() error {
	seen := make(map[uint64]bool, len(gs.Decisions))
	for _, d := range gs.Decisions {
		if seen[d.ApplicationId] {
			return errorsmod.Wrapf(ErrInvalidRequest, "application %d has two decisions", d.ApplicationId)
		}
		seen[d.ApplicationId] = true
		if _, ok := ProposalKind_name[int32(d.Kind)]; !ok || d.Kind == PROPOSAL_KIND_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidRequest, "application %d: proposal kind %d", d.ApplicationId, d.Kind)
		}
		if _, ok := DecisionOutcome_name[int32(d.Outcome)]; !ok || d.Outcome == DECISION_OUTCOME_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidRequest, "application %d: outcome %d", d.ApplicationId, d.Outcome)
		}
		if d.ProposalId == 0 {
			return errorsmod.Wrapf(ErrInvalidRequest, "application %d: proposal id 0", d.ApplicationId)
		}
	}
	for _, q := range [][]CouncilCheck{gs.CouncilChecks, gs.CouncilExpiries} {
		ids := make(map[uint64]bool, len(q))
		for _, c := range q {
			if ids[c.ProposalId] {
				return errorsmod.Wrapf(ErrInvalidRequest, "council proposal %d queued twice", c.ProposalId)
			}
			ids[c.ProposalId] = true
		}
	}
	return nil
}
