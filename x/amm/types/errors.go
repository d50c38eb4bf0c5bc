package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams         = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidGenesis        = errorsmod.Register(ModuleName, 3, "invalid genesis")
	ErrInvalidAddress        = errorsmod.Register(ModuleName, 4, "invalid address")
	ErrInvalidAmount         = errorsmod.Register(ModuleName, 5, "invalid amount")
	ErrDenomNotAccepted      = errorsmod.Register(ModuleName, 6, "denom not accepted")
	ErrSameDenom             = errorsmod.Register(ModuleName, 7, "a pool needs two different denoms")
	ErrPoolExists            = errorsmod.Register(ModuleName, 8, "pool of this pair exists")
	ErrPoolNotFound          = errorsmod.Register(ModuleName, 9, "pool not found")
	ErrInvalidSwapFee        = errorsmod.Register(ModuleName, 10, "swap fee out of bounds")
	ErrLiquidityTooLow       = errorsmod.Register(ModuleName, 11, "liquidity below the locked minimum")
	ErrMinSharesNotMet       = errorsmod.Register(ModuleName, 12, "shares out below the minimum")
	ErrMinOutNotMet          = errorsmod.Register(ModuleName, 13, "amount out below the minimum")
	ErrMaxInExceeded         = errorsmod.Register(ModuleName, 14, "amount in above the maximum")
	ErrInsufficientShares    = errorsmod.Register(ModuleName, 15, "not enough shares")
	ErrInvalidRoute          = errorsmod.Register(ModuleName, 16, "invalid route")
	ErrDeadlinePassed        = errorsmod.Register(ModuleName, 17, "deadline passed")
	ErrInsufficientLiquidity = errorsmod.Register(ModuleName, 18, "not enough liquidity")
	ErrInvalidDenom          = errorsmod.Register(ModuleName, 19, "denom not in the pool")
	ErrTwapUnavailable       = errorsmod.Register(ModuleName, 20, "time-weighted price unavailable")
	ErrBooksMismatch         = errorsmod.Register(ModuleName, 21, "amm books do not add up")
	ErrBuyback               = errorsmod.Register(ModuleName, 22, "buyback slice refused")
)
