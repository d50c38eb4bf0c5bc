package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/jointmine/keeper"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

// A test chain through the real app (every module's books checked after every block by
// testutil), with short days: a day is 60 s, a term 10 days, a grace 2 days.
type fixture struct {
	t                        *testing.T
	e                        *testutil.Env
	auth                     string
	miner, alice, bob, carol *testutil.Account
	dave                     *testutil.Account
	q                        types.QueryServer
}

const daySeconds = 60

func shortParams() types.Params {
	p := types.DefaultParams()
	p.DaySeconds = daySeconds
	p.TermDays = 10
	p.GraceDays = 2
	return p
}

func setup(t *testing.T) *fixture {
	t.Helper()
	e := testutil.New(t, testutil.Options{Accounts: 5, NodePower: map[string]int64{"f07": 10}}) // f07: the miner's, by the oracle
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, e: e, auth: auth.String(), miner: e.Accounts[0], alice: e.Accounts[1], bob: e.Accounts[2], carol: e.Accounts[3],
		dave: e.Accounts[4], q: keeper.NewQueryServerImpl(e.App.JointmineKeeper)}
	f.setParams(shortParams())
	return f
}

func (f *fixture) setParams(p types.Params) {
	f.t.Helper()
	f.e.CouncilPropose(4, &types.MsgUpdateParams{Authority: f.auth, Params: p})
	if got, _ := f.e.App.JointmineKeeper.Params.Get(f.e.Ctx()); got.TermDays != p.TermDays || got.GraceDays != p.GraceDays {
		f.t.Fatalf("params not set: %+v", got)
	}
}

// ifil is n whole IFIL; milli n/1000 IFIL.
func ifil(n int64) sdk.Coin  { return sdk.NewCoin("aifil", math.NewIntWithDecimal(n, 18)) }
func milli(n int64) math.Int { return math.NewIntWithDecimal(n, 15) }
func whole(n int64) math.Int { return math.NewIntWithDecimal(n, 18) }

func shares(id uint64, amt math.Int) sdk.Coin { return sdk.NewCoin(types.PoolDenom(id), amt) }

// apply has the miner apply for node's pool of tib TiB and returns its id.
func (f *fixture) apply(node string, tib uint64) uint64 {
	f.t.Helper()
	f.e.MustDeliver(f.miner, &types.MsgApplyPool{Miner: f.miner.Addr.String(), NodeId: node, TargetTib: tib,
		Disclosure: "Miner Co, ops@miner.example, " + node, Deposit: sdk.NewInt64Coin("udmc", 100_000_000)})
	res, err := f.q.PoolByNode(f.e.Ctx(), &types.QueryPoolByNodeRequest{NodeId: node})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Pool.Pool.Id
}

// approved is apply then the council's approval.
func (f *fixture) approved(node string, tib uint64) uint64 {
	f.t.Helper()
	id := f.apply(node, tib)
	f.e.CouncilPropose(4, &types.MsgApprovePool{Authority: f.auth, PoolId: id})
	if s := f.pool(id).Pool.Status; s != types.PoolStatus_POOL_STATUS_GENESIS {
		f.t.Fatalf("pool %d after approval: %s", id, s)
	}
	return id
}

func (f *fixture) pool(id uint64) types.PoolView {
	f.t.Helper()
	res, err := f.q.Pool(f.e.Ctx(), &types.QueryPoolRequest{PoolId: id})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Pool
}

func (f *fixture) holder(id uint64, who *testutil.Account) types.HolderView {
	f.t.Helper()
	res, err := f.q.Holder(f.e.Ctx(), &types.QueryHolderRequest{PoolId: id, Address: who.Addr.String()})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Holder
}

func (f *fixture) bal(who sdk.AccAddress, denom string) math.Int {
	return f.e.App.BankKeeper.GetBalance(f.e.Ctx(), who, denom).Amount
}

func revenueAddr() sdk.AccAddress { return authtypes.NewModuleAddress(modaccounts.Revenue) }

func (f *fixture) deposit(id uint64, who *testutil.Account, c sdk.Coin) {
	f.t.Helper()
	f.e.MustDeliver(who, &types.MsgDeposit{Depositor: who.Addr.String(), PoolId: id, Amount: c})
}

func (f *fixture) now() time.Time { return f.e.Ctx().BlockTime() }

func wantEq(t *testing.T, what string, got, want math.Int) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s: got %s, want %s", what, got, want)
	}
}

// mustOK fails the test unless every transaction of a block succeeded.
func mustOK(t *testing.T, results []*abci.ExecTxResult) {
	t.Helper()
	for i, r := range results {
		if r.Code != 0 {
			t.Fatalf("tx %d failed: code %d: %s", i, r.Code, r.Log)
		}
	}
}
