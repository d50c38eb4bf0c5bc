package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has the default params and nothing else; every id starts at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params: DefaultParams(), NextApplicationId: 1, NextProductId: 1, NextNftId: 1, NextAuctionId: 1, NextBidId: 1,
	}
}

// Validate checks params, ids and the references between records. The money books (module
// account balances against deposits, bids and escrows) are checked at InitGenesis, when the
// bank balances are known.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	bad := func(format string, args ...any) error {
		return errorsmod.Wrapf(ErrInvalidGenesis, format, args...)
	}
	for name, v := range map[string]uint64{
		"next_application_id": gs.NextApplicationId, "next_product_id": gs.NextProductId, "next_nft_id": gs.NextNftId,
		"next_auction_id": gs.NextAuctionId, "next_bid_id": gs.NextBidId,
	} {
		if v == 0 {
			return bad("%s must be at least 1", name)
		}
	}
	// Addresses are stored in their canonical spelling only: the keeper compares them as strings.
	addr := func(what, s string) error {
		bz, err := ac.StringToBytes(s)
		if err != nil {
			return bad("%s %q: %v", what, s, err)
		}
		if canonical, err := ac.BytesToString(bz); err != nil || canonical != s {
			return bad("%s %q is not in its canonical spelling %q", what, s, canonical)
		}
		return nil
	}
	apps := map[uint64]Application{}
	for _, a := range gs.Applications {
		if a.Id == 0 || a.Id >= gs.NextApplicationId {
			return bad("application id %d is not in 1..next_application_id-1 (%d)", a.Id, gs.NextApplicationId-1)
		}
		if _, dup := apps[a.Id]; dup {
			return bad("application %d listed twice", a.Id)
		}
		if err := addr("application miner", a.Miner); err != nil {
			return err
		}
		if a.Status == APPLICATION_STATUS_UNSPECIFIED || ApplicationStatus_name[int32(a.Status)] == "" {
			return bad("application %d has no valid status", a.Id)
		}
		if a.PowerPerNft.IsNil() || !a.PowerPerNft.IsPositive() || a.Count == 0 {
			return bad("application %d: power per NFT and count must be positive", a.Id)
		}
		if err := a.Deposit.Validate(); err != nil {
			return bad("application %d deposit: %v", a.Id, err)
		}
		apps[a.Id] = a
	}
	products := map[uint64]Product{}
	for _, p := range gs.Products {
		if p.Id == 0 || p.Id >= gs.NextProductId {
			return bad("product id %d is not in 1..next_product_id-1 (%d)", p.Id, gs.NextProductId-1)
		}
		if _, dup := products[p.Id]; dup {
			return bad("product %d listed twice", p.Id)
		}
		if a, ok := apps[p.ApplicationId]; !ok || a.Status != APPLICATION_STATUS_APPROVED || a.ProductId != p.Id {
			return bad("product %d: application %d is not an approved application of it", p.Id, p.ApplicationId)
		}
		if err := addr("product miner", p.Miner); err != nil {
			return err
		}
		if p.Sold+p.Retired > p.Count || p.Created > p.Sold {
			return bad("product %d: sold %d + retired %d above count %d, or created %d above sold", p.Id, p.Sold, p.Retired, p.Count, p.Created)
		}
		if (p.SettlingAuctionId != 0) != (p.Created < p.Sold) {
			return bad("product %d: sold %d, created %d, settling auction %d", p.Id, p.Sold, p.Created, p.SettlingAuctionId)
		}
		if p.Status != PRODUCT_STATUS_ACTIVE && p.Status != PRODUCT_STATUS_ENDED {
			return bad("product %d has no valid status", p.Id)
		}
		if (p.SaleMode == SALE_MODE_AUCTION) != (p.AuctionId != 0) {
			return bad("product %d: sale mode %s with auction %d", p.Id, p.SaleMode, p.AuctionId)
		}
		if p.PowerPerNft.IsNil() || !p.PowerPerNft.IsPositive() {
			return bad("product %d: power per NFT must be positive", p.Id)
		}
		products[p.Id] = p
	}
	escrows := map[uint64]bool{}
	for _, e := range gs.Escrows {
		if _, ok := products[e.ProductId]; !ok {
			return bad("escrow of unknown product %d", e.ProductId)
		}
		if escrows[e.ProductId] {
			return bad("escrow of product %d listed twice", e.ProductId)
		}
		escrows[e.ProductId] = true
		if err := e.PaidIn.Validate(); err != nil {
			return bad("escrow %d paid_in: %v", e.ProductId, err)
		}
		if err := e.Held.Validate(); err != nil {
			return bad("escrow %d held: %v", e.ProductId, err)
		}
		if !e.PaidIn.IsAllGTE(e.Held) {
			return bad("escrow %d holds %s, more than was paid in (%s)", e.ProductId, e.Held, e.PaidIn)
		}
	}
	nfts := map[uint64]NFT{}
	created := map[uint64]uint64{}
	for _, n := range gs.Nfts {
		if n.Id == 0 || n.Id >= gs.NextNftId {
			return bad("NFT id %d is not in 1..next_nft_id-1 (%d)", n.Id, gs.NextNftId-1)
		}
		if _, dup := nfts[n.Id]; dup {
			return bad("NFT %d listed twice", n.Id)
		}
		p, ok := products[n.ProductId]
		if !ok {
			return bad("NFT %d of unknown product %d", n.Id, n.ProductId)
		}
		if n.Serial == 0 || n.Serial > p.Created {
			return bad("NFT %d: serial %d is not in 1..%d (product %d created)", n.Id, n.Serial, p.Created, p.Id)
		}
		if err := addr("NFT owner", n.Owner); err != nil {
			return err
		}
		nfts[n.Id] = n
		created[n.ProductId]++
	}
	for _, p := range gs.Products {
		if created[p.Id] != p.Created {
			return bad("product %d created %d NFTs, the registry holds %d", p.Id, p.Created, created[p.Id])
		}
	}
	listed := map[uint64]bool{}
	for _, l := range gs.Listings {
		n, ok := nfts[l.NftId]
		if !ok {
			return bad("listing of unknown NFT %d", l.NftId)
		}
		if listed[l.NftId] {
			return bad("NFT %d listed twice", l.NftId)
		}
		listed[l.NftId] = true
		if l.Seller != n.Owner || l.ProductId != n.ProductId || n.LockedBy != "" {
			return bad("listing of NFT %d: seller %s, product %d; the NFT is %s's, of product %d, locked by %q",
				l.NftId, l.Seller, l.ProductId, n.Owner, n.ProductId, n.LockedBy)
		}
		if err := l.Price.Validate(); err != nil || !l.Price.IsPositive() {
			return bad("listing of NFT %d: price %s must be positive", l.NftId, l.Price)
		}
	}
	auctions := map[uint64]Auction{}
	for _, a := range gs.Auctions {
		if a.Id == 0 || a.Id >= gs.NextAuctionId {
			return bad("auction id %d is not in 1..next_auction_id-1 (%d)", a.Id, gs.NextAuctionId-1)
		}
		if _, dup := auctions[a.Id]; dup {
			return bad("auction %d listed twice", a.Id)
		}
		if _, ok := products[a.ProductId]; !ok {
			return bad("auction %d of unknown product %d", a.Id, a.ProductId)
		}
		if a.Status == AUCTION_STATUS_UNSPECIFIED || AuctionStatus_name[int32(a.Status)] == "" {
			return bad("auction %d has no valid status", a.Id)
		}
		if a.Created+a.Cancelled > a.Sold || a.Sold > a.Supply {
			return bad("auction %d: created %d, cancelled %d, sold %d, supply %d", a.Id, a.Created, a.Cancelled, a.Sold, a.Supply)
		}
		auctions[a.Id] = a
	}
	bids := map[uint64]uint32{}
	seenBid := map[uint64]bool{}
	for _, b := range gs.Bids {
		if b.Id == 0 || b.Id >= gs.NextBidId || seenBid[b.Id] {
			return bad("bid id %d is repeated or not in 1..next_bid_id-1 (%d)", b.Id, gs.NextBidId-1)
		}
		seenBid[b.Id] = true
		a, ok := auctions[b.AuctionId]
		if !ok {
			return bad("bid %d in unknown auction %d", b.Id, b.AuctionId)
		}
		if err := addr("bidder", b.Bidder); err != nil {
			return err
		}
		if b.Quantity == 0 || b.Filled > b.Quantity || b.Created+b.Cancelled > b.Filled {
			return bad("bid %d: quantity %d, filled %d, created %d, cancelled %d", b.Id, b.Quantity, b.Filled, b.Created, b.Cancelled)
		}
		if b.UnitPrice.Denom != a.Reserve.Denom {
			return bad("bid %d is in %s, auction %d in %s", b.Id, b.UnitPrice.Denom, a.Id, a.Reserve.Denom)
		}
		bids[b.AuctionId]++
	}
	for _, a := range gs.Auctions {
		if bids[a.Id] != a.BidCount {
			return bad("auction %d counts %d bids, genesis holds %d", a.Id, a.BidCount, bids[a.Id])
		}
	}
	retries := map[string]bool{}
	for _, r := range gs.QueueRetries {
		known := false
		switch r.Queue {
		case "application_queue":
			_, known = apps[r.Id]
		case "auction_queue":
			_, known = auctions[r.Id]
		case "product_queue":
			_, known = products[r.Id]
		default:
			return bad("queue retry of %d in unknown queue %q", r.Id, r.Queue)
		}
		if !known || r.Failures == 0 {
			return bad("queue retry of %d in %s: unknown record or no failure (%d)", r.Id, r.Queue, r.Failures)
		}
		key := fmt.Sprintf("%s/%d/%d", r.Queue, r.Due.UnixNano(), r.Id)
		if retries[key] {
			return bad("queue retry of %d in %s at %s listed twice", r.Id, r.Queue, r.Due)
		}
		retries[key] = true
	}
	return nil
}
