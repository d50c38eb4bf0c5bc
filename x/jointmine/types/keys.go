// Package types holds the x/jointmine types: pools, holders' positions, queued redemptions,
// income records, params and genesis.
package types

import (
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/collections"
)

const (
	ModuleName = "jointmine"
	StoreKey   = ModuleName

	// DenomPrefix starts every pool's dToken denom: jointmine/pool/{id}.
	DenomPrefix = "jointmine/pool/"
)

var (
	ParamsKey          = collections.NewPrefix(0)
	PoolsKey           = collections.NewPrefix(1)
	NextPoolIDKey      = collections.NewPrefix(2)
	PoolByNodeKey      = collections.NewPrefix(3)
	HoldersKey         = collections.NewPrefix(4)
	RedemptionsKey     = collections.NewPrefix(5)
	RedemptionQueueKey = collections.NewPrefix(6)
	NextRedemptionKey  = collections.NewPrefix(7)
	IncomesKey         = collections.NewPrefix(8)
	// The block queues, from 20.
	ApplicationQueueKey = collections.NewPrefix(20)
	TermQueueKey        = collections.NewPrefix(21)
	PayQueueKey         = collections.NewPrefix(22)
	SettleQueueKey      = collections.NewPrefix(23)
)

// PoolDenom is pool id's dToken denom.
func PoolDenom(id uint64) string { return DenomPrefix + strconv.FormatUint(id, 10) }

// ParsePoolDenom returns the pool id of a dToken denom; ok is false for any other denom.
func ParsePoolDenom(denom string) (uint64, bool) {
	rest, ok := strings.CutPrefix(denom, DenomPrefix)
	if !ok || rest == "" || (len(rest) > 1 && rest[0] == '0') {
		return 0, false
	}
	id, err := strconv.ParseUint(rest, 10, 64)
	if err != nil || id == 0 {
		return 0, false
	}
	return id, PoolDenom(id) == denom
}

// PeriodName is the period a status is shown as in queries.
func PeriodName(s PoolStatus) string {
	name := strings.ToLower(strings.TrimPrefix(s.String(), "POOL_STATUS_"))
	if _, ok := PoolStatus_name[int32(s)]; !ok {
		return fmt.Sprintf("unknown(%d)", s)
	}
	return name
}
