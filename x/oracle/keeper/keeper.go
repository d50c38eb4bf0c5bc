// Package keeper is x/oracle: the Filecoin oracle and the IFIL peg.
//
// Oracle: the DMEX authority keeps a set of feeders; each reports, per day, the network's average
// reward per TiB per day and miner nodes' power and reward. A day finalizes, inside the report
// that reaches the quorum ceil(2n/3), at the lower median of the reports (a node's owner: the
// one a majority of its reports name); the raw reports are then deleted. A feeder set has 1
// member (a local network) or at least 4, so that fewer than a third of the feeders, one at
// least, cannot move a figure outside the range of the honest reports. Every figure is bounded
// on entry (types.MaxAttoFIL, types.MaxPowerBytes). Days are floor(unix block time / params.day_seconds), UTC days on a live chain;
// reports for day D are accepted while the block time is in day D or D+1.
//
// Peg: bridge operators attest FIL deposits; the threshold-th matching attestation mints aifil,
// once per message CID. A withdrawal burns aifil at once; operators attest its payout.
// Invariant: bank supply of aifil = genesis supply (recorded at InitGenesis) + minted - burned.
package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/oracle/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	bankKeeper   types.BankKeeper

	Schema  collections.Schema
	Params  collections.Item[types.Params]
	Feeders collections.Item[types.FeederSet]
	// Reports are keyed by day first: a day's reports are one prefix (at most MaxFeeders).
	Reports     collections.Map[collections.Pair[uint64, string], types.Report]
	NetworkDays collections.Map[uint64, types.NetworkDay]
	// NodeDays are keyed by node first: a node's history is one prefix.
	NodeDays   collections.Map[collections.Pair[string, uint64], types.NodeDay]
	NodeLatest collections.Map[string, uint64]

	Operators        collections.Item[types.OperatorSet]
	Deposits         collections.Map[string, types.Deposit]
	Withdrawals      collections.Map[uint64, types.Withdrawal]
	NextWithdrawalID collections.Sequence
	Minted           collections.Item[math.Int]
	Burned           collections.Item[math.Int]
	// GenesisSupply is the aifil that existed when the chain started (not minted by the peg).
	GenesisSupply collections.Item[math.Int]
}

func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		addressCodec: ak.AddressCodec(),
		authority:    authority,
		bankKeeper:   bk,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Feeders:      collections.NewItem(sb, types.FeedersKey, "feeders", codec.CollValue[types.FeederSet](cdc)),
		Reports: collections.NewMap(sb, types.ReportsKey, "reports",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), codec.CollValue[types.Report](cdc)),
		NetworkDays: collections.NewMap(sb, types.NetworkDaysKey, "network_days", collections.Uint64Key, codec.CollValue[types.NetworkDay](cdc)),
		NodeDays: collections.NewMap(sb, types.NodeDaysKey, "node_days",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.NodeDay](cdc)),
		NodeLatest: collections.NewMap(sb, types.NodeLatestKey, "node_latest", collections.StringKey, collections.Uint64Value),
		Operators:  collections.NewItem(sb, types.OperatorsKey, "operators", codec.CollValue[types.OperatorSet](cdc)),
		Deposits:   collections.NewMap(sb, types.DepositsKey, "deposits", collections.StringKey, codec.CollValue[types.Deposit](cdc)),
		Withdrawals: collections.NewMap(sb, types.WithdrawalsKey, "withdrawals", collections.Uint64Key,
			codec.CollValue[types.Withdrawal](cdc)),
		NextWithdrawalID: collections.NewSequence(sb, types.NextWithdrawalIDKey, "next_withdrawal_id"),
		Minted:           collections.NewItem(sb, types.MintedKey, "minted", sdk.IntValue),
		Burned:           collections.NewItem(sb, types.BurnedKey, "burned", sdk.IntValue),
		GenesisSupply:    collections.NewItem(sb, types.GenesisSupplyKey, "genesis_supply", sdk.IntValue),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Day is the oracle day of a context's block time: floor(unix seconds / day_seconds), i.e. UTC
// days on a live chain (day_seconds 86400), each as long as the x/epochs "day".
func (k Keeper) Day(ctx context.Context) (uint64, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	return p.DayOf(sdk.UnwrapSDKContext(ctx).BlockTime().Unix()), nil
}

// FirstOpenDay is the earliest day reports are still accepted for when today is day.
func FirstOpenDay(day uint64) uint64 {
	if day == 0 {
		return 0
	}
	return day - 1
}

func (k Keeper) emit(ctx context.Context, ev sdk.Msg) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

// LatestNodePower is a node's power (bytes) on its latest finalized day.
func (k Keeper) LatestNodePower(ctx context.Context, nodeID string) (power math.Int, day uint64, found bool) {
	nd, found := k.LatestNodeDay(ctx, nodeID)
	if !found {
		return math.ZeroInt(), 0, false
	}
	return nd.Figures.Power, nd.Day, true
}

// LatestNodeDay is a node's latest finalized day: its power, reward and attested owner.
func (k Keeper) LatestNodeDay(ctx context.Context, nodeID string) (types.NodeDay, bool) {
	d, err := k.NodeLatest.Get(ctx, nodeID)
	if err != nil {
		return types.NodeDay{}, false
	}
	nd, err := k.NodeDays.Get(ctx, collections.Join(nodeID, d))
	if err != nil {
		return types.NodeDay{}, false
	}
	return nd, true
}

// MarketAverage is the network's finalized average reward per TiB (attoFIL) for a day.
func (k Keeper) MarketAverage(ctx context.Context, day uint64) (math.Int, bool) {
	nd, err := k.NetworkDays.Get(ctx, day)
	if err != nil {
		return math.ZeroInt(), false
	}
	return nd.RewardPerTib, true
}
