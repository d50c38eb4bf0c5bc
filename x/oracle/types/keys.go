// Package types holds the x/oracle types: the Filecoin oracle (feeders, daily reports, finalized
// days) and the IFIL peg (bridge operators, deposits, withdrawals).
package types

import (
	"math/big"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
)

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
	// MinFeeders is the smallest feeder set that tolerates one rogue feeder (with the quorum
	// ceil(2n/3) and the lower median); a set of one (a local network) or none is also allowed.
	MinFeeders = 4
	// DefaultMinWithdrawal is params.min_withdrawal by default: 0.01 FIL in aifil.
	DefaultMinWithdrawal = int64(10_000_000_000_000_000)
)

// Bounds on every figure a feeder or an operator reports, so that no module's arithmetic on an
// oracle figure can overflow (x/escrow multiplies market averages by powers and days):
//   - MaxAttoFIL: an amount of attoFIL (a reward, a reward per TiB, a deposit or withdrawal) is at
//     most 2×10^27, Filecoin's whole supply (2 billion FIL); no real figure comes near it;
//   - MaxPowerBytes: a node's power is at most 2^80 bytes (2^40 TiB), tens of thousands of times
//     Filecoin's whole network.
//
// Their product stays below 2^172, well inside math.Int's 256 bits and LegacyDec's range.
var (
	MaxAttoFIL    = math.NewIntWithDecimal(2, 27)
	MaxPowerBytes = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 80))
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
