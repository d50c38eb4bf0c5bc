package testutil

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"

	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// seedOracle writes Options.NodePower into the oracle's genesis: one feeder (e.Feeder) and, for
// each node, a finalized day before the genesis day with the node's power and its owner, the
// first account (Accounts[0], the miner of the tests), as if the feeder had reported them the
// day before the chain started. No network day is written, so x/escrow's below-market rule has no
// market figure.
func seedOracle(e *Env, cdc codec.JSONCodec, gen map[string]json.RawMessage, nodes map[string]int64) error {
	var gs oracletypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[oracletypes.ModuleName], &gs); err != nil {
		return err
	}
	day := gs.Params.DayOf(GenesisTime.Unix()) - 1
	gs.Feeders = oracletypes.FeederSet{Feeders: []string{e.Feeder.Addr.String()}}
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids) // a deterministic genesis
	owner := ""
	if len(e.Accounts) > 0 {
		owner = e.Accounts[0].Addr.String()
	}
	for _, id := range ids {
		if nodes[id] <= 0 {
			return fmt.Errorf("node %s: power %d TiB must be positive", id, nodes[id])
		}
		gs.NodeDays = append(gs.NodeDays, oracletypes.NodeDay{Day: day, Reports: 1, Figures: oracletypes.NodeFigures{
			NodeId: id, Power: math.NewInt(nodes[id]).MulRaw(oracletypes.BytesPerTiB), Reward: math.ZeroInt(), Owner: owner,
		}})
	}
	bz, err := cdc.MarshalJSON(&gs)
	gen[oracletypes.ModuleName] = bz
	return err
}

// ReportNodePower has the feeder (Options.NodePower) report node's power in TiB and its owner
// (the account that may sell its power; nil: none attested) for the oracle day of the next
// block, in that block; the feeder being the only one, the day finalizes at once and becomes the
// node's latest finalized power and owner. The network's reward per TiB is reported as 0.
func (e *Env) ReportNodePower(node string, powerTiB int64, owner *Account) {
	e.TB.Helper()
	if e.Feeder == nil {
		e.TB.Fatal("ReportNodePower needs the oracle feeder of Options.NodePower")
	}
	day := e.oracleDay(e.lastTime.Add(e.BlockTime))
	entry := fmt.Sprintf("%s:%s:0", node, math.NewInt(powerTiB).MulRaw(oracletypes.BytesPerTiB))
	if owner != nil {
		entry += ":" + owner.Addr.String()
	}
	e.MustDeliver(e.Feeder, &oracletypes.MsgReport{Feeder: e.Feeder.Addr.String(), Day: day, RewardPerTib: "0", Nodes: []string{entry}})
}

// oracleDay is the oracle day of block time t.
func (e *Env) oracleDay(t time.Time) uint64 {
	p, err := e.App.OracleKeeper.Params.Get(e.Ctx())
	must(e.TB, err)
	return p.DayOf(t.Unix())
}
