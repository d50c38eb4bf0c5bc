package keeper

import (
	"context"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// The governance side of applications: x/dao's hooks record which council or x/gov proposal
// decides an application; only an executed MsgApproveApplication or MsgRejectApplication (or the
// application's ttl) closes it (see x/dao's README).

// ApplicationState says whether an application is pending, or approved.
func (k Keeper) ApplicationState(ctx context.Context, id uint64) (pending, approved bool, err error) {
	a, err := k.getApplication(ctx, id)
	if err != nil {
		return false, false, err
	}
	return a.Status == types.APPLICATION_STATUS_PENDING, a.Status == types.APPLICATION_STATUS_APPROVED, nil
}
