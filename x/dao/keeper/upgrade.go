package keeper

import (
	"context"
	"errors"
	"strings"

	errorsmod "cosmossdk.io/errors"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/dao/types"
)

// ScheduleUpgrade has x/upgrade schedule a software upgrade for the DMEX authority (the council
// or, in the DAO phase, x/gov). The plan is checked here first so that a refusal carries x/dao's
// code and names the values; a scheduled plan is replaced, as x/upgrade does.
func (m msgServer) ScheduleUpgrade(ctx context.Context, msg *types.MsgScheduleUpgrade) (*types.MsgScheduleUpgradeResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if strings.TrimSpace(msg.Name) == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidUpgrade, "upgrade name is empty")
	}
	// Above the current height, not at it: the plan must be in state before the block that runs
	// it begins, and a plan for the current block would only take effect in the next one.
	if current := sdk.UnwrapSDKContext(ctx).BlockHeight(); msg.Height <= current {
		return nil, errorsmod.Wrapf(types.ErrInvalidUpgrade, "upgrade %q height %d is not above the current height %d", msg.Name, msg.Height, current)
	}
	done, err := m.upgradeKeeper.GetDoneHeight(ctx, msg.Name)
	if err != nil {
		return nil, err
	}
	if done != 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidUpgrade, "upgrade %q was already applied at height %d", msg.Name, done)
	}
	plan := upgradetypes.Plan{Name: msg.Name, Height: msg.Height, Info: msg.Info}
	if err := m.upgradeKeeper.ScheduleUpgrade(ctx, plan); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidUpgrade, "upgrade %q at height %d: %s", msg.Name, msg.Height, err)
	}
	return &types.MsgScheduleUpgradeResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventUpgradeScheduled{Name: plan.Name, Height: plan.Height, Info: plan.Info})
}

// CancelUpgrade removes the scheduled upgrade plan.
func (m msgServer) CancelUpgrade(ctx context.Context, msg *types.MsgCancelUpgrade) (*types.MsgCancelUpgradeResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	plan, err := m.upgradeKeeper.GetUpgradePlan(ctx)
	if errors.Is(err, upgradetypes.ErrNoUpgradePlanFound) {
		return nil, errorsmod.Wrap(types.ErrNoUpgradeScheduled, "no upgrade plan to cancel")
	}
	if err != nil {
		return nil, err
	}
	if err := m.upgradeKeeper.ClearUpgradePlan(ctx); err != nil {
		return nil, err
	}
	return &types.MsgCancelUpgradeResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventUpgradeCancelled{Name: plan.Name, Height: plan.Height})
}
