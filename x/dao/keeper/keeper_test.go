package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// changedParams is a valid x/dmc params change that the council can vote on.
func changedParams(e *testutil.Env) dmctypes.Params {
	p, err := e.App.DmcKeeper.Params.Get(e.Ctx())
	if err != nil {
		e.TB.Fatal(err)
	}
	p.BurnFloor = p.BurnFloor.Add(math.NewInt(1))
	return p
}

func authority(e *testutil.Env) sdk.AccAddress {
	a, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		e.TB.Fatal(err)
	}
	return a
}

func TestGenesisCouncilIsTheAuthority(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	ctx := e.Ctx()
	res, err := daokeeper.NewQueryServerImpl(e.App.DaoKeeper).Authority(ctx, &daotypes.QueryAuthorityRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Phase != daotypes.PhaseCouncil || res.Authority != res.CouncilPolicy || res.CouncilGroupId == 0 {
		t.Fatalf("unexpected authority at genesis: %+v", res)
	}
	members, err := e.App.GroupKeeper.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: res.CouncilGroupId})
	if err != nil {
		t.Fatal(err)
	}
	if len(members.Members) != 7 {
		t.Fatalf("council has %d members, want 7", len(members.Members))
	}
	policies, err := e.App.GroupKeeper.GroupPoliciesByGroup(ctx, &group.QueryGroupPoliciesByGroupRequest{GroupId: res.CouncilGroupId})
	if err != nil {
		t.Fatal(err)
	}
	dp, err := policies.GroupPolicies[0].GetDecisionPolicy()
	if err != nil {
		t.Fatal(err)
	}
	if th := dp.(*group.ThresholdDecisionPolicy).Threshold; th != "4" {
		t.Fatalf("threshold %s, want 4", th)
	}
	// The council administers itself: no single key can change its membership.
	if policies.GroupPolicies[0].Admin != res.CouncilPolicy {
		t.Fatalf("policy admin %s, want the policy itself", policies.GroupPolicies[0].Admin)
	}
}

func TestCouncilFourOfSevenExecutesAuthorityMessage(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	want := changedParams(e)
	msg := &dmctypes.MsgUpdateParams{Authority: authority(e).String(), Params: want}

	id := e.CouncilPropose(4, msg)

	got, err := e.App.DmcKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	if !got.BurnFloor.Equal(want.BurnFloor) {
		t.Fatalf("4 yes votes did not execute: burn floor %s, want %s", got.BurnFloor, want.BurnFloor)
	}
	// An executed proposal is pruned by x/group.
	if _, err := e.Proposal(id); err == nil {
		t.Fatalf("proposal %d still in state after execution", id)
	}
}

func TestCouncilThreeVotesDoNotExecute(t *testing.T) {
	e := testutil.New(t, testutil.Options{CouncilVotingPeriod: time.Minute})
	before, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
	msg := &dmctypes.MsgUpdateParams{Authority: authority(e).String(), Params: changedParams(e)}

	id := e.CouncilPropose(3, msg)
	prop, err := e.Proposal(id)
	if err != nil {
		t.Fatal(err)
	}
	if prop.Status != group.PROPOSAL_STATUS_SUBMITTED {
		t.Fatalf("status %s after 3 votes, want SUBMITTED", prop.Status)
	}

	// After the voting period, executing it fails the proposal and changes nothing.
	e.PassTime(2 * time.Minute)
	e.Deliver(e.Council[0], &group.MsgExec{ProposalId: id, Executor: e.Council[0].Addr.String()})
	after, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
	if !after.BurnFloor.Equal(before.BurnFloor) {
		t.Fatalf("3 votes changed params: burn floor %s, want %s", after.BurnFloor, before.BurnFloor)
	}
	if prop, err := e.Proposal(id); err == nil && prop.Status == group.PROPOSAL_STATUS_ACCEPTED {
		t.Fatalf("proposal with 3 of 7 votes was accepted")
	}
}

func TestAuthorityMessagesFromAnyoneElseFail(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	before, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
	for name, signer := range map[string]*testutil.Account{"council member alone": e.Council[0], "user": e.Accounts[0]} {
		t.Run(name, func(t *testing.T) {
			p := changedParams(e)
			res := e.Deliver(signer, &dmctypes.MsgUpdateParams{Authority: signer.Addr.String(), Params: p})
			if res.Code != daotypes.ErrUnauthorized.ABCICode() || res.Codespace != daotypes.ModuleName {
				t.Fatalf("code %d (%s) %s, want dao unauthorized", res.Code, res.Codespace, res.Log)
			}
			res = e.Deliver(signer, &daotypes.MsgUpdateAuthority{Authority: signer.Addr.String(), NewAuthority: signer.Addr.String()})
			if res.Code != daotypes.ErrUnauthorized.ABCICode() {
				t.Fatalf("update authority by %s: code %d %s", name, res.Code, res.Log)
			}
		})
	}
	after, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
	if !after.BurnFloor.Equal(before.BurnFloor) || !authority(e).Equals(authority(e)) {
		t.Fatal("state changed")
	}
	phase, _ := e.App.DaoKeeper.Phase(e.Ctx())
	if phase != daotypes.PhaseCouncil {
		t.Fatalf("phase %s, want council", phase)
	}
}

func TestCouncilHandsAuthorityToGov(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	council := authority(e)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName)
	e.CouncilPropose(4, &daotypes.MsgUpdateAuthority{Authority: council.String(), NewAuthority: gov.String()})

	if got := authority(e); !got.Equals(gov) {
		t.Fatalf("authority %s, want x/gov %s", got, gov)
	}
	phase, _ := e.App.DaoKeeper.Phase(e.Ctx())
	if phase != daotypes.PhaseDAO {
		t.Fatalf("phase %s, want dao", phase)
	}
	// The council's policy can no longer act.
	before, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
	e.CouncilPropose(4, &dmctypes.MsgUpdateParams{Authority: council.String(), Params: changedParams(e)})
	after, _ := e.App.DmcKeeper.Params.Get(e.Ctx())
	if !after.BurnFloor.Equal(before.BurnFloor) {
		t.Fatal("the council changed params after the handover")
	}
}

func TestSpendFoundation(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	ctx := e.Ctx()
	foundation := e.App.AccountKeeper.GetModuleAddress(modaccounts.Foundation)
	fBefore := e.App.BankKeeper.GetBalance(ctx, foundation, "udmc").Amount
	rBefore := e.App.BankKeeper.GetBalance(ctx, e.Accounts[1].Addr, "udmc").Amount
	amt := sdk.NewCoins(sdk.NewInt64Coin("udmc", 12_345))

	// Not the authority: refused.
	res := e.Deliver(e.Accounts[0], &daotypes.MsgSpendFoundation{Authority: e.Accounts[0].Addr.String(), Recipient: e.Accounts[1].Addr.String(), Amount: amt})
	if res.Code == 0 {
		t.Fatal("a user spent the foundation")
	}
	e.CouncilPropose(4, &daotypes.MsgSpendFoundation{Authority: authority(e).String(), Recipient: e.Accounts[1].Addr.String(), Amount: amt})
	ctx = e.Ctx()
	if got := e.App.BankKeeper.GetBalance(ctx, e.Accounts[1].Addr, "udmc").Amount; !got.Equal(rBefore.AddRaw(12_345)) {
		t.Fatalf("recipient has %s, want %s", got, rBefore.AddRaw(12_345))
	}
	if got := e.App.BankKeeper.GetBalance(ctx, foundation, "udmc").Amount; !got.Equal(fBefore.SubRaw(12_345)) {
		t.Fatalf("foundation has %s, want %s", got, fBefore.SubRaw(12_345))
	}
}
