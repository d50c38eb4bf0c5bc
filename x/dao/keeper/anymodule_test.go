package keeper_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/testutil/testdata"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/x/dao"

	"github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	jointminetypes "github.com/dmexchain/dmex/x/jointmine/types"
)

// kennel is a second module with governance approvals, registered with x/dao in the test: its
// items are dogs, pending until a council proposal executes its decision message, the SDK's
// test MsgCreateDog{Dog: {Size_: item id, Name: "approve" or "reject"}, Owner: authority}.
type kennel struct{ status map[uint64]string }

const kennelModule = "kennel"

func (k *kennel) Decision(msg sdk.Msg) (daotypes.DecisionMsg, bool) {
	m, ok := msg.(*testdata.MsgCreateDog)
	if !ok {
		return daotypes.DecisionMsg{}, false
	}
	var id uint64
	if m.Dog != nil {
		id, _ = strconv.ParseUint(m.Dog.Size_, 10, 64)
		return daotypes.DecisionMsg{ItemID: id, Authority: m.Owner, Approve: m.Dog.Name == "approve"}, true
	}
	return daotypes.DecisionMsg{Authority: m.Owner}, true
}

func (k *kennel) ItemState(_ context.Context, id uint64) (pending, approved bool, err error) {
	st, ok := k.status[id]
	if !ok {
		return false, false, fmt.Errorf("no dog %d", id)
	}
	return st == "pending", st == "approved", nil
}

// CreateDog is the kennel's Msg service: it executes a decision of a pending dog.
func (k *kennel) CreateDog(_ context.Context, m *testdata.MsgCreateDog) (*testdata.MsgCreateDogResponse, error) {
	id, _ := strconv.ParseUint(m.Dog.Size_, 10, 64)
	if k.status[id] != "pending" {
		return nil, fmt.Errorf("dog %d is %q", id, k.status[id])
	}
	k.status[id] = map[bool]string{true: "approved", false: "rejected"}[m.Dog.Name == "approve"]
	return &testdata.MsgCreateDogResponse{Name: m.Dog.Name}, nil
}

// newKennel registers the kennel with the running app: its message, its Msg service and its
// decider (after every copy of x/dao's keeper was taken), with dogs 1..n pending.
func newKennel(h *hooksEnv, n uint64) *kennel {
	k := &kennel{status: map[uint64]string{}}
	for id := uint64(1); id <= n; id++ {
		k.status[id] = "pending"
	}
	msgservice.RegisterMsgServiceDesc(h.App.InterfaceRegistry(), &testdata.Msg_serviceDesc)
	h.App.MsgServiceRouter().RegisterService(&testdata.Msg_serviceDesc, k)
	h.App.DaoKeeper.RegisterDecider(kennelModule, k)
	return k
}

func dog(id uint64, verdict, authority string) sdk.Msg {
	return &testdata.MsgCreateDog{Dog: &testdata.Dog{Size_: strconv.FormatUint(id, 10), Name: verdict}, Owner: authority}
}

func (h *hooksEnv) wantItem(module string, id uint64, proposal uint64, outcome daotypes.DecisionOutcome) {
	h.t.Helper()
	res, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).Decision(h.Ctx(), &daotypes.QueryDecisionRequest{Module: module, ItemId: id})
	if err != nil {
		h.t.Fatalf("decision of %s %d: %v", module, id, err)
	}
	d := res.Decision
	if d.Module != module || d.ItemId != id || d.Kind != daotypes.PROPOSAL_KIND_GROUP || d.ProposalId != proposal || d.Outcome != outcome {
		h.t.Fatalf("%s %d: decided by %s %d (%s) as %s %d, want council %d (%s)", module, id, d.Kind, d.ProposalId, d.Outcome, d.Module, d.ItemId, proposal, outcome)
	}
}

// The governance hooks work for any registered module: a kennel's dogs are linked, voted down,
// expired and decided like x/hashnft's applications, and a dog and an application with the same
// id never share a record.
func TestDecisionsOfAnyModule(t *testing.T) {
	h := newHooksEnv(t)
	auth, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	a := auth.String()
	k := newKennel(h, 6)
	if got := h.App.DaoKeeper.DecisionModules(); fmt.Sprint(got) != "[hashnft jointmine kennel]" {
		t.Fatalf("decision modules %v", got)
	}
	app1, app2 := h.apply(), h.apply()
	if app1 != 1 || app2 != 2 {
		t.Fatalf("applications %d and %d, want 1 and 2 (the dogs' ids)", app1, app2)
	}

	// Linked: dog 1's proposal, then application 1's, each under its own module.
	pDog1 := h.CouncilSubmit(3, dog(1, "approve", a))
	h.wantItem(kennelModule, 1, pDog1, daotypes.DECISION_OUTCOME_OPEN)
	if _, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).Decision(h.Ctx(),
		&daotypes.QueryDecisionRequest{Module: hashnfttypes.ModuleName, ItemId: 1}); !daotypes.ErrNoDecision.Is(err) {
		t.Fatalf("application 1 before its proposal: %v, want no decision", err)
	}
	pApp1 := h.CouncilPropose(4, h.approve(app1, a))
	h.want(app1, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pApp1, daotypes.DECISION_OUTCOME_APPROVED)
	h.wantItem(kennelModule, 1, pDog1, daotypes.DECISION_OUTCOME_OPEN)

	// Accepted but never executed (dog 2); rejected (dog 3) and approved (dog 4) by execution.
	pDog2 := h.CouncilSubmit(4, dog(2, "approve", a))
	pDog3 := h.CouncilPropose(4, dog(3, "reject", a))
	h.wantItem(kennelModule, 3, pDog3, daotypes.DECISION_OUTCOME_REJECTED)
	pDog4 := h.CouncilSubmit(4, dog(4, "approve", a))
	h.wantItem(kennelModule, 4, pDog4, daotypes.DECISION_OUTCOME_OPEN)
	h.MustDeliver(h.Council[5], &group.MsgExec{ProposalId: pDog4, Executor: h.Council[5].Addr.String()})
	h.wantItem(kennelModule, 4, pDog4, daotypes.DECISION_OUTCOME_APPROVED)
	// One proposal deciding a dog and an application at once decides each.
	pBoth := h.CouncilPropose(4, dog(5, "approve", a), h.approve(app2, a))
	h.wantItem(kennelModule, 5, pBoth, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(app2, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pBoth, daotypes.DECISION_OUTCOME_APPROVED)
	res, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).ProposalDecisions(h.Ctx(), &daotypes.QueryProposalDecisionsRequest{Kind: "group", ProposalId: pBoth})
	if err != nil || len(res.Decisions) != 2 || res.Decisions[0].Module != hashnfttypes.ModuleName || res.Decisions[0].ItemId != app2 ||
		res.Decisions[1].Module != kennelModule || res.Decisions[1].ItemId != 5 {
		t.Fatalf("proposal %d decides %v (%v), want application 2 then dog 5", pBoth, res, err)
	}
	// A dog's decision mixed with any other message decides nothing.
	pMixed := h.CouncilSubmit(1, dog(6, "reject", a), &daotypes.MsgSpendFoundation{Authority: a, Recipient: h.miner.Addr.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 1))})
	if _, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).Decision(h.Ctx(),
		&daotypes.QueryDecisionRequest{Module: kennelModule, ItemId: 6}); !daotypes.ErrNoDecision.Is(err) {
		t.Fatalf("dog 6 of the mixed proposal %d: %v, want no decision", pMixed, err)
	}

	// The voting period ends: dog 1 was voted down and stays pending.
	h.PassTime(time.Hour + time.Second)
	h.NextBlock()
	h.wantItem(kennelModule, 1, pDog1, daotypes.DECISION_OUTCOME_VOTED_DOWN)
	h.wantItem(kennelModule, 2, pDog2, daotypes.DECISION_OUTCOME_OPEN)
	// x/group's execution period ends: dog 2's accepted proposal expired, the dog stays pending.
	h.PassTime(14 * 24 * time.Hour)
	h.NextBlock()
	h.wantItem(kennelModule, 2, pDog2, daotypes.DECISION_OUTCOME_EXPIRED)
	h.want(app1, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pApp1, daotypes.DECISION_OUTCOME_APPROVED)
	for id, want := range map[uint64]string{1: "pending", 2: "pending", 3: "rejected", 4: "approved", 5: "approved", 6: "pending"} {
		if k.status[id] != want {
			t.Fatalf("dog %d is %s, want %s", id, k.status[id], want)
		}
	}
	// A new proposal decides the voted-down dog.
	pAgain := h.CouncilPropose(4, dog(1, "reject", a))
	h.wantItem(kennelModule, 1, pAgain, daotypes.DECISION_OUTCOME_REJECTED)

	// Genesis carries both modules' records; a module that is not registered is refused.
	gs, err := h.App.DaoKeeper.ExportGenesis(h.Ctx())
	if err != nil || len(gs.Decisions) != 7 {
		t.Fatalf("exported %v (%v), want 7 decisions", gs.Decisions, err)
	}
	ac := h.App.AccountKeeper.AddressCodec()
	if err := gs.Validate(ac, h.App.DaoKeeper.DecisionModules()); err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(ac, []string{hashnfttypes.ModuleName}); !daotypes.ErrUnknownDecisionModule.Is(err) {
		t.Fatalf("kennel not registered: %v, want %v", err, daotypes.ErrUnknownDecisionModule)
	}
	ctx, _ := h.Ctx().CacheContext()
	if err := h.App.DaoKeeper.InitGenesis(ctx, *gs); err != nil {
		t.Fatal(err)
	}
	if again, _ := h.App.DaoKeeper.ExportGenesis(ctx); again.String() != gs.String() {
		t.Fatalf("genesis round trip:\n%v\nwant\n%v", again, gs)
	}
}

// greedy reads every message: a decider that claims another module's decision messages.
type greedy struct{}

func (greedy) Decision(sdk.Msg) (daotypes.DecisionMsg, bool) { return daotypes.DecisionMsg{}, true }

func (greedy) ItemState(context.Context, uint64) (bool, bool, error) { return false, false, nil }

// The wiring is checked at start: a module with decision messages (x/hashnft's
// MsgApproveApplication, MsgRejectApplication) that did not register, a decider that does not
// read its own module's messages, or one that reads another module's, stops the app, through
// x/dao's RegisterServices; a module registered twice or with a bad name panics.
func TestDeciderWiringIsChecked(t *testing.T) {
	h := newHooksEnv(t)
	registry := h.App.InterfaceRegistry()
	if err := h.App.DaoKeeper.CheckDeciders(registry); err != nil {
		t.Fatalf("the app's wiring: %v", err)
	}
	fresh := func() keeper.Keeper {
		return keeper.NewKeeper(h.App.AppCodec(), runtime.NewKVStoreService(storetypes.NewKVStoreKey("dao_wiring")),
			h.App.AccountKeeper, h.App.BankKeeper, h.App.GroupKeeper, h.App.UpgradeKeeper, sdk.AccAddress("gov"),
			func(context.Context, uint64) (govv1.Proposal, error) { return govv1.Proposal{}, nil }, time.Hour)
	}
	k := fresh()
	err := dao.NewAppModule(h.App.AppCodec(), k, h.App.AccountKeeper.AddressCodec()).RegisterServices(nil)
	if !daotypes.ErrUnregisteredDecider.Is(err) || !strings.Contains(err.Error(), "module hashnft has the decision message /dmex.hashnft.v1.MsgApproveApplication") {
		t.Fatalf("x/hashnft not registered: %v", err)
	}
	k.RegisterDecider(hashnfttypes.ModuleName, &kennel{})
	if err := k.CheckDeciders(registry); !daotypes.ErrUnregisteredDecider.Is(err) || !strings.Contains(err.Error(), "does not read") {
		t.Fatalf("x/hashnft registered with a decider that does not read its messages: %v", err)
	}
	k = fresh()
	k.RegisterDecider(hashnfttypes.ModuleName, h.App.HashnftKeeper.GovernanceDecider())
	k.RegisterDecider(jointminetypes.ModuleName, h.App.JointmineKeeper.GovernanceDecider())
	if err := k.CheckDeciders(registry); err != nil {
		t.Fatal(err)
	}
	k.RegisterDecider("pools", greedy{})
	if err := k.CheckDeciders(registry); !daotypes.ErrUnregisteredDecider.Is(err) || !strings.Contains(err.Error(), "module pools's decider reads /dmex.hashnft.v1.") {
		t.Fatalf("a decider reading x/hashnft's messages: %v", err)
	}
	for name, register := range map[string]func(){
		"twice":    func() { k.RegisterDecider(hashnfttypes.ModuleName, h.App.HashnftKeeper.GovernanceDecider()) },
		"no name":  func() { k.RegisterDecider("", greedy{}) },
		"bad name": func() { k.RegisterDecider("Joint Mine", greedy{}) },
		"nil":      func() { k.RegisterDecider("jointmine", nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: RegisterDecider did not panic", name)
				}
			}()
			register()
		}()
	}
}

// Genesis refuses decisions of an unregistered module, item 0 and a (module, item) twice, and
// accepts the same item id in two modules.
func TestGenesisDecisionKeys(t *testing.T) {
	h := newHooksEnv(t)
	ac := h.App.AccountKeeper.AddressCodec()
	auth, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	d := func(module string, item uint64) daotypes.Decision {
		return daotypes.Decision{Module: module, ItemId: item, Kind: daotypes.PROPOSAL_KIND_GROUP, ProposalId: 3, Outcome: daotypes.DECISION_OUTCOME_OPEN}
	}
	modules := []string{hashnfttypes.ModuleName, kennelModule}
	for _, tc := range []struct {
		name      string
		decisions []daotypes.Decision
		want      error
	}{
		{"same id in two modules", []daotypes.Decision{d(hashnfttypes.ModuleName, 1), d(kennelModule, 1)}, nil},
		{"unregistered module", []daotypes.Decision{d("jointmine", 1)}, daotypes.ErrUnknownDecisionModule},
		{"no module", []daotypes.Decision{d("", 1)}, daotypes.ErrUnknownDecisionModule},
		{"item 0", []daotypes.Decision{d(kennelModule, 0)}, daotypes.ErrInvalidRequest},
		{"twice", []daotypes.Decision{d(kennelModule, 2), d(hashnfttypes.ModuleName, 2), d(kennelModule, 2)}, daotypes.ErrInvalidRequest},
	} {
		gs := daotypes.GenesisState{Authority: auth.String(), Decisions: tc.decisions}
		err := gs.Validate(ac, modules)
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errorsmod.IsOf(err, tc.want)) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	// InitGenesis checks against the modules the app registered (no kennel here).
	gs := daotypes.GenesisState{Authority: auth.String(), Decisions: []daotypes.Decision{d(kennelModule, 1)}}
	ctx, _ := h.Ctx().CacheContext()
	if err := h.App.DaoKeeper.InitGenesis(ctx, gs); !daotypes.ErrUnknownDecisionModule.Is(err) {
		t.Fatalf("InitGenesis with an unregistered module: %v", err)
	}
}
