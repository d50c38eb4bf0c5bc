package keeper_test

import (
	"math/rand"
	"testing"

	"cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// deliverWithGas delivers msgs signed by signer with a gas limit, and resyncs its sequence with
// the chain (a tx refused before its ante handler ran does not use one).
func deliverWithGas(h *hooksEnv, signer *testutil.Account, gas uint64, msgs ...sdk.Msg) (code uint32, codespace string, used, wanted int64) {
	h.t.Helper()
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(int64(gas))), h.App.TxConfig(), msgs,
		sdk.NewCoins(), gas, testutil.ChainID, []uint64{signer.AccNum}, []uint64{signer.Seq}, signer.Key)
	if err != nil {
		h.t.Fatal(err)
	}
	bz, err := h.App.TxConfig().TxEncoder()(tx)
	if err != nil {
		h.t.Fatal(err)
	}
	r := h.NextBlock(bz).TxResults[0]
	seq, err := h.App.AccountKeeper.GetSequence(h.Ctx(), signer.Addr)
	if err != nil {
		h.t.Fatal(err)
	}
	signer.Seq = seq
	return r.Code, r.Codespace, r.GasUsed, r.GasWanted
}

func (h *hooksEnv) councilProposals() int {
	policy, _ := h.App.DaoKeeper.CouncilPolicy.Get(h.Ctx())
	res, err := h.App.GroupKeeper.ProposalsByGroupPolicy(h.Ctx(), &group.QueryProposalsByGroupPolicyRequest{Address: sdk.AccAddress(policy).String()})
	if err != nil {
		h.t.Fatal(err)
	}
	return len(res.Proposals)
}

// A council member's MsgSubmitProposal whose gas runs out in x/dao's hook (after x/group stored
// the proposal) fails with ErrOutOfGas and leaves no proposal: the hook does not swallow the
// out-of-gas, so no proposal exists that the hooks never linked.
func TestCouncilSubmissionOutOfGasInTheHookAborts(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 2, NodePower: map[string]int64{"f01234": 1_000}, DMCPerAccount: math.NewInt(10_000_000_000)})
	h := &hooksEnv{Env: e, t: t, miner: e.Accounts[0], deposit: hashnfttypes.DefaultParams().ApplicationDeposit.Amount}
	auth, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	policy, _ := h.App.DaoKeeper.CouncilPolicy.Get(h.Ctx())
	member := h.Council[0]
	submit := func(appID uint64) sdk.Msg {
		m, err := group.NewMsgSubmitProposal(sdk.AccAddress(policy).String(), []string{member.Addr.String()},
			[]sdk.Msg{h.approve(appID, auth.String())}, "", group.Exec_EXEC_UNSPECIFIED, "council proposal", "test")
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	// The gas a linked submission uses, with plenty.
	first := h.apply()
	code, _, full, _ := deliverWithGas(h, member, 10_000_000, submit(first))
	if code != 0 {
		t.Fatalf("submission with plenty of gas: code %d", code)
	}
	if d := h.decision(first); d.Outcome != daotypes.DECISION_OUTCOME_OPEN {
		t.Fatalf("application %d not linked: %v", first, d)
	}

	// Below that, every limit either runs out (in x/group or in the hook) and changes nothing, or
	// is enough and links. The hook's own work (a proposal read, a decision, its index, a queued
	// check) is well above the 1,000-gas step, so several limits end inside the hook.
	app := h.apply()
	outOfGas := 0
	for gas := uint64(full) + 5_000; gas+60_000 > uint64(full); gas -= 1_000 {
		before := h.councilProposals()
		gs0, _ := h.App.DaoKeeper.ExportGenesis(h.Ctx())
		code, space, used, wanted := deliverWithGas(h, member, gas, submit(app))
		if code == 0 && used > wanted {
			t.Fatalf("gas limit %d: used %d above wanted %d (code %d)", gas, used, wanted, code)
		}
		if code == 0 {
			if d := h.decision(app); d.Outcome != daotypes.DECISION_OUTCOME_OPEN || h.councilProposals() != before+1 {
				t.Fatalf("gas limit %d: proposal stored but application %d decided by %v", gas, app, d)
			}
			app = h.apply() // the next attempts link a fresh application
			continue
		}
		if code != sdkerrors.ErrOutOfGas.ABCICode() || space != sdkerrors.ErrOutOfGas.Codespace() {
			t.Fatalf("gas limit %d: code %d (%s), want out of gas", gas, code, space)
		}
		gs1, _ := h.App.DaoKeeper.ExportGenesis(h.Ctx())
		if h.councilProposals() != before || gs1.String() != gs0.String() {
			t.Fatalf("gas limit %d: out of gas left %d proposals (was %d), dao state %v (was %v)", gas, h.councilProposals(), before, gs1, gs0)
		}
		outOfGas++
	}
	if outOfGas < 10 {
		t.Fatalf("only %d limits ran out of gas", outOfGas)
	}
	h.CheckInvariants()
}
