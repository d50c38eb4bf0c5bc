package keeper_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// recorder is an escrow module stand-in: it records every hook call, and can refuse.
type recorder struct {
	calls  []string
	refuse bool
}

func (r *recorder) BeforeNFTTransfer(_ context.Context, id uint64, from, to sdk.AccAddress) error {
	if r.refuse {
		return fmt.Errorf("rewards of NFT %d not settled", id)
	}
	r.calls = append(r.calls, fmt.Sprintf("transfer %d %s>%s", id, from, to))
	return nil
}

func (r *recorder) AfterNFTsCreated(_ context.Context, product, first, last uint64, owner sdk.AccAddress) error {
	r.calls = append(r.calls, fmt.Sprintf("created %d %d-%d %s", product, first, last, owner))
	return nil
}

func TestSecondaryMarketPaysTheSellerInTheSameTransaction(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(5, "100uusdt"))
	ids := f.buy(f.alice, pid, 2, "100uusdt")
	f.list(f.alice, ids[0], "1001uusdt")
	if info := f.owned(f.alice)[0]; info.Listing == nil || !info.Listing.Price.Equal(coin("1001uusdt")) {
		t.Fatalf("alice's NFT shows no listing: %+v", info)
	}
	seller, buyer, rev := f.balance(f.alice.Addr, "uusdt"), f.balance(f.bob.Addr, "uusdt"), f.revenue("uusdt")
	traded := f.credited(modaccounts.SourceTradingFee, "uusdt")
	res, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: f.bob.Addr.String(), NftId: ids[0], MaxPrice: coin("2000uusdt")})
	if err != nil {
		t.Fatal(err)
	}
	f.check()
	// 1% of 1001 = 10.01, rounded up to 11; the seller gets 990.
	if !res.Paid.Equal(coin("1001uusdt")) {
		t.Fatalf("paid %s", res.Paid)
	}
	eq(t, "buyer paid", buyer.Sub(f.balance(f.bob.Addr, "uusdt")), i64(1001))
	eq(t, "seller got", f.balance(f.alice.Addr, "uusdt").Sub(seller), i64(990))
	eq(t, "trading fee", f.revenue("uusdt").Sub(rev), i64(11))
	eq(t, "ledger's trading fees", f.credited(modaccounts.SourceTradingFee, "uusdt").Sub(traded), i64(11))
	if n := f.getNFT(ids[0]); n.Owner != f.bob.Addr.String() {
		t.Fatalf("owner %s after the sale", n.Owner)
	}
	if _, ok, _ := f.listingOf(ids[0]); ok {
		t.Fatal("the listing survived the sale")
	}
	// The new owner can list it again; the seller can cancel.
	f.list(f.bob, ids[0], "5uusdt")
	if _, err := f.msg.CancelListing(f.ctx, &types.MsgCancelListing{Owner: f.bob.Addr.String(), NftId: ids[0]}); err != nil {
		t.Fatal(err)
	}
	f.check()
	if _, ok, _ := f.listingOf(ids[0]); ok {
		t.Fatal("the listing survived its cancellation")
	}
}

func (f *fixture) listingOf(id uint64) (types.Listing, bool, error) {
	res, err := f.query.NFT(f.ctx, &types.QueryNFTRequest{Id: id})
	if err != nil || res.Nft.Listing == nil {
		return types.Listing{}, false, err
	}
	return *res.Nft.Listing, true, nil
}

func TestListingsAreSortedByPrice(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(8, "1uusdt"))
	other, _ := f.product(f.fixedApp(2, "1uusdt"))
	ids := f.buy(f.alice, pid, 8, "1uusdt")
	oids := f.buy(f.bob, other, 2, "1uusdt")
	// Prices chosen so that byte order and numeric order differ if the key were a string.
	prices := []string{"900uusdt", "1000000uusdt", "25uusdt", "90uusdt", "3udmc", "250uusdt", "1udmc", "100000uusdt"}
	for i, id := range ids {
		f.list(f.alice, id, prices[i])
	}
	f.list(f.bob, oids[0], "1uusdt") // another product's: never in the results
	collect := func(denom string, limit uint64) []string {
		var out []string
		var key []byte
		for {
			res, err := f.query.Listings(f.ctx, &types.QueryListingsRequest{ProductId: pid, Denom: denom, Pagination: &query.PageRequest{Key: key, Limit: limit}})
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range res.Listings {
				out = append(out, l.Price.String())
			}
			if key = res.Pagination.NextKey; key == nil {
				return out
			}
		}
	}
	if got, want := fmt.Sprint(collect("uusdt", 2)), "[25uusdt 90uusdt 250uusdt 900uusdt 100000uusdt 1000000uusdt]"; got != want {
		t.Fatalf("uusdt listings %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(collect("", 100)), "[1udmc 3udmc 25uusdt 90uusdt 250uusdt 900uusdt 100000uusdt 1000000uusdt]"; got != want {
		t.Fatalf("all listings %s, want %s", got, want)
	}
}

func TestEveryMoveRunsTheTransferHook(t *testing.T) {
	f := newFixture(t)
	rec := &recorder{}
	f.withHooks(rec)
	pid, aid := f.product(f.auctionApp(2, "10uusdt", time.Minute))
	f.bid(f.alice, aid, 2, "10uusdt")
	f.block(time.Minute)
	if len(rec.calls) != 1 || rec.calls[0] != fmt.Sprintf("created %d 1-2 %s", pid, f.alice.Addr) {
		t.Fatalf("hook calls after the auction %v", rec.calls)
	}
	if _, err := f.msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: f.alice.Addr.String(), NftId: 1, Recipient: f.bob.Addr.String()}); err != nil {
		t.Fatal(err)
	}
	f.list(f.alice, 2, "50uusdt")
	if _, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: f.bob.Addr.String(), NftId: 2, MaxPrice: coin("50uusdt")}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("transfer 1 %s>%s", f.alice.Addr, f.bob.Addr),
		fmt.Sprintf("transfer 2 %s>%s", f.alice.Addr, f.bob.Addr),
	}
	if fmt.Sprint(rec.calls[1:]) != fmt.Sprint(want) {
		t.Fatalf("hook calls %v, want %v", rec.calls[1:], want)
	}
	// A hook that refuses stops the move, and the sale with it.
	rec.refuse = true
	f.list(f.bob, 2, "60uusdt")
	ctx := f.ctx
	f.ctx, _ = ctx.CacheContext()
	_, err := f.msg.BuyListing(f.ctx, &types.MsgBuyListing{Buyer: f.alice.Addr.String(), NftId: 2, MaxPrice: coin("60uusdt")})
	f.ctx = ctx
	if err == nil {
		t.Fatal("a sale went through a refusing hook")
	}
	if n := f.getNFT(2); n.Owner != f.bob.Addr.String() {
		t.Fatalf("owner %s", n.Owner)
	}
}

func TestCollateralLockBlocksTransferAndListing(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(2, "1uusdt"))
	ids := f.buy(f.alice, pid, 2, "1uusdt")
	if err := f.k.LockNFT(f.ctx, ids[0], f.alice.Addr, "lending"); err != nil {
		t.Fatal(err)
	}
	f.check()
	if _, err := f.msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: f.alice.Addr.String(), NftId: ids[0], Recipient: f.bob.Addr.String()}); !types.ErrNFTLocked.Is(err) {
		t.Fatalf("transfer of a locked NFT: %v", err)
	}
	if _, err := f.msg.ListNFT(f.ctx, &types.MsgListNFT{Owner: f.alice.Addr.String(), NftId: ids[0], Price: coin("1uusdt")}); !types.ErrNFTLocked.Is(err) {
		t.Fatalf("listing a locked NFT: %v", err)
	}
	if err := f.k.UnlockNFT(f.ctx, ids[0], "someone-else"); !types.ErrNFTLocked.Is(err) {
		t.Fatalf("unlock by another holder: %v", err)
	}
	if err := f.k.UnlockNFT(f.ctx, ids[0], "lending"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.msg.TransferNFT(f.ctx, &types.MsgTransferNFT{Sender: f.alice.Addr.String(), NftId: ids[0], Recipient: f.bob.Addr.String()}); err != nil {
		t.Fatal(err)
	}
	f.check()
	// A listed NFT cannot be locked.
	f.list(f.alice, ids[1], "1uusdt")
	if err := f.k.LockNFT(f.ctx, ids[1], f.alice.Addr, "lending"); !types.ErrNFTListed.Is(err) {
		t.Fatalf("locking a listed NFT: %v", err)
	}
}
