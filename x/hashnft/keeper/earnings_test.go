package keeper_test

import (
	"testing"

	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// SPEC §4: a holder sees every NFT it owns with its power and earnings from one query. The
// earnings come from x/escrow's reward index (registered by the app with RegisterEarningsReader):
// earned = paid + pending, in the product's reward denom, per NFT; the one-NFT query shows them too.
func TestOwnerNFTsShowEarnings(t *testing.T) {
	f := newFixture(t)
	pid, _ := f.product(f.fixedApp(10, "100uusdt"))
	f.buy(f.alice, pid, 2, "100uusdt")
	f.buy(f.bob, pid, 1, "100uusdt")
	ems := escrowkeeper.NewMsgServerImpl(f.e.App.EscrowKeeper)
	// 3,001 aifil over 3 NFTs of 1 TiB: 1,000 each (the fraction stays in the positions).
	if _, err := ems.DepositRewards(f.ctx, &escrowtypes.MsgDepositRewards{Miner: f.miner.Addr.String(), ProductId: pid, Amount: coin("3001aifil")}); err != nil {
		t.Fatal(err)
	}
	nfts := f.owned(f.alice)
	if len(nfts) != 2 {
		t.Fatalf("alice owns %d NFTs", len(nfts))
	}
	for _, n := range nfts {
		e := n.Earnings
		if e == nil || n.Nft.Power.Int64() != 1 || n.PowerUnit != "TiB" {
			t.Fatalf("NFT %d: power %s %s, earnings %v", n.Nft.Id, n.Nft.Power, n.PowerUnit, e)
		}
		if e.Earned.String() != "1000aifil" || e.Pending.String() != "1000aifil" || !e.Paid.IsZero() || e.Paid.Denom != "aifil" {
			t.Fatalf("NFT %d before any payout: earned %s, paid %s, pending %s", n.Nft.Id, e.Earned, e.Paid, e.Pending)
		}
	}
	// alice claims one NFT: paid 1,000, pending 0, earned still 1,000; the other is unchanged.
	first := nfts[0].Nft.Id
	if _, err := ems.ClaimRewards(f.ctx, &escrowtypes.MsgClaimRewards{Holder: f.alice.Addr.String(), NftIds: []uint64{first}}); err != nil {
		t.Fatal(err)
	}
	res, err := f.query.NFT(f.ctx, &types.QueryNFTRequest{Id: first})
	if err != nil {
		t.Fatal(err)
	}
	if e := res.Nft.Earnings; e == nil || e.Earned.String() != "1000aifil" || e.Paid.String() != "1000aifil" || !e.Pending.IsZero() {
		t.Fatalf("claimed NFT's earnings %v", res.Nft.Earnings)
	}
	if e := f.owned(f.alice)[1].Earnings; e.Pending.String() != "1000aifil" || !e.Paid.IsZero() {
		t.Fatalf("unclaimed NFT's earnings %v", e)
	}
	// The same figures as x/escrow's own holder query.
	hr, err := escrowkeeper.NewQueryServerImpl(f.e.App.EscrowKeeper).HolderRewards(f.ctx, &escrowtypes.QueryHolderRewardsRequest{Holder: f.bob.Addr.String()})
	if err != nil {
		t.Fatal(err)
	}
	if e := f.owned(f.bob)[0].Earnings; len(hr.Nfts) != 1 || !hr.Nfts[0].Earned.Equal(e.Earned) || !hr.Nfts[0].Pending.Equal(e.Pending) {
		t.Fatalf("bob: hashnft %v, escrow %v", e, hr.Nfts)
	}
}
