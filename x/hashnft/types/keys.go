// Package types holds the x/hashnft types: products and their applications, the NFT registry,
// primary sales (fixed price and auction), the secondary market, and the module's params.
package types

import (
	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/internal/modaccounts"
)

const (
	ModuleName = modaccounts.Hashnft
	StoreKey   = ModuleName
)

var (
	ParamsKey               = collections.NewPrefix(0)
	ApplicationsKey         = collections.NewPrefix(1)
	ApplicationsByStatusKey = collections.NewPrefix(2)
	ApplicationsByMinerKey  = collections.NewPrefix(3)
	ProductsKey             = collections.NewPrefix(4)
	EscrowsKey              = collections.NewPrefix(5)
	NFTsKey                 = collections.NewPrefix(6)
	NFTsByOwnerKey          = collections.NewPrefix(7)
	NFTsByProductKey        = collections.NewPrefix(8)
	ListingsKey             = collections.NewPrefix(9)
	ListingsByPriceKey      = collections.NewPrefix(10)
	AuctionsKey             = collections.NewPrefix(11)
	BidsKey                 = collections.NewPrefix(12)
	MinerPowerKey           = collections.NewPrefix(13)
	// 14 was the fees x/hashnft paid to revenue, recorded by x/dmc's revenue ledger now: unused.
	ApplicationQueueKey  = collections.NewPrefix(15)
	AuctionQueueKey      = collections.NewPrefix(16)
	ProductQueueKey      = collections.NewPrefix(17)
	NextApplicationIDKey = collections.NewPrefix(18)
	NextProductIDKey     = collections.NewPrefix(19)
	NextNFTIDKey         = collections.NewPrefix(20)
	NextAuctionIDKey     = collections.NewPrefix(21)
	NextBidIDKey         = collections.NewPrefix(22)
	NodePowerKey         = collections.NewPrefix(23)
)
