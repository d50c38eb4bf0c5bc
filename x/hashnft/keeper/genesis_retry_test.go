package keeper_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// An auction whose settlement failed keeps its retry due and failure count across an export and
// import (genesis queue_retries), so the bound of keeper.SettleTries holds on the new chain.
func TestQueueRetriesSurviveExportImport(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 3, NodePower: nodePower})
	miner, alice := e.Accounts[0], e.Accounts[1]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	p, _ := k.Params.Get(e.Ctx())
	p.AcceptedDenoms = append(p.AcceptedDenoms, "uusdt")
	e.CouncilPropose(4, &types.MsgUpdateParams{Authority: auth.String(), Params: p})
	e.MustDeliver(miner, &types.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: i64(1), Count: 10,
		TermDays: 360, SaleMode: types.SALE_MODE_AUCTION, Price: coin("100uusdt"), AuctionDuration: time.Hour, Disclosure: disclosure(),
	})
	e.CouncilPropose(4, &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1})
	e.MustDeliver(alice, &types.MsgPlaceBid{Bidder: alice.Addr.String(), AuctionId: 1, Quantity: 2, UnitPrice: coin("150uusdt")})
	// Settlement cannot create the NFTs: x/escrow has no reward denom for FIL.
	ep, _ := e.App.EscrowKeeper.Params.Get(e.Ctx())
	ep.RewardDenoms = nil
	if err := e.App.EscrowKeeper.Params.Set(e.Ctx(), ep); err != nil {
		t.Fatal(err)
	}
	e.PassTime(time.Hour)
	e.NextBlock()
	var failed []queue.Item[time.Time]
	if err := k.AuctionQueue.Walk(e.Ctx(), func(it queue.Item[time.Time]) (bool, error) { failed = append(failed, it); return false, nil }); err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].Failures != 1 {
		t.Fatalf("auction queue after a failed settlement %+v", failed)
	}
	gsA, err := k.ExportGenesis(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	if len(gsA.QueueRetries) != 1 || gsA.QueueRetries[0].Queue != "auction_queue" || gsA.QueueRetries[0].Failures != 1 ||
		!gsA.QueueRetries[0].Due.Equal(failed[0].Due) {
		t.Fatalf("exported retries %+v", gsA.QueueRetries)
	}

	exported, err := e.App.ExportAppStateAndValidators(false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(testutil.ChainID))
	params := *simtestutil.DefaultConsensusParams
	if _, err := b.InitChain(&abci.RequestInitChain{ChainId: testutil.ChainID, AppStateBytes: exported.AppState,
		ConsensusParams: &params, InitialHeight: exported.Height}); err != nil {
		t.Fatal(err)
	}
	next := e.Ctx().BlockTime().Add(e.BlockTime)
	if _, err := b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: exported.Height, Time: next}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	e.NextBlockAt(next)
	ctxB := b.NewUncachedContext(false, cmtproto.Header{Height: exported.Height, Time: next})
	var got []queue.Item[time.Time]
	if err := b.HashnftKeeper.AuctionQueue.Walk(ctxB, func(it queue.Item[time.Time]) (bool, error) { got = append(got, it); return false, nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != failed[0] {
		t.Fatalf("auction queue after import %+v, want %+v", got, failed)
	}
	if err := b.HashnftKeeper.CheckBooks(ctxB); err != nil {
		t.Fatalf("books after import: %v", err)
	}
	gsB, err := b.HashnftKeeper.ExportGenesis(ctxB)
	if err != nil {
		t.Fatal(err)
	}
	if gsA, err = k.ExportGenesis(e.Ctx()); err != nil {
		t.Fatal(err)
	}
	if gsA.String() != gsB.String() {
		t.Fatal("x/hashnft state differs after export and import")
	}
}
