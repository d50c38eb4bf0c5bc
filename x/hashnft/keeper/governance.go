package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// The governance side of applications: x/dao's hooks link a council or x/gov proposal that
// approves an application to it, and reject the application when that proposal ends without
// approving it (see x/dao's README).

// PendingApprovals returns the ids of the pending applications that msgs approve with the current
// DMEX authority as signer: the approvals a proposal could execute.
func (k Keeper) PendingApprovals(ctx context.Context, msgs []sdk.Msg) ([]uint64, error) {
	var ids []uint64
	for _, m := range msgs {
		approve, ok := m.(*types.MsgApproveApplication)
		if !ok || k.authority.CheckAuthority(ctx, approve.Authority) != nil {
			continue
		}
		a, err := k.getApplication(ctx, approve.ApplicationId)
		if err != nil || a.Status != types.APPLICATION_STATUS_PENDING {
			continue
		}
		ids = append(ids, a.Id)
	}
	return ids, nil
}

// ApplicationState says whether an application is pending, or approved.
func (k Keeper) ApplicationState(ctx context.Context, id uint64) (pending, approved bool, err error) {
	a, err := k.getApplication(ctx, id)
	if err != nil {
		return false, false, err
	}
	return a.Status == types.APPLICATION_STATUS_PENDING, a.Status == types.APPLICATION_STATUS_APPROVED, nil
}

// RejectByProposal rejects a pending application whose approval proposal ended without approving
// it: voted down, its deposit goes to the risk fund (forfeit, SPEC §4); undecided (expired, or
// passed but failed to execute), it goes back to the miner.
func (k Keeper) RejectByProposal(ctx context.Context, id uint64, forfeit bool, reason string) error {
	a, err := k.pending(ctx, id)
	if err != nil {
		return err
	}
	return k.closeApplication(ctx, a, types.APPLICATION_STATUS_REJECTED, reason, forfeit)
}
