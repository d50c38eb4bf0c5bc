package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	"github.com/dmexchain/dmex/x/hashnft/keeper"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// fixture is a real app with a cached context in which keeper calls run directly, as if in
// consecutive blocks; f.block advances the block time and runs the EndBlocker.
type fixture struct {
	t     *testing.T
	e     *testutil.Env
	ctx   sdk.Context
	k     keeper.Keeper
	msg   types.MsgServer
	query types.QueryServer
	auth  string
	miner *testutil.Account
	alice *testutil.Account
	bob   *testutil.Account
}

// nodePower is the power (TiB) the oracle finalized before genesis for the nodes the tests sell:
// the FIL cap, so that the app's power check at approval (SPEC §10) passes for any product the
// cap admits. oracle_power_test.go checks the refusals with a node of its own.
var nodePower = map[string]int64{"f01234": 10_000, "f09990": 10_000, "f09991": 10_000, "f09992": 10_000}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	e := testutil.New(t, testutil.Options{Accounts: 4, NodePower: nodePower})
	ctx, _ := e.Ctx().CacheContext()
	auth, err := e.App.DaoKeeper.GetAuthority(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{
		t: t, e: e, ctx: ctx, k: e.App.HashnftKeeper, auth: auth.String(),
		miner: e.Accounts[0], alice: e.Accounts[1], bob: e.Accounts[2],
	}
	f.msg, f.query = keeper.NewMsgServerImpl(f.k), keeper.NewQueryServerImpl(f.k)
	// The demo stable coin is a payment denom here, as on the local network.
	f.params(func(p *types.Params) { p.AcceptedDenoms = []string{"uusdt", "udmc"} })
	return f
}

// withHooks rebuilds the servers on a keeper of the same store with only the given hooks (the
// app's own hooks, if any, are left out).
func (f *fixture) withHooks(h types.NFTHooks) {
	a := f.e.App
	k := keeper.NewKeeper(a.AppCodec(), runtime.NewKVStoreService(a.GetKey(types.StoreKey)), a.DaoKeeper, a.AccountKeeper, a.BankKeeper, a.DmcKeeper, nil)
	k.RegisterNFTHooks(h)
	f.k, f.msg, f.query = k, keeper.NewMsgServerImpl(k), keeper.NewQueryServerImpl(k)
}

func (f *fixture) params(edit func(*types.Params)) {
	f.t.Helper()
	p, err := f.k.Params.Get(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	edit(&p)
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p}); err != nil {
		f.t.Fatal(err)
	}
}

func coin(s string) sdk.Coin {
	c, err := sdk.ParseCoinNormalized(s)
	if err != nil {
		panic(err)
	}
	return c
}

func disclosure() types.Disclosure {
	return types.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1234567", Contact: "ops@acme.example", Uri: "https://acme.example"}
}

// fixedApp is an application for count NFTs of 1 TiB for 360 days at price each.
func (f *fixture) fixedApp(count uint64, price string) *types.MsgApplyProduct {
	return &types.MsgApplyProduct{
		Miner: f.miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: math.NewInt(1),
		Count: count, TermDays: 360, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin(price), Disclosure: disclosure(),
	}
}

func (f *fixture) auctionApp(count uint64, reserve string, d time.Duration) *types.MsgApplyProduct {
	m := f.fixedApp(count, reserve)
	m.SaleMode, m.AuctionDuration = types.SALE_MODE_AUCTION, d
	return m
}

func (f *fixture) apply(m *types.MsgApplyProduct) uint64 {
	f.t.Helper()
	res, err := f.msg.ApplyProduct(f.ctx, m)
	if err != nil {
		f.t.Fatal(err)
	}
	return res.ApplicationId
}

func (f *fixture) approve(appID uint64) *types.MsgApproveApplicationResponse {
	f.t.Helper()
	res, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: appID})
	if err != nil {
		f.t.Fatal(err)
	}
	f.check()
	return res
}

// product applies and approves; it returns the product (and auction) id.
func (f *fixture) product(m *types.MsgApplyProduct) (uint64, uint64) {
	f.t.Helper()
	res := f.approve(f.apply(m))
	return res.ProductId, res.AuctionId
}

func (f *fixture) buy(a *testutil.Account, productID, n uint64, maxPrice string) []uint64 {
	f.t.Helper()
	res, err := f.msg.BuyNFTs(f.ctx, &types.MsgBuyNFTs{Buyer: a.Addr.String(), ProductId: productID, Quantity: n, MaxUnitPrice: coin(maxPrice)})
	if err != nil {
		f.t.Fatal(err)
	}
	f.check()
	return res.NftIds
}

func (f *fixture) bid(a *testutil.Account, auctionID, n uint64, price string) uint64 {
	f.t.Helper()
	res, err := f.msg.PlaceBid(f.ctx, &types.MsgPlaceBid{Bidder: a.Addr.String(), AuctionId: auctionID, Quantity: n, UnitPrice: coin(price)})
	if err != nil {
		f.t.Fatal(err)
	}
	f.check()
	return res.BidId
}

func (f *fixture) list(a *testutil.Account, nftID uint64, price string) {
	f.t.Helper()
	if _, err := f.msg.ListNFT(f.ctx, &types.MsgListNFT{Owner: a.Addr.String(), NftId: nftID, Price: coin(price)}); err != nil {
		f.t.Fatal(err)
	}
	f.check()
}

// block moves the block time forward by d and runs the EndBlocker, then checks the books.
func (f *fixture) block(d time.Duration) {
	f.t.Helper()
	f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(d)).WithBlockHeight(f.ctx.BlockHeight() + 1)
	if err := f.k.EndBlocker(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	f.check()
}

func (f *fixture) check() {
	f.t.Helper()
	if err := f.k.CheckBooks(f.ctx); err != nil {
		f.t.Fatalf("books: %v", err)
	}
	if err := f.k.CheckRegistry(f.ctx); err != nil {
		f.t.Fatalf("registry: %v", err)
	}
	// The fees went through x/dmc's revenue ledger: its account holds what the ledger says.
	if err := f.e.App.DmcKeeper.CheckRevenue(f.ctx); err != nil {
		f.t.Fatalf("revenue ledger: %v", err)
	}
}

func (f *fixture) balance(addr sdk.AccAddress, denom string) math.Int {
	return f.e.App.BankKeeper.GetBalance(f.ctx, addr, denom).Amount
}

func (f *fixture) moduleBalance(name, denom string) math.Int {
	return f.balance(authtypes.NewModuleAddress(name), denom)
}

func (f *fixture) revenue(denom string) math.Int {
	return f.moduleBalance(modaccounts.Revenue, denom)
}

// credited is what x/dmc's revenue ledger records as paid in by source in denom.
func (f *fixture) credited(source, denom string) math.Int {
	f.t.Helper()
	res, err := dmckeeper.NewQueryServerImpl(f.e.App.DmcKeeper).Revenue(f.ctx, &dmctypes.QueryRevenueRequest{Denom: denom, Source: source})
	if err != nil {
		f.t.Fatal(err)
	}
	if len(res.Revenue) == 0 {
		return math.ZeroInt()
	}
	return res.Revenue[0].Credited[0].Amount
}

func (f *fixture) getProduct(id uint64) types.Product {
	f.t.Helper()
	p, err := f.k.Products.Get(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *fixture) getNFT(id uint64) types.NFT {
	f.t.Helper()
	n, err := f.k.GetNFT(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) auction(id uint64) *types.QueryAuctionResponse {
	f.t.Helper()
	res, err := f.query.Auction(f.ctx, &types.QueryAuctionRequest{Id: id})
	if err != nil {
		f.t.Fatal(err)
	}
	return res
}

func (f *fixture) owned(a *testutil.Account) []types.NFTInfo {
	f.t.Helper()
	res, err := f.query.NFTsByOwner(f.ctx, &types.QueryNFTsByOwnerRequest{Owner: a.Addr.String()})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Nfts
}

func eq(t *testing.T, what string, got, want math.Int) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s: %s, want %s", what, got, want)
	}
}

func i64(v int64) math.Int { return math.NewInt(v) }
