package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidFeeders         = errorsmod.Register(ModuleName, 2, "invalid feeder set")
	ErrNotFeeder              = errorsmod.Register(ModuleName, 3, "not a feeder")
	ErrFutureDay              = errorsmod.Register(ModuleName, 4, "report for a future day")
	ErrLateReport             = errorsmod.Register(ModuleName, 5, "report too late")
	ErrDuplicateReport        = errorsmod.Register(ModuleName, 6, "feeder already reported the day")
	ErrDayFinalized           = errorsmod.Register(ModuleName, 7, "day already finalized")
	ErrInvalidFigure          = errorsmod.Register(ModuleName, 8, "invalid figure")
	ErrInvalidNode            = errorsmod.Register(ModuleName, 9, "invalid node report")
	ErrInvalidOperators       = errorsmod.Register(ModuleName, 10, "invalid operator set")
	ErrNotOperator            = errorsmod.Register(ModuleName, 11, "not a bridge operator")
	ErrInvalidCID             = errorsmod.Register(ModuleName, 12, "invalid CID")
	ErrDuplicateAttestation   = errorsmod.Register(ModuleName, 13, "operator already attested")
	ErrConflictingAttestation = errorsmod.Register(ModuleName, 14, "attestation conflicts with earlier ones")
	ErrAlreadyMinted          = errorsmod.Register(ModuleName, 15, "deposit already minted")
	ErrInvalidAmount          = errorsmod.Register(ModuleName, 16, "invalid amount")
	ErrInvalidFilAddress      = errorsmod.Register(ModuleName, 17, "invalid Filecoin address")
	ErrUnknownWithdrawal      = errorsmod.Register(ModuleName, 18, "unknown withdrawal")
	ErrWithdrawalCompleted    = errorsmod.Register(ModuleName, 19, "withdrawal already completed")
	ErrPegMismatch            = errorsmod.Register(ModuleName, 20, "IFIL supply does not add up")
	ErrNotFound               = errorsmod.Register(ModuleName, 21, "not found")
	ErrInvalidRange           = errorsmod.Register(ModuleName, 22, "invalid day range")
	ErrInvalidGenesis         = errorsmod.Register(ModuleName, 23, "invalid genesis")
	ErrInvalidAddress         = errorsmod.Register(ModuleName, 24, "invalid address")
)
