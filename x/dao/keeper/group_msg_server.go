package keeper

import (
	"context"

	"github.com/cosmos/cosmos-sdk/x/group"
)

// councilMsgServer is x/group's Msg service with x/dao's hooks after MsgSubmitProposal (link the
// proposal to the applications it approves), MsgVote with execution and MsgExec (record the
// approvals at once): x/group has no hooks of its own (see decisions.go).
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
	s.k.AfterCouncilProposalSubmitted(ctx, res.ProposalId)
	return res, nil
}

func (s councilMsgServer) Vote(ctx context.Context, msg *group.MsgVote) (*group.MsgVoteResponse, error) {
	res, err := s.MsgServer.Vote(ctx, msg)
	if err != nil {
		return nil, err
	}
	if msg.Exec == group.Exec_EXEC_TRY {
		s.k.AfterCouncilProposalExec(ctx, msg.ProposalId)
	}
	return res, nil
}

func (s councilMsgServer) Exec(ctx context.Context, msg *group.MsgExec) (*group.MsgExecResponse, error) {
	res, err := s.MsgServer.Exec(ctx, msg)
	if err != nil {
		return nil, err
	}
	s.k.AfterCouncilProposalExec(ctx, msg.ProposalId)
	return res, nil
}
