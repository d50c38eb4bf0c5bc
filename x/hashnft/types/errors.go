package types

import errorsmod "cosmossdk.io/errors"

var (
	ErrInvalidParams         = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidApplication    = errorsmod.Register(ModuleName, 3, "invalid application")
	ErrUnknownApplication    = errorsmod.Register(ModuleName, 4, "unknown application")
	ErrApplicationNotPending = errorsmod.Register(ModuleName, 5, "application already decided")
	ErrPowerCapExceeded      = errorsmod.Register(ModuleName, 6, "miner power cap exceeded")
	ErrUnknownProduct        = errorsmod.Register(ModuleName, 7, "unknown product")
	ErrNotOnSale             = errorsmod.Register(ModuleName, 8, "not on sale")
	ErrNotEnoughLeft         = errorsmod.Register(ModuleName, 9, "not enough NFTs left")
	ErrWrongDenom            = errorsmod.Register(ModuleName, 10, "wrong denom")
	ErrDenomNotAccepted      = errorsmod.Register(ModuleName, 11, "denom not accepted")
	ErrPriceAboveLimit       = errorsmod.Register(ModuleName, 12, "price above the buyer's limit")
	ErrUnknownAuction        = errorsmod.Register(ModuleName, 13, "unknown auction")
	ErrAuctionClosed         = errorsmod.Register(ModuleName, 14, "auction closed")
	ErrBidTooLow             = errorsmod.Register(ModuleName, 15, "bid too low")
	ErrUnknownNFT            = errorsmod.Register(ModuleName, 16, "unknown NFT")
	ErrNotOwner              = errorsmod.Register(ModuleName, 17, "not the NFT's owner")
	ErrNFTListed             = errorsmod.Register(ModuleName, 18, "NFT is listed")
	ErrNFTLocked             = errorsmod.Register(ModuleName, 19, "NFT is held as collateral")
	ErrNotListed             = errorsmod.Register(ModuleName, 20, "NFT is not listed")
	ErrInvalidQuantity       = errorsmod.Register(ModuleName, 21, "invalid quantity")
	ErrInvalidPrice          = errorsmod.Register(ModuleName, 22, "invalid price")
	ErrInvalidAddress        = errorsmod.Register(ModuleName, 23, "invalid address")
	ErrNotMiner              = errorsmod.Register(ModuleName, 24, "not the product's miner")
	ErrProductEnded          = errorsmod.Register(ModuleName, 25, "product term ended")
	ErrInvalidRecipient      = errorsmod.Register(ModuleName, 26, "invalid recipient")
	ErrInvalidSale           = errorsmod.Register(ModuleName, 27, "invalid sale")
	ErrSelfTrade             = errorsmod.Register(ModuleName, 28, "buyer is the seller")
	ErrBooksMismatch         = errorsmod.Register(ModuleName, 29, "hashnft books do not add up")
	ErrInvalidGenesis        = errorsmod.Register(ModuleName, 30, "invalid genesis")
	ErrNoRewardDenom         = errorsmod.Register(ModuleName, 31, "chain has no reward denom")
	// ErrPowerNotVerified is x/oracle's check at approval (a code apart from the module's own run).
	ErrPowerNotVerified = errorsmod.Register(ModuleName, 60, "node power not verified by the oracle")
	// ErrNotNodeOwner: the applicant is not the DMEX account the oracle attests as the node's owner.
	ErrNotNodeOwner = errorsmod.Register(ModuleName, 61, "not the node's owner")
	// Auctions and escrow (codes from 40, apart from the applications' and market's).
	ErrBidWorsensAuction = errorsmod.Register(ModuleName, 40, "bid would make the full auction's outcome worse")
	ErrEscrowShort       = errorsmod.Register(ModuleName, 41, "escrow holds less than asked")
	// ErrEarningsDenom: two modules report an NFT's earnings in different denoms (MultiEarningsReader).
	ErrEarningsDenom = errorsmod.Register(ModuleName, 50, "earnings reported in different denoms")
)
