package keeper

import (
	"context"

	"github.com/cosmos/cosmos-sdk/x/group"
)

// councilMsgServer is x/group's Msg service with x/dao's hook after MsgSubmitProposal: x/group
// has no hooks of its own, and a council proposal that approves an application must be linked
// to it (see decisions.go).
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
