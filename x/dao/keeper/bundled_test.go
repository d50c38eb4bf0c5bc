package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// wantUndecided checks that application id is still pending, that no proposal decides it, and
// that no money moved since miner0/fund0.
func (h *hooksEnv) wantUndecided(what string, id uint64, miner0, fund0 math.Int) {
	h.t.Helper()
	if got := h.status(id); got != hashnfttypes.APPLICATION_STATUS_PENDING {
		h.t.Fatalf("%s: application %d is %s, want pending", what, id, got)
	}
	if d, err := keeper.NewQueryServerImpl(h.App.DaoKeeper).Decision(h.Ctx(), &daotypes.QueryDecisionRequest{Module: hashnfttypes.ModuleName, ItemId: id}); !daotypes.ErrNoDecision.Is(err) {
		h.t.Fatalf("%s: application %d decided by %v (%v), want no decision", what, id, d, err)
	}
	h.wantMoney(what, miner0, fund0, math.ZeroInt(), math.ZeroInt())
}

// An attacker cannot decide an application by bundling its approval with something voters must
// refuse: in the DAO phase, [approve, spend the foundation to me] voted down, and an unfunded
// copy of it expiring, leave the application pending with its deposit, and a genuine proposal
// then decides it.
func TestGovBundledApprovalDecidesNothing(t *testing.T) {
	h := newHooksEnv(t)
	council, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	h.CouncilPropose(4, &daotypes.MsgUpdateAuthority{Authority: council.String(), NewAuthority: gov})
	params, _ := h.App.GovKeeper.Params.Get(h.Ctx())
	attacker := h.Accounts[1].Addr.String()
	steal := &daotypes.MsgSpendFoundation{Authority: gov, Recipient: attacker, Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 1_000_000_000))}

	app := h.apply()
	miner0, fund0 := h.balances()
	h.govSubmit(params.MinDeposit, govv1.OptionNo, h.approve(app, gov), steal)
	ratio := math.LegacyMustNewDecFromStr(params.MinDepositRatio)
	initial := sdk.NewCoins(sdk.NewCoin("udmc", ratio.MulInt(sdk.Coins(params.MinDeposit).AmountOf("udmc")).Ceil().TruncateInt()))
	h.govSubmit(initial, govv1.OptionEmpty, h.approve(app, gov), steal)
	h.wantUndecided("submitted", app, miner0, fund0)

	wait := *params.VotingPeriod
	if *params.MaxDepositPeriod > wait {
		wait = *params.MaxDepositPeriod
	}
	h.PassTime(wait + time.Second)
	h.wantUndecided("voted down and expired", app, miner0, fund0)

	// A genuine proposal decides it.
	p := h.govSubmit(params.MinDeposit, govv1.OptionYes, h.approve(app, gov))
	h.PassTime(*params.VotingPeriod + time.Second)
	h.want(app, hashnfttypes.APPLICATION_STATUS_APPROVED, daotypes.PROPOSAL_KIND_GOV, p, daotypes.DECISION_OUTCOME_APPROVED)
	h.wantMoney("approved", miner0, fund0, h.deposit, math.ZeroInt())
	h.CheckInvariants()
}

// The same for the council: a bundled proposal voted down, and one accepted but never executed,
// leave the application pending with its deposit.
func TestCouncilBundledApprovalDecidesNothing(t *testing.T) {
	h := newHooksEnv(t)
	auth, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	a := auth.String()
	steal := &daotypes.MsgSpendFoundation{Authority: a, Recipient: h.Accounts[1].Addr.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin("udmc", 1_000_000_000))}

	votedDown, expired := h.apply(), h.apply()
	miner0, fund0 := h.balances()
	h.CouncilSubmit(3, h.approve(votedDown, a), steal)
	h.CouncilSubmit(4, steal, h.approve(expired, a))
	h.wantUndecided("submitted", votedDown, miner0, fund0)
	h.wantUndecided("submitted", expired, miner0, fund0)

	h.PassTime(time.Hour + time.Second)
	h.NextBlock()
	h.wantUndecided("voted down", votedDown, miner0, fund0)
	h.PassTime(14 * 24 * time.Hour)
	h.NextBlock()
	h.wantUndecided("never executed", expired, miner0, fund0)
	if gs, _ := h.App.DaoKeeper.ExportGenesis(h.Ctx()); len(gs.Decisions)+len(gs.CouncilChecks)+len(gs.CouncilExpiries) != 0 {
		t.Fatalf("dao keeps %v", gs)
	}
	h.CheckInvariants()
}
