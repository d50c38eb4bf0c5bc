package types

import errorsmod "cosmossdk.io/errors"

// x/jointmine errors (codes > 1; new ones at the end, never renumbered).
var (
	ErrInvalidParams      = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 3, "invalid genesis")
	ErrInvalidAddress     = errorsmod.Register(ModuleName, 4, "invalid address")
	ErrInvalidAmount      = errorsmod.Register(ModuleName, 5, "invalid amount")
	ErrWrongDenom         = errorsmod.Register(ModuleName, 6, "wrong denom")
	ErrInvalidApplication = errorsmod.Register(ModuleName, 7, "invalid pool application")
	ErrNodeTaken          = errorsmod.Register(ModuleName, 8, "node already has a pool")
	ErrPoolNotFound       = errorsmod.Register(ModuleName, 9, "pool not found")
	ErrPoolNotPending     = errorsmod.Register(ModuleName, 10, "pool not pending")
	ErrPoolClosed         = errorsmod.Register(ModuleName, 11, "pool does not take this now")
	ErrBelowMinimum       = errorsmod.Register(ModuleName, 12, "amount below the minimum")
	ErrAboveCap           = errorsmod.Register(ModuleName, 13, "amount above the cap")
	ErrNotMiner           = errorsmod.Register(ModuleName, 14, "not the pool's miner")
	ErrInsufficientShares = errorsmod.Register(ModuleName, 15, "more shares than held")
	ErrInsufficientLiquid = errorsmod.Register(ModuleName, 16, "pool's liquid balance too low")
	ErrAboveOwed          = errorsmod.Register(ModuleName, 17, "amount above what is owed")
	ErrNothingToClaim     = errorsmod.Register(ModuleName, 18, "nothing to claim")
	ErrSuspended          = errorsmod.Register(ModuleName, 19, "pool suspended")
	ErrBooksMismatch      = errorsmod.Register(ModuleName, 20, "jointmine books do not add up")
	ErrNoValue            = errorsmod.Register(ModuleName, 21, "pool has no net value")
	ErrNotNodeOwner       = errorsmod.Register(ModuleName, 22, "not the node's owner")
)
