// Package keeper keeps DMC's supply books: the rules (max supply, mining cap, burn floor), the
// genesis allocation, and the running totals minted by mining and burned. Invariant: the bank
// supply of udmc equals genesis_supply + minted_by_mining - burned, and never exceeds max_supply.
package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/dmc/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper

	Schema         collections.Schema
	Params         collections.Item[types.Params]
	Allocation     collections.Map[uint64, types.Allocation]
	MintedByMining collections.Item[math.Int]
	Burned         collections.Item[math.Int]
	Farms          collections.Map[uint64, types.Farm]
	// Positions are keyed by staker first, so a staker's positions are one prefix.
	Positions  collections.Map[collections.Pair[sdk.AccAddress, uint64], types.Position]
	NextFarmID collections.Sequence

	// The platform revenue ledger (revenue.go): totals credited per (denom, source), debited
	// per (denom, use), and each denom's balance (credited - debited), what the revenue
	// account holds.
	RevenueCredits collections.Map[collections.Pair[string, string], math.Int]
	RevenueDebits  collections.Map[collections.Pair[string, string], math.Int]
	RevenueBalance collections.Map[string, math.Int]

	// NFT farms (nft.go): the staked NFTs, by NFT and by staker; the positions per (staker, farm,
	// product); the per (farm, product) sub-totals of staked power; the retirement queue of the
	// products with staked NFTs, by term end.
	NFTStakes      collections.Map[uint64, types.NFTStake]
	NFTStakerIndex collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	NFTPositions   collections.Map[collections.Triple[sdk.AccAddress, uint64, uint64], types.Position]
	NFTProducts    collections.Map[collections.Pair[uint64, uint64], types.NFTProductStake]
	NFTTermEnds    queue.Queue[time.Time]

	// wiring is what the app registers once x/hashnft exists (held by pointer: every copy of
	// the keeper sees it).
	wiring *wiring
}

func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper,
) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:            cdc,
		addressCodec:   ak.AddressCodec(),
		authority:      authority,
		authKeeper:     ak,
		bankKeeper:     bk,
		Params:         collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Allocation:     collections.NewMap(sb, types.AllocationKey, "allocation", collections.Uint64Key, codec.CollValue[types.Allocation](cdc)),
		MintedByMining: collections.NewItem(sb, types.MintedByMiningKey, "minted_by_mining", sdk.IntValue),
		Burned:         collections.NewItem(sb, types.BurnedKey, "burned", sdk.IntValue),
		Farms:          collections.NewMap(sb, types.FarmsKey, "farms", collections.Uint64Key, codec.CollValue[types.Farm](cdc)),
		Positions: collections.NewMap(sb, types.PositionsKey, "positions",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), codec.CollValue[types.Position](cdc)),
		NextFarmID: collections.NewSequence(sb, types.NextFarmIDKey, "next_farm_id"),
		RevenueCredits: collections.NewMap(sb, types.RevenueCreditsKey, "revenue_credits",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey), sdk.IntValue),
		RevenueDebits: collections.NewMap(sb, types.RevenueDebitsKey, "revenue_debits",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey), sdk.IntValue),
		RevenueBalance: collections.NewMap(sb, types.RevenueBalanceKey, "revenue_balance", collections.StringKey, sdk.IntValue),
		NFTStakes:      collections.NewMap(sb, types.NFTStakesKey, "nft_stakes", collections.Uint64Key, codec.CollValue[types.NFTStake](cdc)),
		NFTStakerIndex: collections.NewKeySet(sb, types.NFTStakerIndexKey, "nft_staker_index",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		NFTPositions: collections.NewMap(sb, types.NFTPositionsKey, "nft_positions",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.Position](cdc)),
		NFTProducts: collections.NewMap(sb, types.NFTProductKey, "nft_products",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.NFTProductStake](cdc)),
		NFTTermEnds: queue.New(sb, types.NFTTermEndsKey, "nft_term_ends", sdk.TimeKey),
		wiring:      &wiring{},
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// addr is x/dmc's one address parser, for every address a message, a query or the genesis
// names (what says which). It returns the bytes and the canonical (lower-case) spelling, so
// that an address spelt in upper case, which bech32 accepts, is the same account everywhere:
// in positions, events and queries.
func (k Keeper) addr(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}

// emit is x/dmc's one way of emitting an event: a typed event on the context's event manager
// (the same helper as x/escrow's and x/hashnft's keepers).
func (k Keeper) emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

// ExpectedSupply is what the udmc supply must be: genesis + minted by mining - burned.
func (k Keeper) ExpectedSupply(ctx context.Context) (math.Int, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	minted, err := k.MintedByMining.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	burned, err := k.Burned.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	return p.GenesisSupply.Add(minted).Sub(burned), nil
}

// CheckSupply is the x/dmc invariant, for tests and the simulation: the bank's udmc supply is
// exactly genesis + minted - burned, mining stayed under its cap, and supply under the maximum.
func (k Keeper) CheckSupply(ctx context.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	minted, err := k.MintedByMining.Get(ctx)
	if err != nil {
		return err
	}
	if minted.GT(p.MiningCap) {
		return types.ErrSupplyMismatch.Wrapf("mining minted %s, above its cap %s", minted, p.MiningCap)
	}
	want, err := k.ExpectedSupply(ctx)
	if err != nil {
		return err
	}
	got := k.bankKeeper.GetSupply(ctx, types.Denom).Amount
	if !got.Equal(want) {
		return types.ErrSupplyMismatch.Wrapf("bank supply %s%s, books say %s%s", got, types.Denom, want, types.Denom)
	}
	if got.GT(p.MaxSupply) {
		return types.ErrSupplyMismatch.Wrapf("supply %s%s above the maximum %s%s", got, types.Denom, p.MaxSupply, types.Denom)
	}
	return nil
}

// RecordBurn adds DMC burned outside x/dmc (x/gov's vetoed or unfunded proposal deposits, x/staking's
// slashed stake) to the books, so that the supply still adds up: the app's bank keeper for those
// modules calls it after every burn.
func (k Keeper) RecordBurn(ctx context.Context, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	burned, err := k.Burned.Get(ctx)
	if err != nil {
		return err
	}
	return k.Burned.Set(ctx, burned.Add(amount))
}
