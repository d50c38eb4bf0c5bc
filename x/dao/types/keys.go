// Package types holds the x/dao types: the DMEX authority, the council bootstrap and the foundation.
package types

import (
	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/internal/modaccounts"
)

const (
	// ModuleName is the x/dao module name.
	ModuleName = modaccounts.Dao
	// StoreKey is the x/dao store key.
	StoreKey = ModuleName

	// PhaseCouncil: the council's group policy is the authority.
	PhaseCouncil = "council"
	// PhaseDAO: x/gov is the authority.
	PhaseDAO = "dao"
	// PhaseOther: the authority is neither (set by a governance decision).
	PhaseOther = "other"
)

var (
	AuthorityKey      = collections.NewPrefix(0)
	CouncilGroupIDKey = collections.NewPrefix(1)
	CouncilPolicyKey  = collections.NewPrefix(2)
	// 3 and 4 held the decisions keyed by x/hashnft's application id alone (consensus version
	// 1); the migration to version 2 moves them to DecisionsKey.
	LegacyDecisionsKey           = collections.NewPrefix(3)
	LegacyDecisionsByProposalKey = collections.NewPrefix(4)
	// CouncilChecksKey: (voting period end, council proposal id); CouncilExpiriesKey: (voting
	// period end + x/group's max execution period, council proposal id).
	CouncilChecksKey   = collections.NewPrefix(5)
	CouncilExpiriesKey = collections.NewPrefix(6)
	// DecisionsKey: (module, item id) → Decision; DecisionsByProposalKey indexes it by (kind,
	// proposal).
	DecisionsKey           = collections.NewPrefix(7)
	DecisionsByProposalKey = collections.NewPrefix(8)
)

// ChecksPerBlock bounds how many council proposals x/dao's EndBlock looks at per block (each
// queue); the rest wait for the next block.
const ChecksPerBlock = 50

// CheckRetries is how many times a failing council check is tried (an hour apart) before it is
// parked.
const CheckRetries = 24

// KindName is a proposal kind as queries and events write it: "group" or "gov".
func KindName(k ProposalKind) string {
	switch k {
	case PROPOSAL_KIND_GROUP:
		return "group"
	case PROPOSAL_KIND_GOV:
		return "gov"
	default:
		return "unspecified"
	}
}

// ParseKind reads "group" or "gov" (or the enum's name).
func ParseKind(s string) (ProposalKind, bool) {
	switch s {
	case "group", "council", "PROPOSAL_KIND_GROUP":
		return PROPOSAL_KIND_GROUP, true
	case "gov", "PROPOSAL_KIND_GOV":
		return PROPOSAL_KIND_GOV, true
	}
	return PROPOSAL_KIND_UNSPECIFIED, false
}
