package keeper_test

import (
	"context"
	"errors"
	"testing"

	"cosmossdk.io/core/header"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
)

// Each bad upgrade message is x/dao's registered error naming the value, and changes no store.
func TestUpgradeBadInput(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth := authority(e).String()
	user := e.Accounts[0].Addr.String()
	h := e.Ctx().BlockHeight()

	// An upgrade already applied: its name cannot be scheduled again.
	e.App.UpgradeKeeper.SetUpgradeHandler("v0-done", func(_ context.Context, _ upgradetypes.Plan, vm module.VersionMap) (module.VersionMap, error) {
		return vm, nil
	})
	// x/upgrade records the done height from the header info, which a test context lacks.
	applyCtx := e.Ctx().WithHeaderInfo(header.Info{Height: h})
	if err := e.App.UpgradeKeeper.ApplyUpgrade(applyCtx, upgradetypes.Plan{Name: "v0-done", Height: h}); err != nil {
		t.Fatal(err)
	}

	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{
		{Name: "schedule by a user", Msg: &daotypes.MsgScheduleUpgrade{Authority: user, Name: "v2", Height: h + 10}, Err: daotypes.ErrUnauthorized, Says: user},
		{Name: "schedule signed by a malformed address", Msg: &daotypes.MsgScheduleUpgrade{Authority: "dmex1nope", Name: "v2", Height: h + 10}, Err: daotypes.ErrInvalidAddress, Says: "dmex1nope"},
		{Name: "schedule with no name", Msg: &daotypes.MsgScheduleUpgrade{Authority: auth, Name: " ", Height: h + 10}, Err: daotypes.ErrInvalidUpgrade, Says: "name is empty"},
		{Name: "schedule at the current height", Msg: &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "v2", Height: h}, Err: daotypes.ErrInvalidUpgrade, Says: "not above the current height"},
		{Name: "schedule in the past", Msg: &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "v2", Height: 1}, Err: daotypes.ErrInvalidUpgrade, Says: "height 1 is not above"},
		{Name: "schedule at a negative height", Msg: &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "v2", Height: -5}, Err: daotypes.ErrInvalidUpgrade, Says: "-5"},
		{Name: "schedule a name already applied", Msg: &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "v0-done", Height: h + 10}, Err: daotypes.ErrInvalidUpgrade, Says: "already applied"},
		{Name: "cancel by a user", Msg: &daotypes.MsgCancelUpgrade{Authority: user}, Err: daotypes.ErrUnauthorized, Says: user},
		{Name: "cancel with none scheduled", Msg: &daotypes.MsgCancelUpgrade{Authority: auth}, Err: daotypes.ErrNoUpgradeScheduled, Says: "no upgrade plan"},
	})
	e.CheckInvariants()
}

// The authority schedules a plan (x/upgrade holds it, an event names it), replaces it with
// another, and cancels it; a user's cancel leaves it in place.
func TestScheduleAndCancelUpgrade(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth := authority(e).String()
	ms := daoMsgServer(e)
	ctx := e.Ctx().WithEventManager(sdk.NewEventManager())
	h := ctx.BlockHeight()

	if _, err := ms.ScheduleUpgrade(ctx, &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "v2", Height: h + 100, Info: "notes"}); err != nil {
		t.Fatal(err)
	}
	plan, err := e.App.UpgradeKeeper.GetUpgradePlan(ctx)
	if err != nil || plan.Name != "v2" || plan.Height != h+100 || plan.Info != "notes" {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	if !hasEvent(ctx, "dmex.dao.v1.EventUpgradeScheduled") {
		t.Fatal("no EventUpgradeScheduled")
	}
	if _, err := ms.ScheduleUpgrade(ctx, &daotypes.MsgScheduleUpgrade{Authority: auth, Name: "v2b", Height: h + 50}); err != nil {
		t.Fatal(err)
	}
	if plan, _ := e.App.UpgradeKeeper.GetUpgradePlan(ctx); plan.Name != "v2b" || plan.Height != h+50 {
		t.Fatalf("the second plan did not replace the first: %+v", plan)
	}
	if _, err := ms.CancelUpgrade(ctx, &daotypes.MsgCancelUpgrade{Authority: e.Accounts[0].Addr.String()}); !errors.Is(err, daotypes.ErrUnauthorized) {
		t.Fatalf("a user's cancel: %v", err)
	}
	if _, err := ms.CancelUpgrade(ctx, &daotypes.MsgCancelUpgrade{Authority: auth}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.App.UpgradeKeeper.GetUpgradePlan(ctx); !errors.Is(err, upgradetypes.ErrNoUpgradePlanFound) {
		t.Fatalf("plan still scheduled after the cancel: %v", err)
	}
	if !hasEvent(ctx, "dmex.dao.v1.EventUpgradeCancelled") {
		t.Fatal("no EventUpgradeCancelled")
	}
}

func hasEvent(ctx sdk.Context, typ string) bool {
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type == typ {
			return true
		}
	}
	return false
}
