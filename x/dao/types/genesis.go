package types

import (
	"slices"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has neither authority nor council: a chain must be given one (see
// `dmexd genesis allocate`), so that no chain starts with an authority nobody controls.
func DefaultGenesis() *GenesisState { return &GenesisState{} }

// Validate checks the genesis: exactly one of an authority (an exported chain) or a council
// to create (a fresh chain), and the governance hooks' records, whose modules must be among
// decisionModules (the modules registered with the hooks).
func (gs GenesisState) Validate(ac address.Codec, decisionModules []string) error {
	switch {
	case gs.Authority == "" && gs.Council == nil:
		return errorsmod.Wrap(ErrInvalidCouncil, "genesis has neither an authority nor a council to create; run `dmexd genesis allocate`")
	case gs.Authority != "" && gs.Council != nil:
		return errorsmod.Wrap(ErrInvalidCouncil, "genesis has both an authority and a council to create; keep one")
	}
	if err := gs.validateDecisions(decisionModules); err != nil {
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

// validateDecisions checks the governance hooks' records: a registered module and an item id
// above 0, one decision per (module, item), a known proposal kind and outcome, and no council
// proposal queued twice.
func (gs GenesisState) validateDecisions(decisionModules []string) error {
	type key struct {
		module string
		item   uint64
	}
	seen := make(map[key]bool, len(gs.Decisions))
	for _, d := range gs.Decisions {
		if !slices.Contains(decisionModules, d.Module) {
			return errorsmod.Wrapf(ErrUnknownDecisionModule, "decision of %s item %d: module %q is not registered with x/dao (registered: %v)",
				d.Module, d.ItemId, d.Module, decisionModules)
		}
		if d.ItemId == 0 {
			return errorsmod.Wrapf(ErrInvalidRequest, "decision of %s item 0: item ids start at 1", d.Module)
		}
		k := key{d.Module, d.ItemId}
		if seen[k] {
			return errorsmod.Wrapf(ErrInvalidRequest, "%s item %d has two decisions", d.Module, d.ItemId)
		}
		seen[k] = true
		if _, ok := ProposalKind_name[int32(d.Kind)]; !ok || d.Kind == PROPOSAL_KIND_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidRequest, "%s item %d: proposal kind %d", d.Module, d.ItemId, d.Kind)
		}
		if _, ok := DecisionOutcome_name[int32(d.Outcome)]; !ok || d.Outcome == DECISION_OUTCOME_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidRequest, "%s item %d: outcome %d", d.Module, d.ItemId, d.Outcome)
		}
		if d.ProposalId == 0 {
			return errorsmod.Wrapf(ErrInvalidRequest, "%s item %d: proposal id 0", d.Module, d.ItemId)
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
