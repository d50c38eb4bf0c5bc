// Package types holds the x/escrow types: per-product escrow records, NFT reward positions,
// miners' records and the module's params.
package types

import "cosmossdk.io/collections"

const (
	ModuleName = "escrow"
	StoreKey   = ModuleName

	// DayEpoch is the x/epochs identifier whose end closes a day.
	DayEpoch = "day"
)

var (
	ParamsKey        = collections.NewPrefix(0)
	EscrowsKey       = collections.NewPrefix(1)
	PositionsKey     = collections.NewPrefix(2)
	MinersKey        = collections.NewPrefix(3)
	MinerProductsKey = collections.NewPrefix(4)
	DayQueueKey      = collections.NewPrefix(5)
	PayoutQueueKey   = collections.NewPrefix(6)
	CurrentDayKey    = collections.NewPrefix(7)
)
