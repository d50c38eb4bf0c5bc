// Package types holds the x/lending types: offers, requests, loans, the module's books per
// denom and its params.
package types

import "cosmossdk.io/collections"

const (
	ModuleName = "lending"
	StoreKey   = ModuleName
)

var (
	ParamsKey             = collections.NewPrefix(0)
	BooksKey              = collections.NewPrefix(1)
	OffersKey             = collections.NewPrefix(2)
	OffersByLenderKey     = collections.NewPrefix(3)
	NextOfferIDKey        = collections.NewPrefix(4)
	RequestsKey           = collections.NewPrefix(5)
	RequestsByBorrowerKey = collections.NewPrefix(6)
	NextRequestIDKey      = collections.NewPrefix(7)
	LoansKey              = collections.NewPrefix(8)
	LoansByBorrowerKey    = collections.NewPrefix(9)
	LoansByLenderKey      = collections.NewPrefix(10)
	NextLoanIDKey         = collections.NewPrefix(11)
	MaturityQueueKey      = collections.NewPrefix(12)
	OfferExpiryQueueKey   = collections.NewPrefix(13)
	RequestExpiryQueueKey = collections.NewPrefix(14)
	// Query indexes (keeper/indexes.go), from 30.
	OffersByKindKey      = collections.NewPrefix(30)
	OffersByRateKey      = collections.NewPrefix(31)
	MinerOffersByRateKey = collections.NewPrefix(32)
	LoansByStatusKey     = collections.NewPrefix(33)
	// LoanByNFTKey: the last loan each NFT was collateral of (custodian.go).
	LoanByNFTKey = collections.NewPrefix(40)
)
