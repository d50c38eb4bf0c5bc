// Package types holds the x/dao types: the DMEX authority, the council bootstrap and the foundation.
package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the x/dao module name.
	ModuleName = "dao"
	// StoreKey is the x/dao store key.
	StoreKey = ModuleName
	// FoundationAccount is the module account that holds the foundation's DMC (SPEC §2).
	FoundationAccount = "foundation"

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
)
