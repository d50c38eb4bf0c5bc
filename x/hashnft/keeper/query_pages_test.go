package keeper_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// ids turns a list into its keys for testutil.CheckPages.
func ids[T any](items []T, id func(T) uint64) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, fmt.Sprint(id(it)))
	}
	return out
}

// Every list query of x/hashnft pages by key past a page's maximum: products, applications (all,
// by miner, by status), an owner's NFTs, a product's listings (price order) and auctions.
func TestHashnftListsPageByKey(t *testing.T) {
	f := newFixture(t)
	productID, _ := f.product(f.fixedApp(10, "100uusdt"))
	bought := f.buy(f.alice, productID, 3, "100uusdt")
	f.product(f.auctionApp(5, "100uusdt", 2*86400e9))
	ctx, k := f.ctx, f.k
	p, a := f.getProduct(productID), func() types.Application { a, _ := k.Applications.Get(ctx, 1); return a }()
	n0 := f.getNFT(bought[0])
	auction, err := k.Auctions.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := pagination.MaxLimit + 10
	// Applications 1 and 2 (products 1 and 2, auction 1) are the miner's and approved: only the
	// ones written here are pending.
	products, apps, byMiner, auctions := []string{"1", "2"}, []string{"1", "2"}, []string{"1", "2"}, []string{"1"}
	var pending []string
	nfts := ids(bought, func(id uint64) uint64 { return id })
	type listed struct{ price, id uint64 }
	var listings []listed
	for i := uint64(0); i < n; i++ {
		id := 1_000 + i
		pp := p
		pp.Id = id
		must(t, k.Products.Set(ctx, id, pp))
		products = append(products, fmt.Sprint(id))
		aa := a
		aa.Id, aa.Status = id, types.APPLICATION_STATUS_PENDING
		if i%3 == 0 {
			aa.Miner = f.bob.Addr.String()
		} else {
			byMiner = append(byMiner, fmt.Sprint(id))
		}
		pending = append(pending, fmt.Sprint(id))
		must(t, k.Applications.Set(ctx, id, aa))
		apps = append(apps, fmt.Sprint(id))
		nn := n0
		nn.Id, nn.Serial = 100_000+i, 100+i
		must(t, k.NFTs.Set(ctx, nn.Id, nn))
		nfts = append(nfts, fmt.Sprint(nn.Id))
		price := 100 + i%7
		must(t, k.Listings.Set(ctx, nn.Id, types.Listing{NftId: nn.Id, ProductId: productID, Seller: nn.Owner, Price: coin(fmt.Sprintf("%duusdt", price))}))
		listings = append(listings, listed{price, nn.Id})
		au := auction
		au.Id = id
		must(t, k.Auctions.Set(ctx, id, au))
		auctions = append(auctions, fmt.Sprint(id))
	}
	sort.Slice(listings, func(i, j int) bool {
		return listings[i].price < listings[j].price || listings[i].price == listings[j].price && listings[i].id < listings[j].id
	})
	byPrice := ids(listings, func(l listed) uint64 { return l.id })
	q := f.query
	for _, tc := range []struct {
		name  string
		want  []string
		fetch testutil.PageFetch
	}{
		{"products", products, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Products(ctx, &types.QueryProductsRequest{Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Products, func(p types.Product) uint64 { return p.Id }), res.Pagination, nil
		}},
		{"applications", apps, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Applications(ctx, &types.QueryApplicationsRequest{Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Applications, func(a types.Application) uint64 { return a.Id }), res.Pagination, nil
		}},
		{"applications by miner", byMiner, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Applications(ctx, &types.QueryApplicationsRequest{Miner: f.miner.Addr.String(), Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Applications, func(a types.Application) uint64 { return a.Id }), res.Pagination, nil
		}},
		{"applications by status", pending, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Applications(ctx, &types.QueryApplicationsRequest{Status: types.APPLICATION_STATUS_PENDING, Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Applications, func(a types.Application) uint64 { return a.Id }), res.Pagination, nil
		}},
		{"nfts by owner", nfts, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.NFTsByOwner(ctx, &types.QueryNFTsByOwnerRequest{Owner: f.alice.Addr.String(), Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Nfts, func(n types.NFTInfo) uint64 { return n.Nft.Id }), res.Pagination, nil
		}},
		{"listings", byPrice, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Listings(ctx, &types.QueryListingsRequest{ProductId: productID, Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Listings, func(l types.Listing) uint64 { return l.NftId }), res.Pagination, nil
		}},
		{"auctions", auctions, func(pg *query.PageRequest) ([]string, *query.PageResponse, error) {
			res, err := q.Auctions(ctx, &types.QueryAuctionsRequest{Pagination: pg})
			if err != nil {
				return nil, nil, err
			}
			return ids(res.Auctions, func(a types.Auction) uint64 { return a.Id }), res.Pagination, nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { testutil.CheckPages(t, tc.want, tc.fetch) })
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A purchase emits what was paid, the channel fee and the escrow's part as coin strings.
func TestHashnftEventAmountsAreCoins(t *testing.T) {
	f := newFixture(t)
	productID, _ := f.product(f.fixedApp(10, "100uusdt"))
	f.buy(f.alice, productID, 3, "100uusdt")
	events := f.ctx.EventManager().ABCIEvents()
	if c := testutil.EventCoin(t, events, "dmex.hashnft.v1.EventNFTsBought", "paid"); c.String() != "300uusdt" {
		t.Fatalf("paid %s, want 300uusdt", c)
	}
	testutil.EventCoin(t, events, "dmex.hashnft.v1.EventNFTsBought", "channel_fee")
	testutil.EventCoin(t, events, "dmex.hashnft.v1.EventNFTsBought", "to_escrow")
}
