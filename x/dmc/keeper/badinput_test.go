package keeper_test

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// snapshot is the state a rejected message must leave as it was.
func (f *fixture) snapshot() string {
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	s := gs.String()
	for _, a := range f.e.Accounts {
		s += f.e.App.BankKeeper.GetAllBalances(f.ctx, a.Addr).String()
	}
	return s
}

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

	for _, tc := range []struct {
		name string
		run  func() error
		want *errorsmod.Error
	}{
		{"unknown farm", func() error {
			_, err := f.msg.Stake(f.ctx, &types.MsgStake{Staker: staker, FarmId: 99, Amount: coin("1uusdt")})
			return err
		}, types.ErrUnknownFarm},
		{"denom not accepted", func() error {
			_, err := f.msg.Stake(f.ctx, &types.MsgStake{Staker: staker, FarmId: usdt, Amount: coin("1uhusd")})
			return err
		}, types.ErrWrongDenom},
		{"zero amount", func() error {
			_, err := f.msg.Stake(f.ctx, &types.MsgStake{Staker: staker, FarmId: usdt, Amount: sdk.NewInt64Coin("uusdt", 0)})
			return err
		}, types.ErrInvalidAmount},
		{"above balance", func() error {
			_, err := f.msg.Stake(f.ctx, &types.MsgStake{Staker: staker, FarmId: usdt, Amount: coin("999999999999999uusdt")})
			return err
		}, sdkerrors.ErrInsufficientFunds},
		{"closed farm", func() error {
			_, err := f.msg.Stake(f.ctx, &types.MsgStake{Staker: staker, FarmId: closed, Amount: coin("1uht")})
			return err
		}, types.ErrFarmClosed},
		{"unstake more than staked", func() error {
			_, err := f.msg.Unstake(f.ctx, &types.MsgUnstake{Staker: staker, FarmId: usdt, Amount: coin("51uusdt")})
			return err
		}, types.ErrInsufficientStake},
		{"unstake without a position", func() error {
			_, err := f.msg.Unstake(f.ctx, &types.MsgUnstake{Staker: b.Addr.String(), FarmId: usdt, Amount: coin("1uusdt")})
			return err
		}, types.ErrInsufficientStake},
		{"claim with nothing pending", func() error {
			_, err := f.msg.Claim(f.ctx, &types.MsgClaim{Staker: b.Addr.String()})
			return err
		}, types.ErrNothingToClaim},
		{"claim from unknown farm", func() error {
			_, err := f.msg.Claim(f.ctx, &types.MsgClaim{Staker: staker, FarmId: 99})
			return err
		}, types.ErrUnknownFarm},
		{"create farm: not the authority", func() error {
			_, err := f.msg.CreateFarm(f.ctx, &types.MsgCreateFarm{Authority: staker, Program: types.PROGRAM_STAKED, Denom: "uhbtc", Weight: 1})
			return err
		}, daotypes.ErrUnauthorized},
		{"create farm: weight zero", func() error {
			_, err := f.msg.CreateFarm(f.ctx, &types.MsgCreateFarm{Authority: f.auth, Program: types.PROGRAM_STAKED, Denom: "uhbtc", Weight: 0})
			return err
		}, types.ErrInvalidFarm},
		{"create farm: no program", func() error {
			_, err := f.msg.CreateFarm(f.ctx, &types.MsgCreateFarm{Authority: f.auth, Denom: "uhbtc", Weight: 1})
			return err
		}, types.ErrInvalidFarm},
		{"create farm: same denom twice in a program", func() error {
			_, err := f.msg.CreateFarm(f.ctx, &types.MsgCreateFarm{Authority: f.auth, Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1})
			return err
		}, types.ErrInvalidFarm},
		{"reweight to zero (weights summing to zero)", func() error {
			_, err := f.msg.SetFarmWeight(f.ctx, &types.MsgSetFarmWeight{Authority: f.auth, FarmId: usdt, Weight: 0})
			return err
		}, types.ErrInvalidFarm},
		{"reweight: not the authority", func() error {
			_, err := f.msg.SetFarmWeight(f.ctx, &types.MsgSetFarmWeight{Authority: staker, FarmId: usdt, Weight: 2})
			return err
		}, daotypes.ErrUnauthorized},
		{"close twice", func() error {
			_, err := f.msg.CloseFarm(f.ctx, &types.MsgCloseFarm{Authority: f.auth, FarmId: closed})
			return err
		}, types.ErrFarmClosed},
		{"shares not summing to 100%", func() error {
			p, _ := f.k.Params.Get(f.ctx)
			p.StakedShareBps = 1_001
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}, types.ErrInvalidParams},
		{"halving blocks zero", func() error {
			p, _ := f.k.Params.Get(f.ctx)
			p.HalvingBlocks = 0
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}, types.ErrInvalidParams},
		{"mining cap below what is minted", func() error {
			p, _ := f.k.Params.Get(f.ctx)
			p.MiningCap = types.DMC(0)
			p.MaxSupply = p.GenesisSupply
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.auth, Params: p})
			return err
		}, types.ErrInvalidParams},
		{"params: not the authority", func() error {
			p, _ := f.k.Params.Get(f.ctx)
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: staker, Params: p})
			return err
		}, daotypes.ErrUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot()
			// A message runs in a cache context that is dropped on error, as in a transaction.
			ctx := f.ctx
			f.ctx, _ = ctx.CacheContext()
			err := tc.run()
			f.ctx = ctx
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if after := f.snapshot(); after != before {
				t.Fatal("state changed")
			}
		})
	}
}
