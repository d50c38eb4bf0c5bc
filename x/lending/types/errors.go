package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams       = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 3, "invalid genesis")
	ErrInvalidAddress      = errorsmod.Register(ModuleName, 4, "invalid address")
	ErrInvalidAmount       = errorsmod.Register(ModuleName, 5, "invalid amount")
	ErrDenomNotAccepted    = errorsmod.Register(ModuleName, 6, "denom not accepted")
	ErrInvalidTerm         = errorsmod.Register(ModuleName, 7, "invalid term")
	ErrInvalidExpiry       = errorsmod.Register(ModuleName, 8, "invalid expiry")
	ErrInvalidCollateral   = errorsmod.Register(ModuleName, 9, "invalid collateral")
	ErrCollateralMismatch  = errorsmod.Register(ModuleName, 10, "collateral not accepted by the offer")
	ErrOfferNotFound       = errorsmod.Register(ModuleName, 11, "offer not found")
	ErrRequestNotFound     = errorsmod.Register(ModuleName, 12, "request not found")
	ErrLoanNotFound        = errorsmod.Register(ModuleName, 13, "loan not found")
	ErrNotLender           = errorsmod.Register(ModuleName, 14, "not the lender")
	ErrNotBorrower         = errorsmod.Register(ModuleName, 15, "not the borrower")
	ErrOfferExpired        = errorsmod.Register(ModuleName, 16, "offer expired")
	ErrLoanClosed          = errorsmod.Register(ModuleName, 17, "loan not active")
	ErrRepayTooMuch        = errorsmod.Register(ModuleName, 18, "repayment above what is owed")
	ErrProductUnavailable  = errorsmod.Register(ModuleName, 19, "product expired or terminated")
	ErrSelfLoan            = errorsmod.Register(ModuleName, 20, "borrower and lender are the same account")
	ErrExtension           = errorsmod.Register(ModuleName, 21, "invalid extension")
	ErrMatured             = errorsmod.Register(ModuleName, 22, "loan past its maturity")
	ErrBooksMismatch       = errorsmod.Register(ModuleName, 23, "lending books do not add up")
	ErrPastGrace           = errorsmod.Register(ModuleName, 24, "loan past its grace end")
	ErrInvalidLoanRequests = errorsmod.Register(ModuleName, 25, "invalid loan count")
	// From 30: the parked-foreclosure retry.
	ErrNotParked         = errorsmod.Register(ModuleName, 30, "loan foreclosure not parked")
	ErrForeclosureFailed = errorsmod.Register(ModuleName, 31, "foreclosure failed")
	ErrInvalidStatus     = errorsmod.Register(ModuleName, 32, "invalid loan status")
)
