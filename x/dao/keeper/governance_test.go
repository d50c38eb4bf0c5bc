package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
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
		{"foundation spend", func(e *testutil.Env, auth string) sdk.Msg {
			paidBefore = e.App.BankKeeper.GetBalance(e.Ctx(), e.Accounts[2].Addr, "udmc").Amount
			return &daotypes.MsgSpendFoundation{Authority: auth, Recipient: e.Accounts[2].Addr.String(),
				Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 777))}
		}, func(e *testutil.Env) bool {
			return e.App.BankKeeper.GetBalance(e.Ctx(), e.Accounts[2].Addr, "udmc").Amount.Equal(paidBefore.AddRaw(777))
		}},
	}
}

func TestEveryGovernableItemWithEachAuthority(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
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
