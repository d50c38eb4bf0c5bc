package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

func TestApplicationApprovedCreatesTheProductAndRefundsTheDeposit(t *testing.T) {
	f := newFixture(t)
	deposit := types.DefaultParams().ApplicationDeposit
	before := f.balance(f.miner.Addr, "udmc")
	id := f.apply(f.fixedApp(100, "50000000uusdt"))
	eq(t, "miner after applying", f.balance(f.miner.Addr, "udmc"), before.Sub(deposit.Amount))
	eq(t, "hashnft account", f.moduleBalance(types.ModuleName, "udmc"), deposit.Amount)
	f.check()

	res := f.approve(id)
	eq(t, "miner after approval", f.balance(f.miner.Addr, "udmc"), before)
	p := f.getProduct(res.ProductId)
	if p.Count != 100 || p.SaleMode != types.SALE_MODE_FIXED_PRICE || !p.Price.Equal(coin("50000000uusdt")) ||
		p.Status != types.PRODUCT_STATUS_ACTIVE || p.Sold != 0 || p.Miner != f.miner.Addr.String() {
		t.Fatalf("product %+v", p)
	}
	if !p.TermStart.Equal(f.ctx.BlockTime()) || !p.TermEnd.Equal(p.TermStart.Add(360*24*time.Hour)) {
		t.Fatalf("term %s..%s at %s", p.TermStart, p.TermEnd, f.ctx.BlockTime())
	}
	app, _ := f.query.Application(f.ctx, &types.QueryApplicationRequest{Id: id})
	if app.Application.Status != types.APPLICATION_STATUS_APPROVED || app.Application.ProductId != p.Id {
		t.Fatalf("application %+v", app.Application)
	}
	// No NFT exists until one is sold.
	if got := f.owned(f.miner); len(got) != 0 {
		t.Fatalf("the miner holds %d NFTs", len(got))
	}
	power, _ := f.query.MinerPower(f.ctx, &types.QueryMinerPowerRequest{Miner: f.miner.Addr.String()})
	if !power.Powers[0].Power.Power.Equal(i64(100)) {
		t.Fatalf("miner power %+v", power.Powers)
	}
}

func TestApplicationRejectedSendsTheDepositToTheRiskFund(t *testing.T) {
	f := newFixture(t)
	deposit := types.DefaultParams().ApplicationDeposit
	fund := f.moduleBalance(modaccounts.RiskFund, "udmc")
	id := f.apply(f.fixedApp(10, "1uusdt"))
	if _, err := f.msg.RejectApplication(f.ctx, &types.MsgRejectApplication{Authority: f.auth, ApplicationId: id, Reason: "no disclosure documents"}); err != nil {
		t.Fatal(err)
	}
	f.check()
	eq(t, "risk fund", f.moduleBalance(modaccounts.RiskFund, "udmc"), fund.Add(deposit.Amount))
	eq(t, "hashnft account", f.moduleBalance(types.ModuleName, "udmc"), math.ZeroInt())
	a, _ := f.query.Application(f.ctx, &types.QueryApplicationRequest{Id: id})
	if a.Application.Status != types.APPLICATION_STATUS_REJECTED || a.Application.Reason != "no disclosure documents" {
		t.Fatalf("application %+v", a.Application)
	}
	// Its power no longer counts against the cap.
	power, _ := f.query.MinerPower(f.ctx, &types.QueryMinerPowerRequest{Miner: f.miner.Addr.String()})
	if !power.Powers[0].Power.Power.IsZero() {
		t.Fatalf("miner power %+v after rejection", power.Powers)
	}
}

// An application nobody decides expires after the ttl: its deposit goes back (no coin locked
// forever), its power is released.
func TestUndecidedApplicationExpiresAndIsRefunded(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.ApplicationTtl = time.Hour })
	before := f.balance(f.miner.Addr, "udmc")
	id := f.apply(f.fixedApp(10, "1uusdt"))
	f.block(59 * time.Minute)
	if a, _ := f.k.Applications.Get(f.ctx, id); a.Status != types.APPLICATION_STATUS_PENDING {
		t.Fatalf("status %s before the ttl", a.Status)
	}
	f.block(time.Minute)
	a, _ := f.k.Applications.Get(f.ctx, id)
	if a.Status != types.APPLICATION_STATUS_EXPIRED {
		t.Fatalf("status %s after the ttl", a.Status)
	}
	eq(t, "miner refunded", f.balance(f.miner.Addr, "udmc"), before)
	if _, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id}); !types.ErrApplicationNotPending.Is(err) {
		t.Fatalf("approving an expired application: %v", err)
	}
}

func TestPowerCapCountsPendingAndActiveAndFreesOnRetire(t *testing.T) {
	f := newFixture(t)
	f.params(func(p *types.Params) { p.PowerCaps[0].MaxPowerPerMiner = math.NewInt(100) })
	a1 := f.apply(f.fixedApp(60, "1uusdt"))
	// 60 pending + 50 > 100.
	if _, err := f.msg.ApplyProduct(f.ctx, f.fixedApp(50, "1uusdt")); !types.ErrPowerCapExceeded.Is(err) {
		t.Fatalf("second application over the cap: %v", err)
	}
	// Other chains have their own cap (x/escrow pays BTC rewards here).
	f.rewardDenom("BTC", "uhbtc")
	btc := f.fixedApp(50, "1uusdt")
	btc.Chain, btc.PowerUnit, btc.NodeId = "BTC", "TH/s", "antpool-7"
	f.apply(btc)
	// Another miner is not affected.
	other := f.fixedApp(100, "1uusdt")
	other.Miner, other.NodeId = f.bob.Addr.String(), "f09993" // a node the oracle attests no owner for
	f.apply(other)

	p1 := f.approve(a1).ProductId
	f.apply(f.fixedApp(40, "1uusdt")) // 60 + 40 = 100: at the cap exactly
	if _, err := f.msg.ApplyProduct(f.ctx, f.fixedApp(1, "1uusdt")); !types.ErrPowerCapExceeded.Is(err) {
		t.Fatalf("application above the cap: %v", err)
	}
	// Selling 10 and retiring the other 50 unsold frees 50.
	f.buy(f.alice, p1, 10, "1uusdt")
	if _, err := f.msg.RetireUnsold(f.ctx, &types.MsgRetireUnsold{Miner: f.miner.Addr.String(), ProductId: p1}); err != nil {
		t.Fatal(err)
	}
	f.check()
	if p := f.getProduct(p1); p.Retired != 50 || p.Unsold() != 0 || p.SaleMode != types.SALE_MODE_UNSPECIFIED {
		t.Fatalf("product after retiring %+v", p)
	}
	f.apply(f.fixedApp(50, "1uusdt"))
	if _, err := f.msg.ApplyProduct(f.ctx, f.fixedApp(1, "1uusdt")); !types.ErrPowerCapExceeded.Is(err) {
		t.Fatalf("application above the cap again: %v", err)
	}
}

// The authority lowering the cap below what a miner has pending makes the approval fail; the
// application stays pending (and can be rejected or expire).
func TestApprovalRechecksTheCap(t *testing.T) {
	f := newFixture(t)
	id := f.apply(f.fixedApp(100, "1uusdt"))
	f.params(func(p *types.Params) { p.PowerCaps[0].MaxPowerPerMiner = math.NewInt(99) })
	if _, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id}); !types.ErrPowerCapExceeded.Is(err) {
		t.Fatalf("approval above a lowered cap: %v", err)
	}
}

func TestApplicationsQueryByStatusAndMiner(t *testing.T) {
	f := newFixture(t)
	a1 := f.apply(f.fixedApp(1, "1uusdt"))
	f.apply(f.fixedApp(1, "1uusdt"))
	other := f.fixedApp(1, "1uusdt")
	other.Miner, other.NodeId = f.bob.Addr.String(), "f09993" // f01234 is the miner's (oracle)
	a3 := f.apply(other)
	f.approve(a1)
	for _, tc := range []struct {
		name string
		req  types.QueryApplicationsRequest
		want []uint64
	}{
		{"all", types.QueryApplicationsRequest{}, []uint64{1, 2, 3}},
		{"pending", types.QueryApplicationsRequest{Status: types.APPLICATION_STATUS_PENDING}, []uint64{2, 3}},
		{"approved", types.QueryApplicationsRequest{Status: types.APPLICATION_STATUS_APPROVED}, []uint64{1}},
		{"by miner", types.QueryApplicationsRequest{Miner: f.miner.Addr.String()}, []uint64{1, 2}},
		{"by miner and status", types.QueryApplicationsRequest{Miner: f.bob.Addr.String(), Status: types.APPLICATION_STATUS_PENDING}, []uint64{a3}},
		{"none", types.QueryApplicationsRequest{Miner: f.bob.Addr.String(), Status: types.APPLICATION_STATUS_REJECTED}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := f.query.Applications(f.ctx, &tc.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []uint64
			for _, a := range res.Applications {
				got = append(got, a.Id)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}
