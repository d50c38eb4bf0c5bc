// Package types holds the x/amm types: constant-product pools, their price accumulators, the
// monthly buyback's schedule and records, and the module's params.
package types

import (
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/collections"
)

const (
	ModuleName = "amm"
	StoreKey   = ModuleName
	// BuybackAccount holds the revenue set aside for the buyback and, within one slice, the DMC
	// bought before it is burned (modaccounts.AmmBuyback).
	BuybackAccount = "ammbuyback"
	// ShareDenomPrefix begins every pool's share denom: amm/pool/{id}.
	ShareDenomPrefix = "amm/pool/"
	// MaxRouteHops is the longest route of a swap.
	MaxRouteHops = 3
	// DMCDenom is what the buyback buys and burns (x/dmc's denom; x/amm does not import x/dmc).
	DMCDenom = "udmc"
)

var (
	ParamsKey         = collections.NewPrefix(0)
	PoolsKey          = collections.NewPrefix(1)
	PoolByPairKey     = collections.NewPrefix(2)
	NextPoolIDKey     = collections.NewPrefix(3)
	TwapRecordsKey    = collections.NewPrefix(4)
	BuybacksKey       = collections.NewPrefix(5)
	BuybackMonthKey   = collections.NewPrefix(6)
	SliceQueueKey     = collections.NewPrefix(7)
	BuybackByDenomKey = collections.NewPrefix(8)
	NextBuybackIDKey  = collections.NewPrefix(9)
	PoolsByDenomKey   = collections.NewPrefix(10)
)

// ShareDenom is pool id's share denom.
func ShareDenom(id uint64) string { return ShareDenomPrefix + strconv.FormatUint(id, 10) }

// PoolIDOfShareDenom reads the pool id out of a share denom.
func PoolIDOfShareDenom(denom string) (uint64, error) {
	s, ok := strings.CutPrefix(denom, ShareDenomPrefix)
	if !ok {
		return 0, fmt.Errorf("%q is not a share denom (%s{id})", denom, ShareDenomPrefix)
	}
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || strconv.FormatUint(id, 10) != s || id == 0 {
		return 0, fmt.Errorf("%q is not a share denom (%s{id})", denom, ShareDenomPrefix)
	}
	return id, nil
}

// OrderDenoms puts a pair in the pool's order (denom_a < denom_b).
func OrderDenoms(x, y string) (string, string) {
	if x < y {
		return x, y
	}
	return y, x
}
