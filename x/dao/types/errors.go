package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrUnauthorized   = errorsmod.Register(ModuleName, 2, "not the DMEX authority")
	ErrInvalidAddress = errorsmod.Register(ModuleName, 3, "invalid address")
	ErrInvalidCouncil = errorsmod.Register(ModuleName, 4, "invalid council")
	ErrInvalidAmount  = errorsmod.Register(ModuleName, 5, "invalid amount")
	ErrNoAuthority    = errorsmod.Register(ModuleName, 6, "no DMEX authority set")
	ErrNoDecision     = errorsmod.Register(ModuleName, 7, "no proposal decides this item")
	ErrInvalidRequest = errorsmod.Register(ModuleName, 8, "invalid request")
	// ErrInsufficientFunds: the foundation holds less than a spend asks.
	ErrInsufficientFunds = errorsmod.Register(ModuleName, 9, "insufficient foundation funds")
	// ErrUnregisteredDecider: the app's wiring of the governance hooks is wrong (checked at start).
	ErrUnregisteredDecider = errorsmod.Register(ModuleName, 10, "governance decider not registered")
	// ErrUnknownDecisionModule: a query or a genesis names a module not registered with the hooks.
	ErrUnknownDecisionModule = errorsmod.Register(ModuleName, 11, "module has no governance decisions")
	// ErrInvalidUpgrade: a software-upgrade plan x/upgrade would refuse (no name, a height not
	// above the current one, a name already applied).
	ErrInvalidUpgrade = errorsmod.Register(ModuleName, 12, "invalid upgrade plan")
	// ErrNoUpgradeScheduled: a cancel with no upgrade plan scheduled.
	ErrNoUpgradeScheduled = errorsmod.Register(ModuleName, 13, "no upgrade scheduled")
)
