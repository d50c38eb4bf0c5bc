// Package types holds the x/dmc types: DMC's supply rules and its genesis allocation.
package types

import (
	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/internal/modaccounts"
)

const (
	ModuleName = modaccounts.Dmc
	StoreKey   = ModuleName

	// Denom is DMC's base denom: 1 DMC = 10^6 udmc.
	Denom = "udmc"

	// Allocation categories (SPEC §2).
	CategoryTeam             = "team"
	CategoryPrivatePlacement = "private_placement"
	CategoryRiskFund         = "risk_fund"
	CategoryFoundation       = "foundation"

	// NFTLock is the name x/dmc locks a staked NFT under in x/hashnft.
	NFTLock = ModuleName

	// NFTRetirementsPerBlock bounds the products whose term end the retirement queue handles
	// in one block (each touches at most the farms, bounded by max_farms).
	NFTRetirementsPerBlock = 20

	// Reasons of EventNFTProductRetired.
	RetiredTermEnd    = "term_end"
	RetiredTerminated = "terminated"
)

var (
	ParamsKey         = collections.NewPrefix(0)
	AllocationKey     = collections.NewPrefix(1)
	MintedByMiningKey = collections.NewPrefix(2)
	BurnedKey         = collections.NewPrefix(3)
	FarmsKey          = collections.NewPrefix(4)
	PositionsKey      = collections.NewPrefix(5)
	NextFarmIDKey     = collections.NewPrefix(6)
	RevenueCreditsKey = collections.NewPrefix(7)
	RevenueDebitsKey  = collections.NewPrefix(8)
	RevenueBalanceKey = collections.NewPrefix(9)
	NFTStakesKey      = collections.NewPrefix(10)
	NFTStakerIndexKey = collections.NewPrefix(11)
	NFTPositionsKey   = collections.NewPrefix(12)
	NFTProductKey     = collections.NewPrefix(13)
	NFTTermEndsKey    = collections.NewPrefix(14)
)
