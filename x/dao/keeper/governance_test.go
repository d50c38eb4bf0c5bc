package keeper_test

import (
	"errors"
	"testing"

	"cosmossdk.io/math"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// governable is one authority message of SPEC §9: msg builds it for an authority, applied says
// whether it took effect. Rows run in order on one chain; modules that come later add rows.
type governable struct {
	name    string
	msg     func(e *testutil.Env, authority string) sdk.Msg
	applied func(e *testutil.Env) bool
}

func farms(e *testutil.Env) []dmctypes.Farm {
	iter, err := e.App.DmcKeeper.Farms.Iterate(e.Ctx(), nil)
	if err != nil {
		e.TB.Fatal(err)
	}
	fs, err := iter.Values()
	if err != nil {
		e.TB.Fatal(err)
	}
	return fs
}

func governableItems(denom string) []governable {
	var floor math.Int
	var farmID uint64
	var paidBefore math.Int
	var appID, productID uint64
	var fees [2]uint32
	var who string
	var suspendAfter uint32
	var upgradeHeight int64
	return []governable{
		{"(8) DMC mining shares: update params", func(e *testutil.Env, auth string) sdk.Msg {
			p, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
			p.BehavioralShareBps, p.LiquidityShareBps, p.StakedShareBps = 2_000, 6_000, 2_000
			floor = p.BurnFloor.AddRaw(1)
			p.BurnFloor = floor
			return &dmctypes.MsgUpdateParams{Authority: auth, Params: p}
		}, func(e *testutil.Env) bool {
			p, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
			return p.BurnFloor.Equal(floor) && p.StakedShareBps == 2_000
		}},
		{"(8) DMC mining farms: create", func(e *testutil.Env, auth string) sdk.Msg {
			return &dmctypes.MsgCreateFarm{Authority: auth, Program: dmctypes.PROGRAM_STAKED, Denom: denom, Weight: 2}
		}, func(e *testutil.Env) bool {
			for _, f := range farms(e) {
				if f.Denom == denom && !f.Closed {
					farmID = f.Id
					return true
				}
			}
			return false
		}},
		{"(8) DMC mining farms: reweight", func(e *testutil.Env, auth string) sdk.Msg {
			return &dmctypes.MsgSetFarmWeight{Authority: auth, FarmId: farmID, Weight: 5}
		}, func(e *testutil.Env) bool {
			f, err := e.App.DmcKeeper.Farms.Get(e.Ctx(), farmID)
			return err == nil && f.Weight == 5
		}},
		{"(8) DMC mining farms: close", func(e *testutil.Env, auth string) sdk.Msg {
			return &dmctypes.MsgCloseFarm{Authority: auth, FarmId: farmID}
		}, func(e *testutil.Env) bool {
			f, err := e.App.DmcKeeper.Farms.Get(e.Ctx(), farmID)
			return err == nil && f.Closed
		}},
		{"(1) approve an application", func(e *testutil.Env, auth string) sdk.Msg {
			appID = applyProduct(e)
			return &hashnfttypes.MsgApproveApplication{Authority: auth, ApplicationId: appID}
		}, func(e *testutil.Env) bool {
			a, _ := e.App.HashnftKeeper.Applications.Get(e.Ctx(), appID)
			productID = a.ProductId
			return a.Status == hashnfttypes.APPLICATION_STATUS_APPROVED
		}},
		{"(1) reject an application", func(e *testutil.Env, auth string) sdk.Msg {
			appID = applyProduct(e)
			return &hashnfttypes.MsgRejectApplication{Authority: auth, ApplicationId: appID, Reason: "no"}
		}, func(e *testutil.Env) bool {
			a, _ := e.App.HashnftKeeper.Applications.Get(e.Ctx(), appID)
			return a.Status == hashnfttypes.APPLICATION_STATUS_REJECTED
		}},
		{"(2)(3) channel and trading fees", func(e *testutil.Env, auth string) sdk.Msg {
			p, _ := e.App.HashnftKeeper.Params.Get(e.Ctx())
			p.ChannelFeeBps, p.TradingFeeBps = p.ChannelFeeBps+1, p.TradingFeeBps+1
			fees = [2]uint32{p.ChannelFeeBps, p.TradingFeeBps}
			return &hashnfttypes.MsgUpdateParams{Authority: auth, Params: p}
		}, func(e *testutil.Env) bool {
			p, _ := e.App.HashnftKeeper.Params.Get(e.Ctx())
			return p.ChannelFeeBps == fees[0] && p.TradingFeeBps == fees[1]
		}},
		{"(5) suspend an escrow", func(e *testutil.Env, auth string) sdk.Msg {
			e.MustDeliver(e.Accounts[1], &hashnfttypes.MsgBuyNFTs{Buyer: e.Accounts[1].Addr.String(), ProductId: productID,
				Quantity: 1, MaxUnitPrice: sdk.NewInt64Coin("udmc", 1_000_000)})
			return &escrowtypes.MsgSuspendEscrow{Authority: auth, ProductId: productID, Reason: "audit"}
		}, escrowIs(&productID, escrowtypes.ESCROW_STATUS_SUSPENDED)},
		{"(5) resume an escrow", func(e *testutil.Env, auth string) sdk.Msg {
			return &escrowtypes.MsgResumeEscrow{Authority: auth, ProductId: productID}
		}, escrowIs(&productID, escrowtypes.ESCROW_STATUS_ACTIVE)},
		{"(5) terminate an escrow", func(e *testutil.Env, auth string) sdk.Msg {
			return &escrowtypes.MsgTerminateEscrow{Authority: auth, ProductId: productID, Reason: "miner gone"}
		}, escrowIs(&productID, escrowtypes.ESCROW_STATUS_TERMINATED)},
		{"(5) risk control: escrow params", func(e *testutil.Env, auth string) sdk.Msg {
			p, _ := e.App.EscrowKeeper.Params.Get(e.Ctx())
			p.SuspendAfterDays++
			suspendAfter = p.SuspendAfterDays
			return &escrowtypes.MsgUpdateParams{Authority: auth, Params: p}
		}, func(e *testutil.Env) bool {
			p, _ := e.App.EscrowKeeper.Params.Get(e.Ctx())
			return p.SuspendAfterDays == suspendAfter
		}},
		{"oracle feeders", func(e *testutil.Env, auth string) sdk.Msg {
			who = e.Accounts[1].Addr.String()
			if f, _ := e.App.OracleKeeper.Feeders.Get(e.Ctx()); len(f.Feeders) == 1 && f.Feeders[0] == who {
				who = e.Accounts[2].Addr.String()
			}
			return &oracletypes.MsgSetFeeders{Authority: auth, Feeders: []string{who}}
		}, func(e *testutil.Env) bool {
			f, _ := e.App.OracleKeeper.Feeders.Get(e.Ctx())
			return len(f.Feeders) == 1 && f.Feeders[0] == who
		}},
		{"IFIL bridge operators", func(e *testutil.Env, auth string) sdk.Msg {
			who = e.Accounts[1].Addr.String()
			if o, _ := e.App.OracleKeeper.Operators.Get(e.Ctx()); len(o.Operators) == 1 && o.Operators[0] == who {
				who = e.Accounts[2].Addr.String()
			}
			return &oracletypes.MsgSetOperators{Authority: auth, Threshold: 1, Operators: []string{who}}
		}, func(e *testutil.Env) bool {
			o, _ := e.App.OracleKeeper.Operators.Get(e.Ctx())
			return o.Threshold == 1 && len(o.Operators) == 1 && o.Operators[0] == who
		}},
		{"foundation spend", func(e *testutil.Env, auth string) sdk.Msg {
			paidBefore = e.App.BankKeeper.GetBalance(e.Ctx(), e.Accounts[2].Addr, "udmc").Amount
			return &daotypes.MsgSpendFoundation{Authority: auth, Recipient: e.Accounts[2].Addr.String(),
				Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 777))}
		}, func(e *testutil.Env) bool {
			return e.App.BankKeeper.GetBalance(e.Ctx(), e.Accounts[2].Addr, "udmc").Amount.Equal(paidBefore.AddRaw(777))
		}},
		{"software upgrade: schedule", func(e *testutil.Env, auth string) sdk.Msg {
			upgradeHeight = e.Ctx().BlockHeight() + 1_000
			return &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "walk", Height: upgradeHeight, Info: "governance walk"}
		}, func(e *testutil.Env) bool {
			p, err := e.App.UpgradeKeeper.GetUpgradePlan(e.Ctx())
			return err == nil && p.Name == "walk" && p.Height == upgradeHeight
		}},
		{"software upgrade: cancel", func(e *testutil.Env, auth string) sdk.Msg {
			return &daotypes.MsgCancelUpgrade{Authority: auth}
		}, func(e *testutil.Env) bool {
			_, err := e.App.UpgradeKeeper.GetUpgradePlan(e.Ctx())
			return errors.Is(err, upgradetypes.ErrNoUpgradePlanFound)
		}},
	}
}

// applyProduct has account 0 apply for 10 NFTs of 1 TiB of node f01234 at 1 DMC each.
func applyProduct(e *testutil.Env) uint64 {
	m := e.Accounts[0]
	e.MustDeliver(m, &hashnfttypes.MsgApplyProduct{
		Miner: m.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: math.NewInt(1),
		Count: 10, TermDays: 360, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("udmc", 1_000_000),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Contact: "ops@acme.example"},
	})
	next, err := e.App.HashnftKeeper.NextApplicationID.Peek(e.Ctx())
	if err != nil {
		e.TB.Fatal(err)
	}
	return next - 1
}

func escrowIs(productID *uint64, status escrowtypes.EscrowStatus) func(e *testutil.Env) bool {
	return func(e *testutil.Env) bool {
		es, err := e.App.EscrowKeeper.Escrows.Get(e.Ctx(), *productID)
		return err == nil && es.Status == status
	}
}

func TestEveryGovernableItemWithEachAuthority(t *testing.T) {
	e := testutil.New(t, testutil.Options{NodePower: map[string]int64{"f01234": 1_000}})
	council, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
	gov := authtypes.NewModuleAddress(govtypes.ModuleName)

	// Council phase: 4 of 7 execute each item; x/gov cannot.
	for _, it := range governableItems("uusdt") {
		if status := e.GovPropose(it.msg(e, gov.String())); status == govv1.StatusPassed && it.applied(e) {
			t.Fatalf("council phase: x/gov applied %q", it.name)
		}
		e.CouncilPropose(4, it.msg(e, council.String()))
		if !it.applied(e) {
			t.Fatalf("council phase: the council's proposal did not apply %q", it.name)
		}
	}

	// The council hands the authority to x/gov.
	e.CouncilPropose(4, &daotypes.MsgUpdateAuthority{Authority: council.String(), NewAuthority: gov.String()})
	if a, _ := e.App.DaoKeeper.GetAuthority(e.Ctx()); !a.Equals(gov) {
		t.Fatalf("authority %s after the handover, want x/gov", a)
	}

	// DAO phase: only x/gov proposals (DMC stakers voting by stake) apply each item.
	for _, it := range governableItems("uhusd") {
		e.CouncilPropose(4, it.msg(e, council.String()))
		if it.applied(e) {
			t.Fatalf("dao phase: the council applied %q", it.name)
		}
		if status := e.GovPropose(it.msg(e, gov.String())); status != govv1.StatusPassed || !it.applied(e) {
			t.Fatalf("dao phase: x/gov proposal for %q: status %s, applied %v", it.name, status, it.applied(e))
		}
	}

	// x/gov re-elects the council (for a later hand-back): one member replaced, threshold 4.
	newMember := sdk.AccAddress([]byte("new-council-member01")).String()
	members := []string{newMember}
	for _, c := range e.Council[1:] {
		members = append(members, c.Addr.String())
	}
	if status := e.GovPropose(&daotypes.MsgUpdateCouncil{Authority: gov.String(), Members: members, Threshold: 4}); status != govv1.StatusPassed {
		t.Fatalf("re-election: %s", status)
	}
	groupID, _ := e.App.DaoKeeper.CouncilGroupID.Get(e.Ctx())
	res, err := e.App.GroupKeeper.GroupMembers(e.Ctx(), &group.QueryGroupMembersRequest{GroupId: groupID})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range res.Members {
		got[m.Member.Address] = true
	}
	if len(res.Members) != 7 || !got[newMember] || got[e.Council[0].Addr.String()] {
		t.Fatalf("council after re-election: %v", res.Members)
	}
	// And x/gov can hand the authority back to the re-elected council.
	if status := e.GovPropose(&daotypes.MsgUpdateAuthority{Authority: gov.String(), NewAuthority: council.String()}); status != govv1.StatusPassed {
		t.Fatalf("hand-back: %s", status)
	}
	if phase, _ := e.App.DaoKeeper.Phase(e.Ctx()); phase != daotypes.PhaseCouncil {
		t.Fatalf("phase %s after the hand-back", phase)
	}
}

func TestCouncilBadInput(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	council, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
	gov := authtypes.NewModuleAddress(govtypes.ModuleName)

	// A handover with 3 votes changes nothing.
	e.CouncilPropose(3, &daotypes.MsgUpdateAuthority{Authority: council.String(), NewAuthority: gov.String()})
	if a, _ := e.App.DaoKeeper.GetAuthority(e.Ctx()); !a.Equals(council) {
		t.Fatal("3 votes handed the authority over")
	}

	// Re-electing a council with fewer members than its threshold is refused.
	few := []string{e.Council[0].Addr.String(), e.Council[1].Addr.String(), e.Council[2].Addr.String()}
	groupID, _ := e.App.DaoKeeper.CouncilGroupID.Get(e.Ctx())
	ctx, _ := e.Ctx().CacheContext()
	_, err := daoMsgServer(e).UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: council.String(), Members: few, Threshold: 4})
	if err == nil || !daotypes.ErrInvalidCouncil.Is(unwrapAll(err)) {
		t.Fatalf("3 members with threshold 4: %v", err)
	}
	res, _ := e.App.GroupKeeper.GroupMembers(e.Ctx(), &group.QueryGroupMembersRequest{GroupId: groupID})
	if len(res.Members) != 7 {
		t.Fatalf("council has %d members after a refused re-election", len(res.Members))
	}
	// A council member alone cannot re-elect.
	_, err = daoMsgServer(e).UpdateCouncil(ctx, &daotypes.MsgUpdateCouncil{Authority: e.Council[0].Addr.String(), Members: few, Threshold: 2})
	if err == nil || !daotypes.ErrUnauthorized.Is(unwrapAll(err)) {
		t.Fatalf("member alone: %v", err)
	}
}

func TestHandoverOnlyToGovOrCouncil(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	council, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
	ctx, _ := e.Ctx().CacheContext()
	_, err := daoMsgServer(e).UpdateAuthority(ctx, &daotypes.MsgUpdateAuthority{Authority: council.String(), NewAuthority: e.Accounts[0].Addr.String()})
	if err == nil || !daotypes.ErrInvalidAddress.Is(unwrapAll(err)) {
		t.Fatalf("handover to a user: %v", err)
	}
	if a, _ := e.App.DaoKeeper.GetAuthority(ctx); !a.Equals(council) {
		t.Fatal("authority changed")
	}
}
