// Package simulation has x/hashnft's part of the app simulation: a factory for every message.
// The miners' and holders' messages (factories.go) and the council's (authority.go, sent through
// x/dao/simulation's CouncilFactory) are valid when delivered: each picks its record from state
// with a bounded read (Pick: at most MaxVisits records from a random key), dry-runs the message
// on a cache of the state and skips when nothing fits. Bad input (refused.go) is delivered and
// must fail with its registered error, the records it names unchanged (Refused). Also random
// valid params and the simulation's Filecoin nodes (SimNodeID, attested in the sim genesis).
package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// RandomizedParams returns valid params with every figure drawn at random within its bounds.
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.ChannelFeeBps = uint32(r.Intn(1_001))
	p.TradingFeeBps = uint32(r.Intn(501))
	p.ApplicationDeposit = sdk.NewInt64Coin("udmc", r.Int63n(1_000_000_000))
	for i := range p.PowerCaps {
		p.PowerCaps[i].MaxPowerPerMiner = math.NewInt(1 + r.Int63n(1_000_000))
	}
	p.MaxBidsPerAuction = uint32(1 + r.Intn(500))
	p.MaxDisclosureLength = uint32(64 + r.Intn(4_096))
	p.MaxNftsPerProduct = uint64(1 + r.Intn(1_000_000))
	p.MaxTermDays = uint32(1 + r.Intn(1_800))
	p.MinAuctionDuration = time.Duration(1+r.Intn(3_600)) * time.Second
	p.MaxAuctionDuration = p.MinAuctionDuration + time.Duration(r.Intn(30*24))*time.Hour
	p.ApplicationTtl = time.Duration(1+r.Intn(60*24)) * time.Hour
	p.QueueItemsPerBlock = uint32(1 + r.Intn(100))
	p.MintBudgetPerBlock = uint32(1 + r.Intn(10_000))
	return p
}
