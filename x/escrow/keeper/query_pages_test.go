package keeper_test

import (
	"fmt"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// A holder with NFTs in several products, bought in turns so that the products' ids interleave,
// plus more than a page's maximum of NFTs: the holder rewards query pages through them by key
// (next_key, not an NFT id in offset), each once, another holder's NFTs and an NFT without an
// escrow position left out.
func TestHolderRewardsPagesAcrossProducts(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.e.Accounts[1], f.e.Accounts[2]
	p1, p2, p3 := f.product(10, 30, "f01234"), f.product(10, 30, "f05678"), f.product(10, 30, "f01111")
	f.buy(alice, p1, 2)
	f.buy(bob, p2, 1)
	f.buy(alice, p2, 2)
	f.buy(alice, p3, 1)
	f.buy(alice, p1, 1)
	f.buy(bob, p1, 1)

	ctx, _ := f.e.Ctx().CacheContext()
	hk, ek := f.e.App.HashnftKeeper, f.e.App.EscrowKeeper
	var want []string
	products := map[uint64]bool{}
	err := hk.WalkOwnerNFTs(ctx, alice.Addr, func(n hashnfttypes.NFT) (bool, error) {
		if has, err := ek.Positions.Has(ctx, n.Id); err != nil || !has {
			return err != nil, err
		}
		want = append(want, fmt.Sprint(n.Id))
		products[n.ProductId] = true
		return false, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 6 || len(products) != 3 {
		t.Fatalf("alice holds %v in %d products, want 6 NFTs with positions in 3", want, len(products))
	}
	// More than a page's maximum, in p2; the last one without an escrow position.
	n0, err := hk.NFTs.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	extra := pagination.MaxLimit + 5
	for i := uint64(0); i <= extra; i++ {
		n := n0
		n.Id, n.ProductId, n.Serial, n.Owner = 100_000+i, p2, 100+i, alice.Addr.String()
		if err := hk.NFTs.Set(ctx, n.Id, n); err != nil {
			t.Fatal(err)
		}
		if i == extra {
			break
		}
		pos := types.Position{NftId: n.Id, ProductId: p2, Entry: math.ZeroInt(), OwedScaled: math.ZeroInt(), Paid: math.ZeroInt()}
		if err := ek.Positions.Set(ctx, n.Id, pos); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprint(n.Id))
	}
	testutil.CheckPages(t, want, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
		res, err := f.q.HolderRewards(ctx, &types.QueryHolderRewardsRequest{Holder: alice.Addr.String(), Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		var ids []string
		for _, r := range res.Nfts {
			if r.Earned.Denom != "aifil" {
				return nil, nil, fmt.Errorf("NFT %d earns %s, want aifil", r.NftId, r.Earned)
			}
			ids = append(ids, fmt.Sprint(r.NftId))
		}
		return ids, res.Pagination, nil
	})
}

// A miner's record lists every one of its products, past the 1,000 it stopped at, a page at a
// time; another miner's products are not on it.
func TestMinerRecordPagesPastAThousandProducts(t *testing.T) {
	f := newFixture(t)
	ctx, _ := f.e.Ctx().CacheContext()
	ek := f.e.App.EscrowKeeper
	miner, other := f.e.Accounts[1].Addr, f.e.Accounts[2].Addr
	var want []string
	for id := uint64(1); id <= 2*pagination.MaxLimit+10; id++ {
		owner := miner
		if id%3 == 0 {
			owner = other
		} else {
			want = append(want, fmt.Sprint(id))
		}
		e := types.ProductEscrow{ProductId: id, Miner: owner.String(), RewardDenom: "aifil", Status: types.ESCROW_STATUS_ACTIVE,
			TotalPower: math.ZeroInt(), Index: math.ZeroInt(), Residual: math.ZeroInt(), Deposited: math.NewIntFromUint64(id),
			RewardsPaid: math.ZeroInt(), DepositedToday: math.ZeroInt()}
		if err := ek.Escrows.Set(ctx, id, e); err != nil {
			t.Fatal(err)
		}
		if err := ek.MinerProducts.Set(ctx, collections.Join(owner, id)); err != nil {
			t.Fatal(err)
		}
	}
	if uint64(len(want)) <= pagination.MaxLimit {
		t.Fatalf("%d products: want more than %d", len(want), pagination.MaxLimit)
	}
	testutil.CheckPages(t, want, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
		res, err := f.q.MinerRecord(ctx, &types.QueryMinerRecordRequest{Miner: miner.String(), Pagination: page})
		if err != nil {
			return nil, nil, err
		}
		var ids []string
		for _, p := range res.Products {
			if p.Deposited != fmt.Sprintf("%daifil", p.ProductId) {
				return nil, nil, fmt.Errorf("product %d deposited %q", p.ProductId, p.Deposited)
			}
			ids = append(ids, fmt.Sprint(p.ProductId))
		}
		return ids, res.Pagination, nil
	})
}

// A day's close emits what it released and what was deposited as coin strings ("100aifil"), the
// deposit included when it is zero ("0aifil"), never a bare integer.
func TestEscrowEventAmountsAreCoins(t *testing.T) {
	f := newFixture(t)
	p := f.product(4, 30, "f01234")
	f.buy(f.e.Accounts[1], p, 2)
	res := f.e.MustDeliver(f.miner, &types.MsgDepositRewards{Miner: f.miner.Addr.String(), ProductId: p, Amount: sdk.NewInt64Coin("aifil", 1_000)})
	if c := testutil.EventCoin(t, res.Events, "dmex.escrow.v1.EventRewardsDeposited", "amount"); c.String() != "1000aifil" {
		t.Fatalf("deposited %s, want 1000aifil", c)
	}
	var closed []string
	for i := 0; i < 6; i++ {
		var events []abci.Event
		if i == 0 {
			events = f.e.NextBlockAt(f.e.Ctx().BlockTime().Add(day)).Events
		} else {
			events = f.e.NextBlock().Events
		}
		if s := testutil.EventAttr(events, "dmex.escrow.v1.EventDayClosed", "deposited"); s != "" {
			testutil.EventCoin(t, events, "dmex.escrow.v1.EventDayClosed", "released")
			closed = append(closed, s)
		}
	}
	if len(closed) == 0 {
		t.Fatal("no day closed")
	}
	for _, s := range closed {
		if c, err := sdk.ParseCoinNormalized(s); err != nil || c.Denom != "aifil" {
			t.Fatalf("EventDayClosed deposited %q (%v), want an aifil coin", s, err)
		}
	}
}
