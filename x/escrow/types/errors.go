package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams  = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrUnknownEscrow  = errorsmod.Register(ModuleName, 3, "unknown escrow")
	ErrNotMiner       = errorsmod.Register(ModuleName, 4, "not the product's miner")
	ErrEscrowClosed   = errorsmod.Register(ModuleName, 5, "escrow closed")
	ErrWrongDenom     = errorsmod.Register(ModuleName, 6, "wrong denom")
	ErrInvalidAmount  = errorsmod.Register(ModuleName, 7, "invalid amount")
	ErrNothingPending = errorsmod.Register(ModuleName, 8, "nothing pending")
	ErrInvalidAddress = errorsmod.Register(ModuleName, 9, "invalid address")
	ErrNotOwner       = errorsmod.Register(ModuleName, 10, "not the NFT's owner")
	ErrWrongStatus    = errorsmod.Register(ModuleName, 11, "wrong escrow status")
	ErrBooksMismatch  = errorsmod.Register(ModuleName, 12, "escrow books do not add up")
	ErrInvalidGenesis = errorsmod.Register(ModuleName, 13, "invalid genesis")
	ErrNoPower        = errorsmod.Register(ModuleName, 14, "no NFTs sold")
	ErrTooManyNFTs    = errorsmod.Register(ModuleName, 15, "too many NFTs in one claim")
)
