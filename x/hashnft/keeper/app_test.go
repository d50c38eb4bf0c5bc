package keeper_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// The whole path through the real app, by transactions, with every module's books checked after
// every block: the council (4 of 7) sets the payment denoms and approves two applications and
// rejects a third; a buyer buys at a fixed price; an auction is bid on and settles; a holder
// lists and another buys. Then the chain is exported and re-imported and continues identically.
func TestMarketThroughTheCouncilAndTheApp(t *testing.T) {
	// The oracle finalized the nodes' power before genesis (approval checks it, SPEC §10).
	e := testutil.New(t, testutil.Options{Accounts: 4, NodePower: map[string]int64{"f01234": 1_000, "f05678": 1_000}})
	miner, alice, bob, carol := e.Accounts[0], e.Accounts[1], e.Accounts[2], e.Accounts[3]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	q := keeper.NewQueryServerImpl(k)

	p, _ := k.Params.Get(e.Ctx())
	p.AcceptedDenoms = append(p.AcceptedDenoms, "uusdt")
	e.CouncilPropose(4, &types.MsgUpdateParams{Authority: auth.String(), Params: p})
	if got, _ := k.Params.Get(e.Ctx()); len(got.AcceptedDenoms) != 2 {
		t.Fatalf("accepted denoms %v after the council's proposal", got.AcceptedDenoms)
	}

	apply := func(mode types.SaleMode, d time.Duration, node string) {
		e.MustDeliver(miner, &types.MsgApplyProduct{
			Miner: miner.Addr.String(), Chain: "FIL", NodeId: node, PowerUnit: "TiB", PowerPerNft: i64(4), Count: 10,
			TermDays: 540, SaleMode: mode, Price: coin("1000000uusdt"), AuctionDuration: d, Disclosure: disclosure(),
		})
	}
	apply(types.SALE_MODE_FIXED_PRICE, 0, "f01234")
	apply(types.SALE_MODE_AUCTION, time.Minute, "f05678")
	apply(types.SALE_MODE_FIXED_PRICE, 0, "f09999")
	fund := e.App.BankKeeper.GetBalance(e.Ctx(), authtypes.NewModuleAddress(modaccounts.RiskFund), "udmc").Amount
	e.CouncilPropose(4,
		&types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1},
		&types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 2},
		&types.MsgRejectApplication{Authority: auth.String(), ApplicationId: 3, Reason: "node f09999 has no power on chain"},
	)
	products, _ := q.Products(e.Ctx(), &types.QueryProductsRequest{})
	if len(products.Products) != 2 {
		t.Fatalf("%d products after the council approved two", len(products.Products))
	}
	eq(t, "risk fund", e.App.BankKeeper.GetBalance(e.Ctx(), authtypes.NewModuleAddress(modaccounts.RiskFund), "udmc").Amount,
		fund.Add(types.DefaultParams().ApplicationDeposit.Amount))
	// The council approving application 1 again: its proposal executes and the message fails,
	// changing nothing.
	e.CouncilPropose(4, &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1})
	if products, _ := q.Products(e.Ctx(), &types.QueryProductsRequest{}); len(products.Products) != 2 {
		t.Fatalf("%d products after approving twice", len(products.Products))
	}

	e.MustDeliver(alice, &types.MsgBuyNFTs{Buyer: alice.Addr.String(), ProductId: 1, Quantity: 3, MaxUnitPrice: coin("1000000uusdt")})
	auction := products.Products[1].AuctionId
	e.MustDeliver(bob, &types.MsgPlaceBid{Bidder: bob.Addr.String(), AuctionId: auction, Quantity: 6, UnitPrice: coin("1500000uusdt")})
	e.MustDeliver(carol, &types.MsgPlaceBid{Bidder: carol.Addr.String(), AuctionId: auction, Quantity: 6, UnitPrice: coin("1200000uusdt")})
	e.PassTime(time.Minute)
	a, _ := q.Auction(e.Ctx(), &types.QueryAuctionRequest{Id: auction})
	if a.Auction.Status != types.AUCTION_STATUS_SETTLED || !a.Auction.ClearingPrice.Equal(coin("1200000uusdt")) || a.Auction.Sold != 10 {
		t.Fatalf("auction after its end %+v", a.Auction)
	}
	bobs, _ := q.NFTsByOwner(e.Ctx(), &types.QueryNFTsByOwnerRequest{Owner: bob.Addr.String()})
	if len(bobs.Nfts) != 6 || !bobs.Nfts[0].Nft.Power.Equal(i64(4)) {
		t.Fatalf("bob's NFTs %+v", bobs.Nfts)
	}

	alices, _ := q.NFTsByOwner(e.Ctx(), &types.QueryNFTsByOwnerRequest{Owner: alice.Addr.String()})
	nft := alices.Nfts[0].Nft.Id
	e.MustDeliver(alice, &types.MsgListNFT{Owner: alice.Addr.String(), NftId: nft, Price: coin("2000000uusdt")})
	before := e.App.BankKeeper.GetBalance(e.Ctx(), alice.Addr, "uusdt").Amount
	e.MustDeliver(carol, &types.MsgBuyListing{Buyer: carol.Addr.String(), NftId: nft, MaxPrice: coin("2000000uusdt")})
	eq(t, "seller paid", e.App.BankKeeper.GetBalance(e.Ctx(), alice.Addr, "uusdt").Amount.Sub(before), i64(1_980_000))
	// A failing transaction is a clear error through the app too, and changes nothing.
	if res := e.Deliver(bob, &types.MsgTransferNFT{Sender: bob.Addr.String(), NftId: nft, Recipient: alice.Addr.String()}); res.Code != types.ErrNotOwner.ABCICode() {
		t.Fatalf("transfer of carol's NFT by bob: code %d %s", res.Code, res.Log)
	}
	e.MustDeliver(carol, &types.MsgTransferNFT{Sender: carol.Addr.String(), NftId: nft, Recipient: bob.Addr.String()})
	e.MustDeliver(bob, &types.MsgListNFT{Owner: bob.Addr.String(), NftId: bobs.Nfts[1].Nft.Id, Price: coin("3000000uusdt")})
	if res := e.Deliver(bob, &types.MsgPlaceBid{Bidder: bob.Addr.String(), AuctionId: auction, Quantity: 1, UnitPrice: coin("1uusdt")}); res.Code != types.ErrAuctionClosed.ABCICode() {
		t.Fatalf("bid after the end: code %d %s", res.Code, res.Log)
	}
	// The council spends part of the platform revenue (x/dmc's ledger) to the miner.
	minerUSDT := e.App.BankKeeper.GetBalance(e.Ctx(), miner.Addr, "uusdt").Amount
	e.CouncilPropose(4, &dmctypes.MsgSpendRevenue{Authority: auth.String(), Recipient: miner.Addr.String(), Amount: coin("20000uusdt")})
	eq(t, "revenue spent to the miner", e.App.BankKeeper.GetBalance(e.Ctx(), miner.Addr, "uusdt").Amount.Sub(minerUSDT), i64(20_000))
	e.NextBlock()

	// Export, import into a fresh app, and continue: every module's books hold and its state is
	// the same on both chains after the next block (testutil.RoundTrip).
	imported := e.RoundTrip()
	ctxB := imported.Ctx()
	if err := imported.App.HashnftKeeper.CheckRegistry(ctxB); err != nil {
		t.Fatalf("registry after import: %v", err)
	}
	// The imported chain keeps the queues: the owner index and a purchase work as before.
	qb := keeper.NewQueryServerImpl(imported.App.HashnftKeeper)
	bobsB, err := qb.NFTsByOwner(ctxB, &types.QueryNFTsByOwnerRequest{Owner: bob.Addr.String()})
	if err != nil || len(bobsB.Nfts) != 7 {
		t.Fatalf("bob's NFTs on the imported chain: %d %v", len(bobsB.Nfts), err)
	}
	mp, _ := qb.MinerPower(ctxB, &types.QueryMinerPowerRequest{Miner: miner.Addr.String()})
	if !mp.Powers[0].Power.Power.Equal(i64(80)) {
		t.Fatalf("miner power after import %s, want 2 products × 10 × 4 TiB", mp.Powers[0].Power.Power)
	}
	// x/dmc's revenue ledger carries every figure across the export: the channel fees (2% of
	// 3 × 1 USDT and of 10 × 1.2 USDT) and the trading fee (1% of 2 USDT) per denom and source,
	// the council's spend, the same on both chains; the imported revenue account holds the rest.
	want := dmctypes.RevenueDenom{Denom: "uusdt", Balance: i64(300_000), Debited: []dmctypes.RevenueFlow{
		{Denom: "uusdt", Name: modaccounts.UseAuthoritySpend, Amount: i64(20_000)},
	}, Credited: []dmctypes.RevenueFlow{
		{Denom: "uusdt", Name: modaccounts.SourceChannelFee, Amount: i64(300_000)},
		{Denom: "uusdt", Name: modaccounts.SourceTradingFee, Amount: i64(20_000)},
	}}
	for name, c := range map[string]struct {
		k   dmckeeper.Keeper
		ctx sdk.Context
	}{"exported": {e.App.DmcKeeper, e.Ctx()}, "imported": {imported.App.DmcKeeper, ctxB}} {
		rev, err := dmckeeper.NewQueryServerImpl(c.k).Revenue(c.ctx, &dmctypes.QueryRevenueRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rev.Revenue) != 1 || rev.Revenue[0].String() != want.String() {
			t.Fatalf("%s chain's revenue %v, want %v", name, rev.Revenue, want)
		}
	}
	if err := imported.App.DmcKeeper.CheckRevenue(ctxB); err != nil {
		t.Fatalf("revenue books after import: %v", err)
	}
}
