package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// hooksEnv is a chain whose miner (account 0) applies for products of node f01234.
type hooksEnv struct {
	*testutil.Env
	t       *testing.T
	miner   *testutil.Account
	deposit math.Int
}

func newHooksEnv(t *testing.T) *hooksEnv {
	e := testutil.New(t, testutil.Options{Accounts: 2, NodePower: map[string]int64{"f01234": 1_000}})
	return &hooksEnv{Env: e, t: t, miner: e.Accounts[0], deposit: hashnfttypes.DefaultParams().ApplicationDeposit.Amount}
}

func (h *hooksEnv) apply() uint64 { return h.applyPower(1) }

// applyPower applies for 2 NFTs of perNFT TiB each (the node has 1,000 TiB).
func (h *hooksEnv) applyPower(perNFT int64) uint64 {
	h.MustDeliver(h.miner, &hashnfttypes.MsgApplyProduct{
		Miner: h.miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: math.NewInt(perNFT),
		Count: 2, TermDays: 360, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("udmc", 1_000_000),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Contact: "ops@acme.example"},
	})
	id, err := h.App.HashnftKeeper.NextApplicationID.Peek(h.Ctx())
	if err != nil {
		h.t.Fatal(err)
	}
	return id - 1
}

func (h *hooksEnv) approve(id uint64, authority string) sdk.Msg {
	return &hashnfttypes.MsgApproveApplication{Authority: authority, ApplicationId: id}
}

func (h *hooksEnv) reject(id uint64, authority string) sdk.Msg {
	return &hashnfttypes.MsgRejectApplication{Authority: authority, ApplicationId: id, Reason: "the DAO says no"}
}

func (h *hooksEnv) status(id uint64) hashnfttypes.ApplicationStatus {
	a, err := h.App.HashnftKeeper.Applications.Get(h.Ctx(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return a.Status
}

func (h *hooksEnv) decision(id uint64) daotypes.Decision {
	res, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).Decision(h.Ctx(), &daotypes.QueryDecisionRequest{Module: hashnfttypes.ModuleName, ItemId: id})
	if err != nil {
		h.t.Fatalf("decision of application %d: %v", id, err)
	}
	return res.Decision
}

func (h *hooksEnv) want(id uint64, status hashnfttypes.ApplicationStatus, kind daotypes.ProposalKind, proposal uint64, outcome daotypes.DecisionOutcome) {
	h.t.Helper()
	if got := h.status(id); got != status {
		h.t.Fatalf("application %d is %s, want %s", id, got, status)
	}
	d := h.decision(id)
	if d.Kind != kind || d.ProposalId != proposal || d.Outcome != outcome {
		h.t.Fatalf("application %d: decided by %s %d (%s), want %s %d (%s)", id, d.Kind, d.ProposalId, d.Outcome, kind, proposal, outcome)
	}
}

func (h *hooksEnv) balances() (miner, riskFund math.Int) {
	ctx := h.Ctx()
	return h.App.BankKeeper.GetBalance(ctx, h.miner.Addr, "udmc").Amount,
		h.App.BankKeeper.GetBalance(ctx, authtypes.NewModuleAddress(modaccounts.RiskFund), "udmc").Amount
}

func (h *hooksEnv) wantMoney(what string, miner0, fund0, minerDelta, fundDelta math.Int) {
	h.t.Helper()
	miner, fund := h.balances()
	if !miner.Equal(miner0.Add(minerDelta)) || !fund.Equal(fund0.Add(fundDelta)) {
		h.t.Fatalf("%s: miner %s (want %s), risk fund %s (want %s)", what, miner, miner0.Add(minerDelta), fund, fund0.Add(fundDelta))
	}
}

// The council phase: the council proposal that approves or rejects an application decides it;
// only its execution closes the application.
func TestCouncilProposalsDecideApplications(t *testing.T) {
	h := newHooksEnv(t)
	auth, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	a := auth.String()
	votedDown, approved, executed, expired, withdrawn := h.apply(), h.apply(), h.apply(), h.apply(), h.apply()
	rejected, takenOver, batch1, batch2 := h.apply(), h.apply(), h.apply(), h.apply()
	miner0, fund0 := h.balances()

	// Voted down: 3 of the 7 vote yes, and a second proposal for the same application does not
	// take over the decision.
	pDown := h.CouncilPropose(3, h.approve(votedDown, a))
	pSecond := h.CouncilSubmit(0, h.approve(votedDown, a))
	// Approved by 4 votes at once (the 4th vote executes it).
	pApproved := h.CouncilPropose(4, h.approve(approved, a))
	// Accepted by 4 votes, then executed by MsgExec before the voting period ends.
	pExecuted := h.CouncilSubmit(4, h.approve(executed, a))
	h.want(executed, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pExecuted, daotypes.DECISION_OUTCOME_OPEN)
	h.MustDeliver(h.Council[5], &group.MsgExec{ProposalId: pExecuted, Executor: h.Council[5].Addr.String()})
	// Accepted by 4 votes but never executed.
	pExpired := h.CouncilSubmit(4, h.approve(expired, a))
	// Withdrawn by its proposer.
	pWithdrawn := h.CouncilSubmit(1, h.approve(withdrawn, a))
	h.MustDeliver(h.Council[0], &group.MsgWithdrawProposal{ProposalId: pWithdrawn, Address: h.Council[0].Addr.String()})
	// An explicit reject, executed.
	pRejected := h.CouncilPropose(4, h.reject(rejected, a))
	// A first proposal is linked; a second one executes and is recorded instead.
	pFirst := h.CouncilSubmit(1, h.approve(takenOver, a))
	h.want(takenOver, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pFirst, daotypes.DECISION_OUTCOME_OPEN)
	pTakeOver := h.CouncilPropose(4, h.approve(takenOver, a))
	// A batch of approvals decides each of them.
	pBatch := h.CouncilPropose(4, h.approve(batch1, a), h.approve(batch2, a))

	h.want(votedDown, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pDown, daotypes.DECISION_OUTCOME_OPEN)
	// Executed proposals show their outcome at once.
	h.want(approved, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pApproved, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(executed, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pExecuted, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(rejected, hashnfttypes.APPLICATION_STATUS_REJECTED, daotypes.PROPOSAL_KIND_GROUP, pRejected, daotypes.DECISION_OUTCOME_REJECTED)
	h.want(takenOver, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pTakeOver, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(batch1, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pBatch, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(batch2, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pBatch, daotypes.DECISION_OUTCOME_APPROVED)
	qs := keeper.NewQueryServerImpl(h.App.DaoKeeper)
	for _, p := range []uint64{pSecond, pFirst} {
		res, err := qs.ProposalDecisions(h.Ctx(), &daotypes.QueryProposalDecisionsRequest{Kind: "group", ProposalId: p})
		if err != nil || len(res.Decisions) != 0 {
			t.Fatalf("proposal %d decides %v (%v), want nothing", p, res, err)
		}
	}
	res, err := qs.ProposalDecisions(h.Ctx(), &daotypes.QueryProposalDecisionsRequest{Kind: "group", ProposalId: pDown})
	if err != nil || len(res.Decisions) != 1 || res.Decisions[0].ItemId != votedDown || res.Decisions[0].Module != hashnfttypes.ModuleName {
		t.Fatalf("proposal %d decides %v (%v), want application %d", pDown, res, err, votedDown)
	}
	if _, err := qs.ProposalDecisions(h.Ctx(), &daotypes.QueryProposalDecisionsRequest{Kind: "senate", ProposalId: 1}); !daotypes.ErrInvalidRequest.Is(err) {
		t.Fatalf("unknown kind: %v", err)
	}

	// The voting period (1 h) ends.
	h.PassTime(time.Hour + time.Second)
	h.NextBlock()
	// Voted down: the application stays pending with its deposit.
	h.want(votedDown, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pDown, daotypes.DECISION_OUTCOME_VOTED_DOWN)
	h.want(approved, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pApproved, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(executed, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pExecuted, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(expired, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pExpired, daotypes.DECISION_OUTCOME_OPEN)
	h.want(withdrawn, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pWithdrawn, daotypes.DECISION_OUTCOME_WITHDRAWN)
	h.want(takenOver, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pTakeOver, daotypes.DECISION_OUTCOME_APPROVED)
	// Approved (5 times): the deposit came back to the miner; rejected: it went to the risk fund.
	h.wantMoney("after the vote", miner0, fund0, h.deposit.MulRaw(5), h.deposit)

	// The chain's dao genesis carries the open decision and the queued expiry, and imports.
	gs, err := h.App.DaoKeeper.ExportGenesis(h.Ctx())
	if err != nil || len(gs.Decisions) != 9 || len(gs.CouncilExpiries) != 1 || gs.CouncilExpiries[0].ProposalId != pExpired {
		t.Fatalf("exported decisions %v, expiries %v (%v)", gs.Decisions, gs.CouncilExpiries, err)
	}
	if err := gs.Validate(h.App.AccountKeeper.AddressCodec(), h.App.DaoKeeper.DecisionModules()); err != nil {
		t.Fatal(err)
	}
	ctx, _ := h.Ctx().CacheContext()
	if err := h.App.DaoKeeper.InitGenesis(ctx, *gs); err != nil {
		t.Fatal(err)
	}
	again, _ := h.App.DaoKeeper.ExportGenesis(ctx)
	if again.String() != gs.String() {
		t.Fatalf("genesis round trip:\n%v\nwant\n%v", again, gs)
	}

	// New proposals decide the withdrawn and the voted-down applications.
	pAgain := h.CouncilPropose(4, h.approve(withdrawn, a))
	h.want(withdrawn, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pAgain, daotypes.DECISION_OUTCOME_APPROVED)
	pDownAgain := h.CouncilPropose(4, h.reject(votedDown, a))
	h.want(votedDown, hashnfttypes.APPLICATION_STATUS_REJECTED, daotypes.PROPOSAL_KIND_GROUP, pDownAgain, daotypes.DECISION_OUTCOME_REJECTED)

	// x/group's execution period (2 weeks) ends without the accepted proposal executing: the
	// application stays pending with its deposit.
	miner1, fund1 := h.balances()
	h.PassTime(14 * 24 * time.Hour)
	h.NextBlock()
	h.want(expired, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GROUP, pExpired, daotypes.DECISION_OUTCOME_EXPIRED)
	h.want(withdrawn, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GROUP, pAgain, daotypes.DECISION_OUTCOME_APPROVED)
	h.wantMoney("after the expiry", miner1, fund1, math.ZeroInt(), math.ZeroInt())
	if gs, _ := h.App.DaoKeeper.ExportGenesis(h.Ctx()); len(gs.CouncilChecks)+len(gs.CouncilExpiries) != 0 {
		t.Fatalf("queues not empty: %v %v", gs.CouncilChecks, gs.CouncilExpiries)
	}
	h.CheckInvariants()
}

// govSubmit has the validator submit an x/gov proposal with deposit; vote (if not empty) is its vote.
func (h *hooksEnv) govSubmit(deposit sdk.Coins, vote govv1.VoteOption, msgs ...sdk.Msg) uint64 {
	prop, err := govv1.NewMsgSubmitProposal(msgs, deposit, h.Validator.Addr.String(), "", "approve", "test", false)
	if err != nil {
		h.t.Fatal(err)
	}
	h.MustDeliver(h.Validator, prop)
	id, err := h.App.GovKeeper.ProposalID.Peek(h.Ctx())
	if err != nil {
		h.t.Fatal(err)
	}
	if vote != govv1.OptionEmpty {
		h.MustDeliver(h.Validator, govv1.NewMsgVote(h.Validator.Addr, id-1, vote, ""))
	}
	return id - 1
}

// The DAO phase: x/gov's hooks decide applications; a proposal that does not execute leaves the
// application pending with its deposit.
func TestGovProposalsDecideApplications(t *testing.T) {
	h := newHooksEnv(t)
	council, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	h.CouncilPropose(4, &daotypes.MsgUpdateAuthority{Authority: council.String(), NewAuthority: gov})
	params, _ := h.App.GovKeeper.Params.Get(h.Ctx())

	votedDown, vetoed, approved, rejected, expired, notLinked := h.apply(), h.apply(), h.apply(), h.apply(), h.apply(), h.apply()
	cancelled := h.apply()
	failed := h.applyPower(600) // 1,200 TiB: above the node's 1,000 TiB, so its approval fails
	miner0, fund0 := h.balances()
	pDown := h.govSubmit(params.MinDeposit, govv1.OptionNo, h.approve(votedDown, gov))
	pVeto := h.govSubmit(params.MinDeposit, govv1.OptionNoWithVeto, h.approve(vetoed, gov))
	pApproved := h.govSubmit(params.MinDeposit, govv1.OptionYes, h.approve(approved, gov))
	pRejected := h.govSubmit(params.MinDeposit, govv1.OptionYes, h.reject(rejected, gov))
	// Passes, but the approval fails (the oracle's node power): nothing executes.
	pFailed := h.govSubmit(params.MinDeposit, govv1.OptionYes, h.approve(failed, gov))
	// Never reaches the minimum deposit.
	ratio := math.LegacyMustNewDecFromStr(params.MinDepositRatio)
	initial := sdk.NewCoins(sdk.NewCoin("udmc", ratio.MulInt(sdk.Coins(params.MinDeposit).AmountOf("udmc")).Ceil().TruncateInt()))
	pExpired := h.govSubmit(initial, govv1.OptionEmpty, h.approve(expired, gov))
	// Cancelled by its proposer (x/gov has no hook for it): a new proposal is linked in its place.
	pCancelled := h.govSubmit(params.MinDeposit, govv1.OptionEmpty, h.approve(cancelled, gov))
	h.MustDeliver(h.Validator, govv1.NewMsgCancelProposal(pCancelled, h.Validator.Addr.String()))
	pCancelledAgain := h.govSubmit(params.MinDeposit, govv1.OptionYes, h.approve(cancelled, gov))
	h.want(cancelled, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GOV, pCancelledAgain, daotypes.DECISION_OUTCOME_OPEN)
	// A council proposal, now that the council is no longer the authority, decides nothing.
	h.CouncilSubmit(4, h.approve(notLinked, council.String()))
	if _, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).Decision(h.Ctx(), &daotypes.QueryDecisionRequest{Module: hashnfttypes.ModuleName, ItemId: notLinked}); !daotypes.ErrNoDecision.Is(err) {
		t.Fatalf("application %d decided by a proposal that cannot execute: %v", notLinked, err)
	}

	wait := *params.VotingPeriod
	if *params.MaxDepositPeriod > wait {
		wait = *params.MaxDepositPeriod
	}
	h.PassTime(wait + time.Second)
	h.want(votedDown, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GOV, pDown, daotypes.DECISION_OUTCOME_VOTED_DOWN)
	h.want(vetoed, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GOV, pVeto, daotypes.DECISION_OUTCOME_VOTED_DOWN)
	h.want(approved, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GOV, pApproved, daotypes.DECISION_OUTCOME_APPROVED)
	h.want(rejected, hashnfttypes.APPLICATION_STATUS_REJECTED, daotypes.PROPOSAL_KIND_GOV, pRejected, daotypes.DECISION_OUTCOME_REJECTED)
	h.want(failed, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GOV, pFailed, daotypes.DECISION_OUTCOME_FAILED)
	h.want(expired, hashnfttypes.APPLICATION_STATUS_PENDING, daotypes.PROPOSAL_KIND_GOV, pExpired, daotypes.DECISION_OUTCOME_EXPIRED)
	h.want(cancelled, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GOV, pCancelledAgain, daotypes.DECISION_OUTCOME_APPROVED)
	// Approved twice: two deposits back; rejected: one to the risk fund; the rest stay held.
	h.wantMoney("after the votes", miner0, fund0, h.deposit.MulRaw(2), h.deposit)
	if p, _ := h.App.HashnftKeeper.Applications.Get(h.Ctx(), notLinked); p.Status != hashnfttypes.APPLICATION_STATUS_PENDING {
		t.Fatalf("application %d is %s after a council proposal in the DAO phase", notLinked, p.Status)
	}
	h.CheckInvariants()
}
