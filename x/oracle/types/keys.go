// Package types holds the x/oracle types: the Filecoin oracle (feeders, daily reports, finalized
// days) and the IFIL peg (bridge operators, deposits, withdrawals).
package types

import "cosmossdk.io/collections"

const (
	ModuleName = "oracle"
	StoreKey   = ModuleName

	// IFILDenom is IFIL's base denom: 1 IFIL = 10^18 aifil = 1 FIL = 10^18 attoFIL.
	IFILDenom = "aifil"

	// DefaultDaySeconds is the length of an oracle day on a live chain (params.day_seconds): UTC
	// days, the same as the x/epochs "day".
	DefaultDaySeconds = 86400
	// BytesPerTiB: the oracle keeps node power in bytes; products sell it in TiB.
	BytesPerTiB = int64(1) << 40
	// MaxNodesPerReport bounds a report (and so a day's finalization work).
	MaxNodesPerReport = 200
	// MaxFeeders and MaxOperators bound the sets (and so every loop over them).
	MaxFeeders   = 100
	MaxOperators = 100
	// MaxDaysPerQuery bounds a day-range query.
	MaxDaysPerQuery = 366
	// MaxNodeIDLen and MaxCIDLen bound stored strings.
	MaxNodeIDLen = 64
	MaxCIDLen    = 128
)

var (
	FeedersKey          = collections.NewPrefix(0)
	ReportsKey          = collections.NewPrefix(1)
	NetworkDaysKey      = collections.NewPrefix(2)
	NodeDaysKey         = collections.NewPrefix(3)
	NodeLatestKey       = collections.NewPrefix(4)
	OperatorsKey        = collections.NewPrefix(5)
	DepositsKey         = collections.NewPrefix(6)
	WithdrawalsKey      = collections.NewPrefix(7)
	NextWithdrawalIDKey = collections.NewPrefix(8)
	MintedKey           = collections.NewPrefix(9)
	BurnedKey           = collections.NewPrefix(10)
	GenesisSupplyKey    = collections.NewPrefix(11)
	ParamsKey           = collections.NewPrefix(12)
)

// Quorum is how many of n feeders must report for a day to finalize: ceil(2n/3).
func Quorum(n int) int { return (2*n + 2) / 3 }
