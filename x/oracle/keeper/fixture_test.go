package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/oracle/keeper"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// day0 is the oracle day the fixture starts in.
const day0 = uint64(20_000)

// fixture is a real app with a cached context in which keeper calls run directly.
type fixture struct {
	t     *testing.T
	e     *testutil.Env
	ctx   sdk.Context
	k     keeper.Keeper
	msg   types.MsgServer
	query types.QueryServer
	auth  string
	// feeders and operators are fresh addresses (not funded).
	feeders, operators []string
}

func newFixture(t *testing.T) *fixture {
	e := testutil.New(t, testutil.Options{Accounts: 3})
	ctx, _ := e.Ctx().CacheContext()
	ctx = ctx.WithBlockTime(time.Unix(int64(day0*types.DefaultDaySeconds)+3600, 0).UTC())
	auth, err := e.App.DaoKeeper.GetAuthority(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, e: e, ctx: ctx, k: e.App.OracleKeeper, msg: keeper.NewMsgServerImpl(e.App.OracleKeeper),
		query: keeper.NewQueryServerImpl(e.App.OracleKeeper), auth: auth.String()}
	for i := 0; i < 4; i++ {
		f.feeders = append(f.feeders, sdk.AccAddress([]byte{'f', 'e', 'e', 'd', byte(i), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}).String())
		f.operators = append(f.operators, sdk.AccAddress([]byte{'o', 'p', 'e', 'r', byte(i), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}).String())
	}
	if _, err := f.msg.SetFeeders(ctx, &types.MsgSetFeeders{Authority: f.auth, Feeders: f.feeders}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.msg.SetOperators(ctx, &types.MsgSetOperators{Authority: f.auth, Operators: f.operators[:3], Threshold: 2}); err != nil {
		t.Fatal(err)
	}
	f.check()
	return f
}

// at moves the block time to an hour into day d.
func (f *fixture) at(d uint64) {
	f.ctx = f.ctx.WithBlockTime(time.Unix(int64(d*types.DefaultDaySeconds)+3600, 0).UTC()).WithBlockHeight(f.ctx.BlockHeight() + 1)
}

func (f *fixture) check() {
	f.t.Helper()
	if err := f.k.CheckPeg(f.ctx); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) report(feeder int, day uint64, reward string, nodes ...string) bool {
	f.t.Helper()
	res, err := f.msg.Report(f.ctx, &types.MsgReport{Feeder: f.feeders[feeder], Day: day, RewardPerTib: reward, Nodes: nodes})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Finalized
}

func (f *fixture) ifil(a sdk.AccAddress) math.Int {
	return f.e.App.BankKeeper.GetBalance(f.ctx, a, types.IFILDenom).Amount
}

// snapshot is the state a rejected message must leave as it was.
func (f *fixture) snapshot() string {
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	s := gs.String() + f.e.App.BankKeeper.GetSupply(f.ctx, types.IFILDenom).String()
	for _, a := range f.e.Accounts {
		s += f.e.App.BankKeeper.GetAllBalances(f.ctx, a.Addr).String()
	}
	return s
}
