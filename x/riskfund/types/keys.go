// Package types holds the x/riskfund types: the fund's books per denom, policies, claims,
// compensations and the module's params.
package types

import "cosmossdk.io/collections"

const (
	ModuleName = "riskfund"
	StoreKey   = ModuleName
)

var (
	ParamsKey          = collections.NewPrefix(0)
	BooksKey           = collections.NewPrefix(1)
	PoliciesKey        = collections.NewPrefix(2)
	PolicyByBuyerKey   = collections.NewPrefix(3)
	PolicyByProductKey = collections.NewPrefix(4)
	ClaimsKey          = collections.NewPrefix(5)
	CompensationsKey   = collections.NewPrefix(6)
	NextCompIDKey      = collections.NewPrefix(7)
	ClaimQueueKey      = collections.NewPrefix(8)
	CompQueueKey       = collections.NewPrefix(9)
	OwedClaimsKey      = collections.NewPrefix(10)
	PolicyCursorKey    = collections.NewPrefix(11)
	CompByProductKey   = collections.NewPrefix(12)
	StartQueueKey      = collections.NewPrefix(13)
)
