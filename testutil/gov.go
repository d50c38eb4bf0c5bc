package testutil

import (
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
)

// GovPropose has the validator (the only bonded stake) submit an x/gov proposal carrying msgs,
// vote yes, and waits out the voting period. It returns the proposal's final status.
func (e *Env) GovPropose(msgs ...sdk.Msg) govv1.ProposalStatus {
	e.TB.Helper()
	params, err := e.App.GovKeeper.Params.Get(e.Ctx())
	must(e.TB, err)
	prop, err := govv1.NewMsgSubmitProposal(msgs, params.MinDeposit, e.Validator.Addr.String(), "", "dmex proposal", "test", false)
	must(e.TB, err)
	res := e.MustDeliver(e.Validator, prop)
	var out govv1.MsgSubmitProposalResponse
	must(e.TB, unpackMsgResponse(e, res.Data, &out))
	e.MustDeliver(e.Validator, govv1.NewMsgVote(e.Validator.Addr, out.ProposalId, govv1.OptionYes, ""))
	e.PassTime(*params.VotingPeriod + time.Second)
	p, err := e.App.GovKeeper.Proposals.Get(e.Ctx(), out.ProposalId)
	must(e.TB, err)
	return p.Status
}
