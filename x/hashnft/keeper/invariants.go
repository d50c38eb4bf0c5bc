package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// owed is what state says the module accounts hold.
type owed struct {
	deposits sdk.Coins // pending applications' deposits (hashnft account)
	locked   sdk.Coins // open auctions' bids (hashnft account)
	escrow   sdk.Coins // products' escrows (hashnftescrow account)
}

// books sums what the records owe. It walks applications, auctions with their bids, and escrows
// (never NFTs), so it is for tests, genesis and the simulation, not for blocks.
func (k Keeper) books(ctx context.Context) (owed, error) {
	o := owed{}
	err := k.Applications.Walk(ctx, nil, func(_ uint64, a types.Application) (bool, error) {
		if a.Status == types.APPLICATION_STATUS_PENDING {
			o.deposits = o.deposits.Add(a.Deposit)
		}
		return false, nil
	})
	if err != nil {
		return o, err
	}
	err = k.Bids.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], b types.Bid) (bool, error) {
		o.locked = o.locked.Add(b.Locked)
		return false, nil
	})
	if err != nil {
		return o, err
	}
	err = k.Escrows.Walk(ctx, nil, func(_ uint64, e types.Escrow) (bool, error) {
		o.escrow = o.escrow.Add(e.Held...)
		return false, nil
	})
	return o, err
}

// checkAccounts compares the module accounts' balances with the books.
func (k Keeper) checkAccounts(ctx context.Context) error {
	o, err := k.books(ctx)
	if err != nil {
		return err
	}
	want := o.deposits.Add(o.locked...)
	if got := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(types.ModuleName)); !got.Equal(want) {
		return types.ErrBooksMismatch.Wrapf("the hashnft account holds %q; pending deposits %q + locked bids %q = %q",
			got, o.deposits, o.locked, want)
	}
	if got := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(modaccounts.HashnftEscrow)); !got.Equal(o.escrow) {
		return types.ErrBooksMismatch.Wrapf("the hashnftescrow account holds %q; the escrows hold %q", got, o.escrow)
	}
	return nil
}

// CheckBooks is the x/hashnft invariant (tests run it after every block): the module accounts
// hold exactly the pending deposits, the locked bids and the escrows; only open auctions lock
// funds and their bid counts match; products' counters add up; each miner's power is what its
// pending applications and active products commit; every open auction, pending application and
// active product is queued. It never walks the NFTs (see CheckRegistry).
func (k Keeper) CheckBooks(ctx context.Context) error {
	if err := k.checkAccounts(ctx); err != nil {
		return err
	}
	if err := k.checkNodeBooks(ctx); err != nil {
		return err
	}
	power := map[string]math.Int{}
	add := func(miner, chain, unit string, v math.Int) {
		key := miner + "/" + chain + "/" + unit
		if cur, ok := power[key]; ok {
			v = v.Add(cur)
		}
		power[key] = v
	}
	queued := func(q queue.Queue[time.Time]) (map[uint64]bool, error) {
		ids := map[uint64]bool{}
		return ids, q.Walk(ctx, func(it queue.Item[time.Time]) (bool, error) { ids[it.ID] = true; return false, nil })
	}
	appQ, err := queued(k.ApplicationQueue)
	if err != nil {
		return err
	}
	err = k.Applications.Walk(ctx, nil, func(id uint64, a types.Application) (bool, error) {
		if a.Status != types.APPLICATION_STATUS_PENDING {
			return false, nil
		}
		if !appQ[id] {
			return true, types.ErrBooksMismatch.Wrapf("pending application %d is not queued for expiry", id)
		}
		add(a.Miner, a.Chain, a.PowerUnit, a.Power())
		return false, nil
	})
	if err != nil {
		return err
	}
	prodQ, err := queued(k.ProductQueue)
	if err != nil {
		return err
	}
	err = k.Products.Walk(ctx, nil, func(id uint64, p types.Product) (bool, error) {
		if p.Sold+p.Retired > p.Count || p.Created > p.Sold {
			return true, types.ErrBooksMismatch.Wrapf("product %d: sold %d + retired %d of %d, created %d", id, p.Sold, p.Retired, p.Count, p.Created)
		}
		if p.Status == types.PRODUCT_STATUS_ACTIVE {
			if !prodQ[id] {
				return true, types.ErrBooksMismatch.Wrapf("active product %d is not queued for its term end", id)
			}
			add(p.Miner, p.Chain, p.PowerUnit, p.CommittedPower())
		}
		if (p.SettlingAuctionId != 0) != (p.Created < p.Sold) {
			return true, types.ErrBooksMismatch.Wrapf("product %d: sold %d, created %d, settling auction %d", id, p.Sold, p.Created, p.SettlingAuctionId)
		}
		if (p.SaleMode == types.SALE_MODE_AUCTION) != (p.AuctionId != 0) {
			return true, types.ErrBooksMismatch.Wrapf("product %d: sale mode %s with auction %d", id, p.SaleMode, p.AuctionId)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	var recorded []string
	err = k.MinerPower.Walk(ctx, nil, func(key collections.Triple[sdk.AccAddress, string, string], v math.Int) (bool, error) {
		miner, err := k.addressCodec.BytesToString(key.K1())
		if err != nil {
			return true, err
		}
		name := miner + "/" + key.K2() + "/" + key.K3()
		want, ok := power[name]
		if !ok || !want.Equal(v) {
			return true, types.ErrBooksMismatch.Wrapf("miner power %s is %s, its applications and products commit %v", name, v, want)
		}
		recorded = append(recorded, name)
		return false, nil
	})
	if err != nil {
		return err
	}
	nonzero := 0
	for _, v := range power {
		if !v.IsZero() {
			nonzero++
		}
	}
	if nonzero != len(recorded) {
		return types.ErrBooksMismatch.Wrapf("%d miner power records, applications and products commit %d", len(recorded), nonzero)
	}
	auctionQ, err := queued(k.AuctionQueue)
	if err != nil {
		return err
	}
	return k.Auctions.Walk(ctx, nil, func(id uint64, a types.Auction) (bool, error) {
		if (a.Status == types.AUCTION_STATUS_OPEN || a.Status == types.AUCTION_STATUS_SETTLING) && !auctionQ[id] {
			return true, types.ErrBooksMismatch.Wrapf("auction %d (%s) is not queued", id, a.Status)
		}
		iter, err := k.Bids.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](id))
		if err != nil {
			return true, err
		}
		bids, err := iter.Values()
		if err != nil {
			return true, err
		}
		if int64(len(bids)) != int64(a.BidCount) {
			return true, types.ErrBooksMismatch.Wrapf("auction %d counts %d bids, holds %d", id, a.BidCount, len(bids))
		}
		var filled, created, cancelled uint64
		for _, b := range bids {
			if b.Created+b.Cancelled > b.Filled || (b.Cancelled == 0 && !b.TerminationRefund.IsZero()) {
				return true, types.ErrBooksMismatch.Wrapf("bid %d: filled %d, created %d, cancelled %d (refunded %s)", b.Id, b.Filled, b.Created, b.Cancelled, b.TerminationRefund)
			}
			locks := b.Locked.IsPositive()
			if locks != (a.Status == types.AUCTION_STATUS_OPEN) {
				return true, types.ErrBooksMismatch.Wrapf("bid %d of %s auction %d locks %s", b.Id, a.Status, id, b.Locked)
			}
			if locks && !b.Locked.Amount.Equal(b.UnitPrice.Amount.Mul(math.NewIntFromUint64(b.Quantity))) {
				return true, types.ErrBooksMismatch.Wrapf("bid %d locks %s for %d at %s", b.Id, b.Locked, b.Quantity, b.UnitPrice)
			}
			if !locks && !b.Paid.Add(b.Refunded).Amount.Equal(b.UnitPrice.Amount.Mul(math.NewIntFromUint64(b.Quantity))) {
				return true, types.ErrBooksMismatch.Wrapf("bid %d: paid %s + refunded %s is not what it locked", b.Id, b.Paid, b.Refunded)
			}
			filled += b.Filled
			created += b.Created
			cancelled += b.Cancelled
		}
		if filled != a.Sold || created != a.Created || cancelled != a.Cancelled {
			return true, types.ErrBooksMismatch.Wrapf("auction %d sold %d, created %d, cancelled %d; its bids filled %d, created %d, cancelled %d",
				id, a.Sold, a.Created, a.Cancelled, filled, created, cancelled)
		}
		if a.Status == types.AUCTION_STATUS_SETTLED && a.Created+a.Cancelled != a.Sold {
			return true, types.ErrBooksMismatch.Wrapf("settled auction %d sold %d, created %d, cancelled %d", id, a.Sold, a.Created, a.Cancelled)
		}
		return false, nil
	})
}

// CheckRegistry walks every NFT (tests only): each product's NFTs are exactly its created count
// with serials 1..created, both indexes agree with the records, and every listing is of an NFT
// its seller owns and that is not locked.
func (k Keeper) CheckRegistry(ctx context.Context) error {
	perProduct := map[uint64]map[uint64]bool{}
	nfts := 0
	err := k.NFTs.Walk(ctx, nil, func(id uint64, n types.NFT) (bool, error) {
		owner, err := k.addressCodec.StringToBytes(n.Owner)
		if err != nil {
			return true, err
		}
		if ok, err := indexed(ctx, k.NFTs.Indexes.Owner, sdk.AccAddress(owner), id); err != nil || !ok {
			return true, fmt.Errorf("NFT %d is missing from its owner's index (%v)", id, err) //nolint:errorlint // err is nil when the entry is just missing
		}
		if ok, err := indexed(ctx, k.NFTs.Indexes.Product, n.ProductId, id); err != nil || !ok {
			return true, fmt.Errorf("NFT %d is missing from its product's index (%v)", id, err) //nolint:errorlint // err is nil when the entry is just missing
		}
		nfts++
		if perProduct[n.ProductId] == nil {
			perProduct[n.ProductId] = map[uint64]bool{}
		}
		if perProduct[n.ProductId][n.Serial] {
			return true, fmt.Errorf("product %d has serial %d twice", n.ProductId, n.Serial)
		}
		perProduct[n.ProductId][n.Serial] = true
		return false, nil
	})
	if err != nil {
		return err
	}
	for name, idx := range map[string]interface {
		Walk(ctx context.Context, r collections.Ranger[collections.Pair[sdk.AccAddress, uint64]], fn func(sdk.AccAddress, uint64) (bool, error)) error
	}{"owner": k.NFTs.Indexes.Owner} {
		entries := 0
		if err := idx.Walk(ctx, nil, func(sdk.AccAddress, uint64) (bool, error) { entries++; return false, nil }); err != nil {
			return err
		}
		if entries != nfts {
			return fmt.Errorf("the %s index has %d entries for %d NFTs", name, entries, nfts)
		}
	}
	err = k.Products.Walk(ctx, nil, func(id uint64, p types.Product) (bool, error) {
		if uint64(len(perProduct[id])) != p.Created {
			return true, fmt.Errorf("product %d created %d NFTs, the registry holds %d", id, p.Created, len(perProduct[id]))
		}
		for s := uint64(1); s <= p.Created; s++ {
			if !perProduct[id][s] {
				return true, fmt.Errorf("product %d lacks serial %d", id, s)
			}
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	return k.Listings.Walk(ctx, nil, func(id uint64, l types.Listing) (bool, error) {
		n, err := k.GetNFT(ctx, id)
		if err != nil {
			return true, err
		}
		if n.Owner != l.Seller || n.LockedBy != "" || n.ProductId != l.ProductId {
			return true, fmt.Errorf("listing of NFT %d by %s; the NFT is %s's, locked by %q", id, l.Seller, n.Owner, n.LockedBy)
		}
		return false, nil
	})
}

// indexed reports whether a Multi index holds (ref, id).
func indexed[R any, V any](ctx context.Context, idx *indexes.Multi[R, uint64, V], ref R, id uint64) (bool, error) {
	iter, err := idx.Iterate(ctx, collections.NewPrefixedPairRange[R, uint64](ref).StartInclusive(id).EndInclusive(id))
	if err != nil {
		return false, err
	}
	defer iter.Close()
	return iter.Valid(), nil
}

// NFTsLockedBy lists the NFTs locked by a module, in id order (books checks only: it walks every
// NFT).
func (k Keeper) NFTsLockedBy(ctx context.Context, lockedBy string) ([]uint64, error) {
	var ids []uint64
	err := k.NFTs.Walk(ctx, nil, func(id uint64, n types.NFT) (bool, error) {
		if n.LockedBy == lockedBy {
			ids = append(ids, id)
		}
		return false, nil
	})
	return ids, err
}

// WalkNFTs calls fn on the registry's NFTs in id order until it returns true (simulation
// factories of the modules built on x/hashnft).
func (k Keeper) WalkNFTs(ctx context.Context, fn func(types.NFT) (stop bool)) error {
	return k.NFTs.Walk(ctx, nil, func(_ uint64, n types.NFT) (bool, error) { return fn(n), nil })
}
