// Package keeper is the hashrate NFT market (SPEC §4): miners' applications, products (NFT
// classes) approved by the DMEX authority, the NFT registry with its owner index and transfer
// hooks, primary sales at a fixed price or by uniform-price auction, and the secondary market.
//
// Invariants (Keeper.CheckBooks, run by the tests after every block):
//   - the hashnft module account holds exactly the deposits of pending applications plus the
//     funds locked by bids of open auctions; the hashnftescrow account holds exactly the sum of
//     the products' escrows;
//   - a miner's recorded power equals the power of its pending applications and active products,
//     and no message takes it past the cap;
//   - every open or settling auction, pending application and active product is in its queue.
//
// No message and no block walks all NFTs, auctions or bids: queues are bounded per block, and a
// message touches only the records it names.
package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// ApplicationIndexes find applications by status and by miner.
type ApplicationIndexes struct {
	Status *indexes.Multi[int32, uint64, types.Application]
	Miner  *indexes.Multi[sdk.AccAddress, uint64, types.Application]
}

func (i ApplicationIndexes) IndexesList() []collections.Index[uint64, types.Application] {
	return []collections.Index[uint64, types.Application]{i.Status, i.Miner}
}

// NFTIndexes find NFTs by owner (the holder's query) and by product (the escrow's payouts).
type NFTIndexes struct {
	Owner   *indexes.Multi[sdk.AccAddress, uint64, types.NFT]
	Product *indexes.Multi[uint64, uint64, types.NFT]
}

func (i NFTIndexes) IndexesList() []collections.Index[uint64, types.NFT] {
	return []collections.Index[uint64, types.NFT]{i.Owner, i.Product}
}

// ListingIndexes order a product's listings by denom, then price (cheapest first), then NFT id.
type ListingIndexes struct {
	Price *indexes.Multi[collections.Triple[uint64, string, math.Int], uint64, types.Listing]
}

func (i ListingIndexes) IndexesList() []collections.Index[uint64, types.Listing] {
	return []collections.Index[uint64, types.Listing]{i.Price}
}

type Keeper struct {
	cdc          codec.BinaryCodec
	storeService store.KVStoreService
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	// powerOracle checks at approval that the node's verified power covers the product (x/oracle,
	// one per chain: types.MultiPowerOracle); a chain no oracle covers is not checked.
	powerOracle types.PowerOracle
	// wiring is what x/escrow registers after this keeper is built (wiring.go), shared by every
	// copy of the keeper.
	wiring *wiring

	// revenue is x/dmc's platform revenue ledger: the channel and trading fees are paid through it.
	revenue modaccounts.RevenueLedger

	Schema       collections.Schema
	Params       collections.Item[types.Params]
	Applications *collections.IndexedMap[uint64, types.Application, ApplicationIndexes]
	Products     collections.Map[uint64, types.Product]
	Escrows      collections.Map[uint64, types.Escrow]
	NFTs         *collections.IndexedMap[uint64, types.NFT, NFTIndexes]
	Listings     *collections.IndexedMap[uint64, types.Listing, ListingIndexes]
	Auctions     collections.Map[uint64, types.Auction]
	// Bids are keyed by auction first: an auction's bids are one prefix (at most the bid cap).
	Bids collections.Map[collections.Pair[uint64, uint64], types.Bid]
	// MinerPower is each miner's committed power per (chain, power unit).
	MinerPower collections.Map[collections.Triple[sdk.AccAddress, string, string], math.Int]
	// NodePower is the power on sale and active of each (chain, node, power unit) (node_power.go).
	NodePower collections.Map[collections.Triple[string, string, string], math.Int]

	// The bounded queues: pending applications by expiry, auctions by end time, active products
	// by term end.
	ApplicationQueue queue.Queue[time.Time]
	AuctionQueue     queue.Queue[time.Time]
	ProductQueue     queue.Queue[time.Time]

	NextApplicationID collections.Sequence
	NextProductID     collections.Sequence
	NextNFTID         collections.Sequence
	NextAuctionID     collections.Sequence
	NextBidID         collections.Sequence
}

// NewKeeper builds the keeper on the modules that exist before it. power is the node power
// oracle (nil: no chain is covered). What x/escrow provides is registered afterwards (wiring.go).
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper, revenue modaccounts.RevenueLedger, power types.PowerOracle,
) Keeper {
	for _, acc := range []string{types.ModuleName, modaccounts.HashnftEscrow} {
		if ak.GetModuleAddress(acc) == nil {
			panic(fmt.Sprintf("%s module account has not been set", acc))
		}
	}
	if revenue == nil {
		panic("x/hashnft needs the revenue ledger (x/dmc's keeper) to pay its fees")
	}
	if power == nil {
		power = types.MultiPowerOracle{}
	}
	ac := ak.AddressCodec()
	addrOf := func(s string) (sdk.AccAddress, error) { return ac.StringToBytes(s) }
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: ac,
		authority:    authority,
		authKeeper:   ak,
		bankKeeper:   bk,
		revenue:      revenue,
		powerOracle:  power,
		wiring:       &wiring{},
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Applications: collections.NewIndexedMap(sb, types.ApplicationsKey, "applications", collections.Uint64Key,
			codec.CollValue[types.Application](cdc), ApplicationIndexes{
				Status: indexes.NewMulti(sb, types.ApplicationsByStatusKey, "applications_by_status", collections.Int32Key, collections.Uint64Key,
					func(_ uint64, a types.Application) (int32, error) { return int32(a.Status), nil }),
				Miner: indexes.NewMulti(sb, types.ApplicationsByMinerKey, "applications_by_miner", sdk.AccAddressKey, collections.Uint64Key,
					func(_ uint64, a types.Application) (sdk.AccAddress, error) { return addrOf(a.Miner) }),
			}),
		Products: collections.NewMap(sb, types.ProductsKey, "products", collections.Uint64Key, codec.CollValue[types.Product](cdc)),
		Escrows:  collections.NewMap(sb, types.EscrowsKey, "escrows", collections.Uint64Key, codec.CollValue[types.Escrow](cdc)),
		NFTs: collections.NewIndexedMap(sb, types.NFTsKey, "nfts", collections.Uint64Key, codec.CollValue[types.NFT](cdc), NFTIndexes{
			Owner: indexes.NewMulti(sb, types.NFTsByOwnerKey, "nfts_by_owner", sdk.AccAddressKey, collections.Uint64Key,
				func(_ uint64, n types.NFT) (sdk.AccAddress, error) { return addrOf(n.Owner) }),
			Product: indexes.NewMulti(sb, types.NFTsByProductKey, "nfts_by_product", collections.Uint64Key, collections.Uint64Key,
				func(_ uint64, n types.NFT) (uint64, error) { return n.ProductId, nil }),
		}),
		Listings: collections.NewIndexedMap(sb, types.ListingsKey, "listings", collections.Uint64Key, codec.CollValue[types.Listing](cdc), ListingIndexes{
			Price: indexes.NewMulti(sb, types.ListingsByPriceKey, "listings_by_price",
				collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, types.PriceKey), collections.Uint64Key,
				func(_ uint64, l types.Listing) (collections.Triple[uint64, string, math.Int], error) {
					return collections.Join3(l.ProductId, l.Price.Denom, l.Price.Amount), nil
				}),
		}),
		Auctions: collections.NewMap(sb, types.AuctionsKey, "auctions", collections.Uint64Key, codec.CollValue[types.Auction](cdc)),
		Bids: collections.NewMap(sb, types.BidsKey, "bids", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key),
			codec.CollValue[types.Bid](cdc)),
		MinerPower: collections.NewMap(sb, types.MinerPowerKey, "miner_power",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, collections.StringKey), sdk.IntValue),
		NodePower: collections.NewMap(sb, types.NodePowerKey, "node_power",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.StringKey), sdk.IntValue),
		ApplicationQueue:  queue.New(sb, types.ApplicationQueueKey, "application_queue", sdk.TimeKey),
		AuctionQueue:      queue.New(sb, types.AuctionQueueKey, "auction_queue", sdk.TimeKey),
		ProductQueue:      queue.New(sb, types.ProductQueueKey, "product_queue", sdk.TimeKey),
		NextApplicationID: collections.NewSequence(sb, types.NextApplicationIDKey, "next_application_id"),
		NextProductID:     collections.NewSequence(sb, types.NextProductIDKey, "next_product_id"),
		NextNFTID:         collections.NewSequence(sb, types.NextNFTIDKey, "next_nft_id"),
		NextAuctionID:     collections.NewSequence(sb, types.NextAuctionIDKey, "next_auction_id"),
		NextBidID:         collections.NewSequence(sb, types.NextBidIDKey, "next_bid_id"),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

func (k Keeper) addr(what, s string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q: %v", what, s, err)
	}
	return bz, nil
}

func (k Keeper) getApplication(ctx context.Context, id uint64) (types.Application, error) {
	a, err := k.Applications.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return a, errorsmod.Wrapf(types.ErrUnknownApplication, "application %d does not exist", id)
	}
	return a, err
}

func (k Keeper) getProduct(ctx context.Context, id uint64) (types.Product, error) {
	p, err := k.Products.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return p, errorsmod.Wrapf(types.ErrUnknownProduct, "product %d does not exist", id)
	}
	return p, err
}

func (k Keeper) getAuction(ctx context.Context, id uint64) (types.Auction, error) {
	a, err := k.Auctions.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return a, errorsmod.Wrapf(types.ErrUnknownAuction, "auction %d does not exist", id)
	}
	return a, err
}

// GetNFT returns an NFT of the registry.
func (k Keeper) GetNFT(ctx context.Context, id uint64) (types.NFT, error) {
	n, err := k.NFTs.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return n, errorsmod.Wrapf(types.ErrUnknownNFT, "NFT %d does not exist", id)
	}
	return n, err
}

// GetProduct returns a product (for the escrow module).
func (k Keeper) GetProduct(ctx context.Context, id uint64) (types.Product, error) {
	return k.getProduct(ctx, id)
}

func (k Keeper) emit(ctx context.Context, ev sdk.Msg) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

func blockTime(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }

// addMinerPower changes a miner's committed power in a chain and unit by delta (possibly negative).
func (k Keeper) addMinerPower(ctx context.Context, miner sdk.AccAddress, chain, unit string, delta math.Int) error {
	key := collections.Join3(miner, chain, unit)
	cur, err := k.MinerPower.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		cur = math.ZeroInt()
	} else if err != nil {
		return err
	}
	next := cur.Add(delta)
	if next.IsNegative() {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "miner %s power in %s %s would go negative: %s%+s", miner, chain, unit, cur, delta)
	}
	if next.IsZero() {
		return k.MinerPower.Remove(ctx, key)
	}
	return k.MinerPower.Set(ctx, key, next)
}

func (k Keeper) minerPower(ctx context.Context, miner sdk.AccAddress, chain, unit string) (math.Int, error) {
	v, err := k.MinerPower.Get(ctx, collections.Join3(miner, chain, unit))
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

// creditEscrow records a payment into a product's escrow (the coins are already in the escrow account).
func (k Keeper) creditEscrow(ctx context.Context, productID uint64, amt sdk.Coin) error {
	if !amt.IsPositive() {
		return nil
	}
	e, err := k.Escrows.Get(ctx, productID)
	if errors.Is(err, collections.ErrNotFound) {
		e = types.Escrow{ProductId: productID}
	} else if err != nil {
		return err
	}
	e.PaidIn = e.PaidIn.Add(amt)
	e.Held = e.Held.Add(amt)
	return k.Escrows.Set(ctx, productID, e)
}
