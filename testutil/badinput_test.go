package testutil

import (
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// The bad-input helper passes a row that fails as it says and changes nothing, and fails a row
// that succeeds, fails with another error, does not name its value, or writes before failing.
func TestBadInputsCatchesWrongRows(t *testing.T) {
	e := New(t, Options{Accounts: 1})
	staker := e.Accounts[0].Addr.String()
	pauper := sdk.AccAddress("an account, no coins").String()
	unknownFarm := &dmctypes.MsgStake{Staker: staker, FarmId: 9, Amount: sdk.NewInt64Coin("uusdt", 1)}
	// x/gov stores the proposal, then fails to take the deposit: a handler that writes and fails.
	writesThenFails := &govv1.MsgSubmitProposal{
		Proposer: pauper, Title: "t", Summary: "s", Metadata: "m",
		InitialDeposit: sdk.NewCoins(sdk.NewInt64Coin("udmc", 1_000_000)),
	}
	good := BadInput{Name: "stake in an unknown farm", Msg: unknownFarm, Err: dmctypes.ErrUnknownFarm, Says: "9"}
	BadInputs(t, e.App, e.Ctx(), []BadInput{good})

	for _, tc := range []struct {
		row  BadInput
		says string // what the helper must complain of
	}{
		{BadInput{Msg: unknownFarm, Err: dmctypes.ErrWrongDenom}, "want"},
		{BadInput{Msg: unknownFarm, Err: dmctypes.ErrUnknownFarm, Says: "farm 10"}, "does not say"},
		{BadInput{Msg: unknownFarm}, "no registered error"},
		{BadInput{Msg: writesThenFails, Err: sdkerrors.ErrInsufficientFunds}, "changed the stores [gov]"},
	} {
		got := checkBadInput(e.App, e.Ctx(), tc.row)
		if got == "" || !strings.Contains(got, tc.says) {
			t.Errorf("%T row: helper says %q, want a complaint with %q", tc.row.Msg, got, tc.says)
		}
	}

	// A message that succeeds is a wrong row: stake what alice holds in a farm that exists.
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	must(t, err)
	e.CouncilPropose(4, &dmctypes.MsgCreateFarm{Authority: auth.String(), Program: dmctypes.PROGRAM_STAKED, Denom: "uusdt", Weight: 1})
	ok := &dmctypes.MsgStake{Staker: staker, FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 1)}
	if got := checkBadInput(e.App, e.Ctx(), BadInput{Msg: ok, Err: dmctypes.ErrUnknownFarm}); !strings.Contains(got, "succeeded") {
		t.Errorf("a message that succeeds: helper says %q", got)
	}
}
