package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"
)

// councilMsgServer is x/group's Msg service with x/dao's hooks after MsgSubmitProposal (link the
// proposal to the applications it decides), MsgVote with execution and MsgExec (record the
// executed decisions at once): x/group has no hooks of its own (see decisions.go).
type councilMsgServer struct {
	group.MsgServer
	k Keeper
}

// NewCouncilMsgServer wraps x/group's Msg service; the app registers it in x/group's place.
func NewCouncilMsgServer(inner group.MsgServer, k Keeper) group.MsgServer {
	return councilMsgServer{MsgServer: inner, k: k}
}

func (s councilMsgServer) SubmitProposal(ctx context.Context, msg *group.MsgSubmitProposal) (*group.MsgSubmitProposalResponse, error) {
	res, err := s.MsgServer.SubmitProposal(ctx, msg)
	if err != nil {
		return nil, err
	}
	msgs, err := msg.GetMsgs()
	if err == nil {
		s.k.AfterCouncilProposalSubmitted(ctx, res.ProposalId, msgs)
	}
	return res, nil
}

func (s councilMsgServer) Vote(ctx context.Context, msg *group.MsgVote) (*group.MsgVoteResponse, error) {
	var msgs []sdk.Msg
	if msg.Exec == group.Exec_EXEC_TRY {
		msgs = s.k.councilProposalMsgs(ctx, msg.ProposalId) // before x/group prunes it
	}
	res, err := s.MsgServer.Vote(ctx, msg)
	if err != nil {
		return nil, err
	}
	if msg.Exec == group.Exec_EXEC_TRY {
		s.k.AfterCouncilProposalExec(ctx, msg.ProposalId, msgs)
	}
	return res, nil
}

func (s councilMsgServer) Exec(ctx context.Context, msg *group.MsgExec) (*group.MsgExecResponse, error) {
	msgs := s.k.councilProposalMsgs(ctx, msg.ProposalId) // before x/group prunes it
	res, err := s.MsgServer.Exec(ctx, msg)
	if err != nil {
		return nil, err
	}
	if res.Result == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS {
		s.k.AfterCouncilProposalExec(ctx, msg.ProposalId, msgs)
	}
	return res, nil
}
