// Package types holds the x/dmc types: DMC's supply rules and its genesis allocation.
package types

import "cosmossdk.io/collections"

const (
	ModuleName = "dmc"
	StoreKey   = ModuleName

	// Denom is DMC's base denom: 1 DMC = 10^6 udmc.
	Denom = "udmc"
	// RiskFundAccount is the module account of the risk-control fund (SPEC §2, §8).
	RiskFundAccount = "riskfund"
	// StakeAccount holds the coins staked in farms; mining rewards sit in the x/dmc account.
	StakeAccount = "dmcstake"
	// RevenueAccount collects platform revenue (SPEC §7): channel and trading fees, and more.
	RevenueAccount = "revenue"

	// Allocation categories (SPEC §2).
	CategoryTeam             = "team"
	CategoryPrivatePlacement = "private_placement"
	CategoryRiskFund         = "risk_fund"
	CategoryFoundation       = "foundation"
)

var (
	ParamsKey         = collections.NewPrefix(0)
	AllocationKey     = collections.NewPrefix(1)
	MintedByMiningKey = collections.NewPrefix(2)
	BurnedKey         = collections.NewPrefix(3)
	FarmsKey          = collections.NewPrefix(4)
	PositionsKey      = collections.NewPrefix(5)
	NextFarmIDKey     = collections.NewPrefix(6)
)
