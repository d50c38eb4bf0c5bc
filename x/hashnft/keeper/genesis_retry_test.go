package keeper_test

import (
	"testing"
	"time"

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

	// The imported chain has the same state, queue retries included (testutil.RoundTrip), and the
	// auction's retry is still due there.
	imported := e.RoundTrip()
	var got []queue.Item[time.Time]
	if err := imported.App.HashnftKeeper.AuctionQueue.Walk(imported.Ctx(), func(it queue.Item[time.Time]) (bool, error) { got = append(got, it); return false, nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != failed[0] {
		t.Fatalf("auction queue after import %+v, want %+v", got, failed)
	}
}
