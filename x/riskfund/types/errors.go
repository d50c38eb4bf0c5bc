package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams     = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidGenesis    = errorsmod.Register(ModuleName, 3, "invalid genesis")
	ErrInvalidAddress    = errorsmod.Register(ModuleName, 4, "invalid address")
	ErrInvalidAmount     = errorsmod.Register(ModuleName, 5, "invalid amount")
	ErrNotHolder         = errorsmod.Register(ModuleName, 6, "not the NFT's holder")
	ErrAlreadyInsured    = errorsmod.Register(ModuleName, 7, "NFT already insured")
	ErrProductSuspended  = errorsmod.Register(ModuleName, 8, "product suspended")
	ErrProductTerminated = errorsmod.Register(ModuleName, 9, "product terminated")
	ErrProductExpired    = errorsmod.Register(ModuleName, 10, "product expired")
	ErrMissedDayStreak   = errorsmod.Register(ModuleName, 11, "product in a missed-day streak")
	ErrBeyondCapacity    = errorsmod.Register(ModuleName, 12, "cover beyond the fund's capacity")
	ErrWrongDenom        = errorsmod.Register(ModuleName, 13, "wrong denom")
	ErrPremiumTooHigh    = errorsmod.Register(ModuleName, 14, "premium above the buyer's maximum")
	ErrNotTerminated     = errorsmod.Register(ModuleName, 15, "product not terminated")
	ErrAboveFreeBalance  = errorsmod.Register(ModuleName, 16, "amount above the fund's free balance")
	ErrUnknownNFT        = errorsmod.Register(ModuleName, 17, "unknown NFT")
	ErrUnknownProduct    = errorsmod.Register(ModuleName, 18, "unknown product")
	ErrNoInsuredValue    = errorsmod.Register(ModuleName, 19, "no insured value")
	ErrBooksMismatch     = errorsmod.Register(ModuleName, 20, "risk fund books do not add up")
	ErrNotFound          = errorsmod.Register(ModuleName, 21, "not found")
)
