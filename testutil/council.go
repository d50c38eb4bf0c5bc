package testutil

import (
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"
)

// CouncilPropose has council member 0 submit a council proposal carrying msgs, then members
// 1..yes-1 vote yes with immediate execution. It returns the proposal id.
func (e *Env) CouncilPropose(yes int, msgs ...sdk.Msg) uint64 {
	e.TB.Helper()
	id := e.CouncilSubmit(1, msgs...)
	for i := 1; i < yes; i++ {
		e.MustDeliver(e.Council[i], &group.MsgVote{
			ProposalId: id, Voter: e.Council[i].Addr.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY,
		})
	}
	return id
}

// Proposal reads a council proposal (it is pruned from state once executed).
func (e *Env) Proposal(id uint64) (*group.Proposal, error) {
	res, err := e.App.GroupKeeper.Proposal(e.Ctx(), &group.QueryProposalRequest{ProposalId: id})
	if err != nil {
		return nil, err
	}
	return res.Proposal, nil
}

// PassTime advances the chain by d in one block.
func (e *Env) PassTime(d time.Duration) {
	e.TB.Helper()
	e.NextBlockAt(e.Ctx().BlockTime().Add(d))
}

// CouncilSubmit has council member 0 submit a council proposal carrying msgs and members
// 0..yes-1 vote yes without executing it. It returns the proposal id.
func (e *Env) CouncilSubmit(yes int, msgs ...sdk.Msg) uint64 {
	e.TB.Helper()
	policy, err := e.App.DaoKeeper.CouncilPolicy.Get(e.Ctx())
	must(e.TB, err)
	prop, err := group.NewMsgSubmitProposal(sdk.AccAddress(policy).String(), []string{e.Council[0].Addr.String()},
		msgs, "", group.Exec_EXEC_UNSPECIFIED, "council proposal", "test")
	must(e.TB, err)
	res := e.MustDeliver(e.Council[0], prop)
	var out group.MsgSubmitProposalResponse
	must(e.TB, unpackMsgResponse(e, res.Data, &out))
	for i := 0; i < yes; i++ {
		e.MustDeliver(e.Council[i], &group.MsgVote{ProposalId: out.ProposalId, Voter: e.Council[i].Addr.String(), Option: group.VOTE_OPTION_YES})
	}
	return out.ProposalId
}
