package keeper

import (
	"context"

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
		Foundation:     q.addrString(q.authKeeper.GetModuleAddress(types.FoundationAccount)),
	}, nil
}
