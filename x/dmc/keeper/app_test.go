package keeper_test

import (
	"errors"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	"github.com/dmexchain/dmex/x/dmc/types"
)

func newQuery(e *testutil.Env) types.QueryServer {
	return dmckeeper.NewQueryServerImpl(e.App.DmcKeeper)
}

// appSnapshot is x/dmc's state and the accounts' balances on the committed chain.
func appSnapshot(t *testing.T, e *testutil.Env) string {
	t.Helper()
	gs, err := e.App.DmcKeeper.ExportGenesis(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	s := gs.String()
	for _, a := range e.Accounts {
		s += e.App.BankKeeper.GetAllBalances(e.Ctx(), a.Addr).String()
	}
	return s
}

// Every error an x/dmc message returns reaches the client with its registered code and the
// "dmc" codespace, params errors included, and changes nothing. The authority's messages run
// through the app's message router and ABCIInfo, exactly as BaseApp turns a message's error
// into a transaction result (the authority is a group policy and cannot sign a transaction);
// the stakers' messages are real transactions.
func TestMsgErrorsCarryTheirCodeThroughTheApp(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	// The staked program gets no share, so that blocks mint nothing and a rejected transaction's
	// block leaves x/dmc exactly as it was.
	params, err := e.App.DmcKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	params.BehavioralShareBps, params.LiquidityShareBps, params.StakedShareBps = 4_000, 6_000, 0
	e.CouncilPropose(4,
		&types.MsgUpdateParams{Authority: auth.String(), Params: params},
		&types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1})
	alice, bob := e.Accounts[0], e.Accounts[1]
	e.MustDeliver(alice, &types.MsgStake{Staker: alice.Addr.String(), FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 10)})
	with := func(edit func(*types.Params)) *types.MsgUpdateParams {
		p := params
		edit(&p)
		return &types.MsgUpdateParams{Authority: auth.String(), Params: p}
	}

	for _, tc := range []struct {
		name string
		msg  sdk.Msg
		want *errorsmod.Error
	}{
		{"params: shares not adding up", with(func(p *types.Params) { p.StakedShareBps = 1 }), types.ErrInvalidParams},
		{"params: halving_blocks zero", with(func(p *types.Params) { p.HalvingBlocks = 0 }), types.ErrInvalidParams},
		{"params: max_supply off", with(func(p *types.Params) { p.MaxSupply = p.MaxSupply.AddRaw(1) }), types.ErrInvalidParams},
		{"params: blocks_per_day zero", with(func(p *types.Params) { p.BlocksPerDay = 0 }), types.ErrInvalidParams},
		{"params: max_farms zero", with(func(p *types.Params) { p.MaxFarms = 0 }), types.ErrInvalidParams},
		{"params: negative burn floor", with(func(p *types.Params) { p.BurnFloor = p.BurnFloor.Neg() }), types.ErrInvalidParams},
		{"params: genesis_supply changed", with(func(p *types.Params) {
			p.GenesisSupply, p.MiningCap = p.GenesisSupply.SubRaw(1), p.MiningCap.AddRaw(1)
		}), types.ErrInvalidParams},
		{"farm: unknown program", &types.MsgCreateFarm{Authority: auth.String(), Denom: "uht", Weight: 1}, types.ErrInvalidFarm},
		{"farm: reweight unknown", &types.MsgSetFarmWeight{Authority: auth.String(), FarmId: 9, Weight: 1}, types.ErrUnknownFarm},
		{"stake: bad staker address", &types.MsgStake{Staker: "dmex1notanaddress", FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 1)}, types.ErrInvalidAddress},
		{"claim: bad staker address", &types.MsgClaim{Staker: "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a"}, types.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := appSnapshot(t, e)
			ctx, _ := e.Ctx().CacheContext()
			_, err := e.App.MsgServiceRouter().Handler(tc.msg)(ctx, tc.msg)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			codespace, code, _ := errorsmod.ABCIInfo(err, false)
			if code != tc.want.ABCICode() || codespace != types.ModuleName {
				t.Fatalf("ABCI code %d codespace %q, want %d %q (%v)", code, codespace, tc.want.ABCICode(), types.ModuleName, err)
			}
			if appSnapshot(t, e) != before {
				t.Fatal("state changed")
			}
		})
	}

	for _, tc := range []struct {
		name   string
		signer *testutil.Account
		msg    sdk.Msg
		want   *errorsmod.Error
	}{
		{"stake in an unknown farm", alice, &types.MsgStake{Staker: alice.Addr.String(), FarmId: 9, Amount: sdk.NewInt64Coin("uusdt", 1)}, types.ErrUnknownFarm},
		{"stake the wrong denom", alice, &types.MsgStake{Staker: alice.Addr.String(), FarmId: 1, Amount: sdk.NewInt64Coin("uht", 1)}, types.ErrWrongDenom},
		{"unstake more than staked", alice, &types.MsgUnstake{Staker: alice.Addr.String(), FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 11)}, types.ErrInsufficientStake},
		{"claim with nothing pending", bob, &types.MsgClaim{Staker: bob.Addr.String()}, types.ErrNothingToClaim},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := appSnapshot(t, e)
			res := e.Deliver(tc.signer, tc.msg)
			if res.Code != tc.want.ABCICode() || res.Codespace != types.ModuleName {
				t.Fatalf("tx code %d codespace %q, want %d %q: %s", res.Code, res.Codespace, tc.want.ABCICode(), types.ModuleName, res.Log)
			}
			if appSnapshot(t, e) != before {
				t.Fatal("state changed")
			}
		})
	}
}

// A staker spelling its address in upper case (valid bech32) is the same staker: its
// position, events and queries carry the canonical lower-case address.
func TestUppercaseStakerIsNormalized(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	e.CouncilPropose(4, &types.MsgCreateFarm{Authority: auth.String(), Program: types.PROGRAM_STAKED, Denom: "uusdt", Weight: 1})
	alice := e.Accounts[0]
	lower, upper := alice.Addr.String(), strings.ToUpper(alice.Addr.String())

	res := e.MustDeliver(alice, &types.MsgStake{Staker: upper, FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 10)})
	if got := testutil.EventAttr(res.Events, "dmex.dmc.v1.EventStaked", "staker"); got != lower {
		t.Fatalf("EventStaked staker %q, want %q", got, lower)
	}
	e.NextBlock()
	e.NextBlock()
	q := e.App.DmcKeeper
	gs, err := q.ExportGenesis(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	if len(gs.Positions) != 1 || gs.Positions[0].Staker != lower {
		t.Fatalf("positions %v, want one of %s", gs.Positions, lower)
	}
	for _, spelling := range []string{lower, upper} {
		pos, err := newQuery(e).Positions(e.Ctx(), &types.QueryPositionsRequest{Staker: spelling})
		if err != nil {
			t.Fatal(err)
		}
		if len(pos.Positions) != 1 || pos.Positions[0].Position.Staker != lower || !pos.TotalPending.IsPositive() {
			t.Fatalf("positions of %s: %v", spelling, pos)
		}
	}
	res = e.MustDeliver(alice, &types.MsgClaim{Staker: upper})
	if got := testutil.EventAttr(res.Events, "dmex.dmc.v1.EventRewardsClaimed", "staker"); got != lower {
		t.Fatalf("EventRewardsClaimed staker %q, want %q", got, lower)
	}
	res = e.MustDeliver(alice, &types.MsgUnstake{Staker: upper, FarmId: 1, Amount: sdk.NewInt64Coin("uusdt", 10)})
	if got := testutil.EventAttr(res.Events, "dmex.dmc.v1.EventUnstaked", "staker"); got != lower {
		t.Fatalf("EventUnstaked staker %q, want %q", got, lower)
	}
}
