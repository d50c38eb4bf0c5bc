package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// The governance side of applications: x/dao's hooks record which council or x/gov proposal
// decides an application (its decisions of module "hashnft"); only an executed
// MsgApproveApplication or MsgRejectApplication (or the application's ttl) closes it (see x/dao's
// README). The app registers GovernanceDecider with x/dao.

// GovernanceDecider is x/hashnft's daotypes.Decider: its items are product applications.
func (k Keeper) GovernanceDecider() daotypes.Decider { return applicationDecider{k: k} }

type applicationDecider struct{ k Keeper }

var _ daotypes.Decider = applicationDecider{}

// Decision reads MsgApproveApplication and MsgRejectApplication.
func (applicationDecider) Decision(msg sdk.Msg) (daotypes.DecisionMsg, bool) {
	switch m := msg.(type) {
	case *types.MsgApproveApplication:
		return daotypes.DecisionMsg{ItemID: m.ApplicationId, Authority: m.Authority, Approve: true}, true
	case *types.MsgRejectApplication:
		return daotypes.DecisionMsg{ItemID: m.ApplicationId, Authority: m.Authority}, true
	}
	return daotypes.DecisionMsg{}, false
}

// ItemState says whether an application is pending, or approved.
func (d applicationDecider) ItemState(ctx context.Context, id uint64) (pending, approved bool, err error) {
	return d.k.ApplicationState(ctx, id)
}

// ApplicationState says whether an application is pending, or approved.
func (k Keeper) ApplicationState(ctx context.Context, id uint64) (pending, approved bool, err error) {
	a, err := k.getApplication(ctx, id)
	if err != nil {
		return false, false, err
	}
	return a.Status == types.APPLICATION_STATUS_PENDING, a.Status == types.APPLICATION_STATUS_APPROVED, nil
}
