package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/dao/types"
)

type queryServer struct{ Keeper }

// NewQueryServerImpl returns the x/dao Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

var _ types.QueryServer = queryServer{}

func (q queryServer) Authority(ctx context.Context, _ *types.QueryAuthorityRequest) (*types.QueryAuthorityResponse, error) {
	auth, err := q.GetAuthority(ctx)
	if err != nil {
		return nil, err
	}
	phase, err := q.Phase(ctx)
	if err != nil {
		return nil, err
	}
	groupID, _ := q.CouncilGroupID.Get(ctx)
	policy, _ := q.CouncilPolicy.Get(ctx)
	return &types.QueryAuthorityResponse{
		Authority:      q.addrString(auth),
		Phase:          phase,
		CouncilGroupId: groupID,
		CouncilPolicy:  q.addrString(policy),
		Foundation:     q.addrString(q.authKeeper.GetModuleAddress(modaccounts.Foundation)),
	}, nil
}

func (q queryServer) Decision(ctx context.Context, req *types.QueryDecisionRequest) (*types.QueryDecisionResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if !q.IsDecisionModule(req.Module) {
		return nil, errorsmod.Wrapf(types.ErrUnknownDecisionModule, "module %q: want one of %v", req.Module, q.DecisionModules())
	}
	d, err := q.Decisions.Get(ctx, collections.Join(req.Module, req.ItemId))
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrNoDecision, "%s item %d: no council or gov proposal has proposed to decide it", req.Module, req.ItemId)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryDecisionResponse{Decision: d}, nil
}

func (q queryServer) ProposalDecisions(ctx context.Context, req *types.QueryProposalDecisionsRequest) (*types.QueryProposalDecisionsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	kind, ok := types.ParseKind(req.Kind)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "proposal kind %q: want group or gov", req.Kind)
	}
	ds, err := q.DecisionsOf(ctx, kind, req.ProposalId, false)
	if err != nil {
		return nil, err
	}
	return &types.QueryProposalDecisionsResponse{Decisions: ds}, nil
}
