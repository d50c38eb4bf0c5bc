package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// Each bad staking or farm message is a registered error, with its ABCI code, and changes no
// store (testutil.BadInputs).
func TestStakingBadInputChangesNothing(t *testing.T) {
	f := newFixture(t)
	usdt := f.farm(types.PROGRAM_STAKED, "uusdt", 1)
	closed := f.farm(types.PROGRAM_STAKED, "uht", 1)
	if _, err := f.msg.CloseFarm(f.ctx, &types.MsgCloseFarm{Authority: f.auth, FarmId: closed}); err != nil {
		t.Fatal(err)
	}
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	f.stake(a, usdt, "50uusdt")
	f.mine()
	staker := a.Addr.String()
	coin := func(s string) sdk.Coin { c, _ := sdk.ParseCoinNormalized(s); return c }
	params := func(edit func(*types.Params)) *types.MsgUpdateParams {
		p, err := f.k.Params.Get(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		edit(&p)
		return &types.MsgUpdateParams{Authority: f.auth, Params: p}
	}

	testutil.BadInputs(t, f.e.App, f.ctx, []testutil.BadInput{
		{Name: "unknown farm", Msg: &types.MsgStake{Staker: staker, FarmId: 99, Amount: coin("1uusdt")}, Err: types.ErrUnknownFarm},
		{Name: "denom not accepted", Msg: &types.MsgStake{Staker: staker, FarmId: usdt, Amount: coin("1uhusd")}, Err: types.ErrWrongDenom},
		{Name: "zero amount", Msg: &types.MsgStake{Staker: staker, FarmId: usdt, Amount: sdk.NewInt64Coin("uusdt", 0)}, Err: types.ErrInvalidAmount},
		{Name: "above balance", Msg: &types.MsgStake{Staker: staker, FarmId: usdt, Amount: coin("999999999999999uusdt")}, Err: sdkerrors.ErrInsufficientFunds},
		{Name: "closed farm", Msg: &types.MsgStake{Staker: staker, FarmId: closed, Amount: coin("1uht")}, Err: types.ErrFarmClosed},
		{Name: "unstake more than staked", Msg: &types.MsgUnstake{Staker: staker, FarmId: usdt, Amount: coin("51uusdt")}, Err: types.ErrInsufficientStake},
		{Name: "unstake without a position", Msg: &types.MsgUnstake{Staker: b.Addr.String(), FarmId: usdt, Amount: coin("1uusdt")}, Err: types.ErrInsufficientStake},
		{Name: "claim with nothing pending", Msg: &types.MsgClaim{Staker: b.Addr.String()}, Err: types.ErrNothingToClaim},
		{Name: "claim from unknown farm", Msg: &types.MsgClaim{Staker: staker, FarmId: 99}, Err: types.ErrUnknownFarm},
		{Name: "create farm: not the authority", Msg: &types.MsgCreateFarm{Authority: staker, Program: types.PROGRAM_STAKED, Denom: "uhbtc", Weight: 1}, Err: daotypes.ErrUnauthorized},
		{Name: "create farm: weight zero", Msg: &types.MsgCreateFarm{Authority: f.auth, Program: types.PROGRAM_STAKED, Denom: "uhbtc", Weight: 0}, Err: types.ErrInvalidFarm},
		{Name: "create farm: no program", Msg: &types.MsgCreateFarm{Authority: f.auth, Denom: "uhbtc", Weight: 1}, Err: types.ErrInvalidFarm},
		{Name: "create farm: same denom twice in a program", Msg: &types.MsgCreateFarm{Authority: f.auth, Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1}, Err: types.ErrInvalidFarm},
		{Name: "reweight to zero (weights summing to zero)", Msg: &types.MsgSetFarmWeight{Authority: f.auth, FarmId: usdt, Weight: 0}, Err: types.ErrInvalidFarm},
		{Name: "reweight: not the authority", Msg: &types.MsgSetFarmWeight{Authority: staker, FarmId: usdt, Weight: 2}, Err: daotypes.ErrUnauthorized},
		{Name: "close twice", Msg: &types.MsgCloseFarm{Authority: f.auth, FarmId: closed}, Err: types.ErrFarmClosed},
		{Name: "shares not summing to 100%", Msg: params(func(p *types.Params) { p.StakedShareBps = 1_001 }), Err: types.ErrInvalidParams},
		{Name: "halving blocks zero", Msg: params(func(p *types.Params) { p.HalvingBlocks = 0 }), Err: types.ErrInvalidParams},
		{Name: "mining cap below what is minted", Msg: params(func(p *types.Params) { p.MiningCap = types.DMC(0); p.MaxSupply = p.GenesisSupply }), Err: types.ErrInvalidParams},
		{Name: "params: not the authority", Msg: &types.MsgUpdateParams{Authority: staker, Params: params(func(*types.Params) {}).Params}, Err: daotypes.ErrUnauthorized},
	})
}
