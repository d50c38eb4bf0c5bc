package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams     = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidAllocation = errorsmod.Register(ModuleName, 3, "invalid allocation")
	ErrSupplyMismatch    = errorsmod.Register(ModuleName, 4, "DMC supply does not add up")
	ErrUnknownFarm       = errorsmod.Register(ModuleName, 5, "unknown farm")
	ErrFarmClosed        = errorsmod.Register(ModuleName, 6, "farm closed")
	ErrWrongDenom        = errorsmod.Register(ModuleName, 7, "denom not accepted by the farm")
	ErrInvalidAmount     = errorsmod.Register(ModuleName, 8, "invalid amount")
	ErrInsufficientStake = errorsmod.Register(ModuleName, 9, "unstaking more than staked")
	ErrNothingToClaim    = errorsmod.Register(ModuleName, 10, "nothing to claim")
	ErrInvalidFarm       = errorsmod.Register(ModuleName, 11, "invalid farm")
	ErrTooManyFarms      = errorsmod.Register(ModuleName, 12, "too many farms")
	ErrInvalidAddress    = errorsmod.Register(ModuleName, 13, "invalid address")
	ErrInvalidRevenue    = errorsmod.Register(ModuleName, 14, "invalid revenue")
	ErrRevenueOverdraw   = errorsmod.Register(ModuleName, 15, "spend exceeds the revenue balance")
	ErrRevenueMismatch   = errorsmod.Register(ModuleName, 16, "revenue books do not add up")
	ErrBurnRefused       = errorsmod.Register(ModuleName, 17, "burn refused")
)
