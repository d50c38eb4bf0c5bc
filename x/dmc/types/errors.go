package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams     = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidAllocation = errorsmod.Register(ModuleName, 3, "invalid allocation")
	ErrSupplyMismatch    = errorsmod.Register(ModuleName, 4, "DMC supply does not add up")
)
