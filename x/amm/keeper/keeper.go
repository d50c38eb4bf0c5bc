// Package keeper is the x/amm keeper: constant-product pools of two accepted denoms, swaps over
// routes of up to three pools, the pools' time-weighted price accumulators, and the monthly
// buyback that buys DMC with platform revenue and burns it (SPEC §7).
//
// Invariants: the amm account holds, per denom, exactly the sum of the pools' reserves; the bank
// supply of each share denom amm/pool/{id} is the pool's shares less its locked shares; the
// buyback account holds exactly the buybacks' remaining amounts (CheckBooks). Within a swap,
// reserve_a × reserve_b never decreases. Every buyback with slices left is in the slice queue at
// its next slice time.
package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/amm/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	revenue      types.Revenue
	dmc          types.DMCBurner

	Schema collections.Schema
	Params collections.Item[types.Params]
	Pools  collections.Map[uint64, types.Pool]
	// PoolByPair: (denom_a, denom_b) -> pool id (one pool per pair).
	PoolByPair collections.Map[collections.Pair[string, string], uint64]
	// PoolsByDenom: (denom, pool id) for both denoms of every pool (PoolsOfDenom).
	PoolsByDenom collections.KeySet[collections.Pair[string, uint64]]
	NextPoolID   collections.Sequence
	// TwapRecords: (pool id, block time) -> the accumulators at the pool's first touch in that block.
	TwapRecords collections.Map[collections.Pair[uint64, time.Time], types.TwapRecord]
	// Buybacks: id -> a denom's buyback (BuybackByDenom: denom -> id); BuybackMonths:
	// (month, denom) -> that month's record.
	Buybacks       collections.Map[uint64, types.Buyback]
	BuybackByDenom collections.Map[string, uint64]
	NextBuybackID  collections.Sequence
	BuybackMonths  collections.Map[collections.Pair[int64, string], types.BuybackMonth]
	// SliceQueue: buybacks with slices left, at their next slice time, by buyback id.
	SliceQueue queue.Queue[time.Time]
}

func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper, revenue types.Revenue, dmc types.DMCBurner,
) Keeper {
	for _, name := range []string{types.ModuleName, types.BuybackAccount} {
		if ak.GetModuleAddress(name) == nil {
			panic(name + " module account has not been set")
		}
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc: cdc, addressCodec: ak.AddressCodec(), authority: authority, authKeeper: ak, bankKeeper: bk,
		revenue: revenue, dmc: dmc,
		Params:     collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Pools:      collections.NewMap(sb, types.PoolsKey, "pools", collections.Uint64Key, codec.CollValue[types.Pool](cdc)),
		PoolByPair: collections.NewMap(sb, types.PoolByPairKey, "pool_by_pair", collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Value),
		PoolsByDenom: collections.NewKeySet(sb, types.PoolsByDenomKey, "pools_by_denom",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		NextPoolID: collections.NewSequence(sb, types.NextPoolIDKey, "next_pool_id"),
		TwapRecords: collections.NewMap(sb, types.TwapRecordsKey, "twap_records",
			collections.PairKeyCodec(collections.Uint64Key, sdk.TimeKey), codec.CollValue[types.TwapRecord](cdc)),
		Buybacks:       collections.NewMap(sb, types.BuybacksKey, "buybacks", collections.Uint64Key, codec.CollValue[types.Buyback](cdc)),
		BuybackByDenom: collections.NewMap(sb, types.BuybackByDenomKey, "buyback_by_denom", collections.StringKey, collections.Uint64Value),
		NextBuybackID:  collections.NewSequence(sb, types.NextBuybackIDKey, "next_buyback_id"),
		BuybackMonths: collections.NewMap(sb, types.BuybackMonthKey, "buyback_months",
			collections.PairKeyCodec(collections.Int64Key, collections.StringKey), codec.CollValue[types.BuybackMonth](cdc)),
		SliceQueue: queue.New(sb, types.SliceQueueKey, "slice_queue", sdk.TimeKey),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

func (k Keeper) emit(ctx context.Context, ev sdk.Msg) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

// addr parses an address a user sent and returns its bytes and canonical spelling.
func (k Keeper) addr(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}
