package keeper_test

import (
	"slices"
	"strings"
	"testing"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// Through the real app: a product sells only if x/escrow can pay its rewards. A BTC application
// taken while x/escrow had a BTC reward denom is refused at approval once that denom is gone
// (the council's proposal executes and fails, changing nothing: the deposit stays held, the
// application pending); a FIL application is approved; a new BTC application is refused at
// once with the registered code.
func TestApprovalNeedsARewardDenom(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1, NodePower: map[string]int64{"f01234": 1_000}})
	miner := e.Accounts[0]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	escrowParams, err := e.App.EscrowKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	withBTC := escrowParams
	withBTC.RewardDenoms = append(slices.Clone(escrowParams.RewardDenoms), escrowtypes.ChainDenom{Chain: "BTC", Denom: "uhbtc"})
	e.CouncilPropose(4, &escrowtypes.MsgUpdateParams{Authority: auth.String(), Params: withBTC})

	btc := &types.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "BTC", NodeId: "antpool-7", PowerUnit: "TH/s", PowerPerNft: i64(1), Count: 10,
		TermDays: 360, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1000000udmc"), Disclosure: disclosure(),
	}
	fil := &types.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: i64(1), Count: 10,
		TermDays: 360, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1000000udmc"), Disclosure: disclosure(),
	}
	e.MustDeliver(miner, btc) // application 1
	e.MustDeliver(miner, fil) // application 2
	// x/escrow stops paying BTC rewards.
	e.CouncilPropose(4, &escrowtypes.MsgUpdateParams{Authority: auth.String(), Params: escrowParams})

	snapshot := func() string {
		ctx := e.Ctx()
		gs, err := k.ExportGenesis(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return gs.String() + e.App.BankKeeper.GetAllBalances(ctx, miner.Addr).String() +
			e.App.BankKeeper.GetAllBalances(ctx, authtypes.NewModuleAddress(types.ModuleName)).String()
	}
	id := e.CouncilPropose(3, &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1})
	before := snapshot()
	res := e.MustDeliver(e.Council[3], &group.MsgVote{
		ProposalId: id, Voter: e.Council[3].Addr.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY,
	})
	// The logs attribute is JSON: its quotes are escaped.
	if logs := strings.ReplaceAll(execLogs(t, res.Events), `\"`, `"`); !strings.Contains(logs, types.ErrNoRewardDenom.Error()) ||
		!strings.Contains(logs, `chain "BTC" has no reward denom in x/escrow`) {
		t.Fatalf("execution logs %q: want the reward denom refusal", logs)
	}
	if prop, err := e.Proposal(id); err != nil || prop.ExecutorResult != group.PROPOSAL_EXECUTOR_RESULT_FAILURE {
		t.Fatalf("proposal %v %v: want a failed execution", prop, err)
	}
	if after := snapshot(); after != before {
		t.Fatalf("a refused approval changed state:\n%s\n%s", before, after)
	}
	if a, err := k.Applications.Get(e.Ctx(), 1); err != nil || a.Status != types.APPLICATION_STATUS_PENDING || !a.Deposit.IsPositive() {
		t.Fatalf("application %v %v: want still pending with its deposit", a, err)
	}
	// Both deposits are still held.
	held := e.App.BankKeeper.GetBalance(e.Ctx(), authtypes.NewModuleAddress(types.ModuleName), "udmc").Amount
	eq(t, "deposits held", held, types.DefaultParams().ApplicationDeposit.Amount.MulRaw(2))

	// FIL has its reward denom: approved.
	e.CouncilPropose(4, &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 2})
	if a, err := k.Applications.Get(e.Ctx(), 2); err != nil || a.Status != types.APPLICATION_STATUS_APPROVED {
		t.Fatalf("FIL application %v %v: want approved", a, err)
	}

	// A new BTC application is refused at once: the miner learns it before paying a deposit.
	before = snapshot()
	r := e.Deliver(miner, btc)
	if r.Code != types.ErrNoRewardDenom.ABCICode() || r.Codespace != types.ModuleName || !strings.Contains(r.Log, `chain "BTC"`) {
		t.Fatalf("BTC application: code %d codespace %q log %q", r.Code, r.Codespace, r.Log)
	}
	if after := snapshot(); after != before {
		t.Fatalf("a refused application changed state:\n%s\n%s", before, after)
	}
}

// rewardDenom gives x/escrow a reward denom for chain, so that its products can be applied for.
func (f *fixture) rewardDenom(chain, denom string) {
	f.t.Helper()
	p, err := f.e.App.EscrowKeeper.Params.Get(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	p.RewardDenoms = append(slices.Clone(p.RewardDenoms), escrowtypes.ChainDenom{Chain: chain, Denom: denom})
	if err := f.e.App.EscrowKeeper.Params.Set(f.ctx, p); err != nil {
		f.t.Fatal(err)
	}
}

// The keeper's view: an application or approval of a chain without a reward denom is
// ErrNoRewardDenom (code 31) and changes nothing.
func TestNoRewardDenomChangesNothing(t *testing.T) {
	f := newFixture(t)
	eth := f.fixedApp(5, "100uusdt")
	eth.Chain, eth.PowerUnit, eth.NodeId = "ETH", "MH/s", "ethermine-1"
	before := f.snapshot()
	_, err := f.msg.ApplyProduct(f.ctx, eth)
	wantCode(t, err, types.ErrNoRewardDenom)
	if !strings.Contains(err.Error(), `chain "ETH"`) {
		t.Fatalf("error %q does not name the chain", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused application changed state")
	}
	f.rewardDenom("ETH", "uht")
	id := f.apply(eth)
	p, _ := f.e.App.EscrowKeeper.Params.Get(f.ctx)
	p.RewardDenoms = p.RewardDenoms[:len(p.RewardDenoms)-1]
	if err := f.e.App.EscrowKeeper.Params.Set(f.ctx, p); err != nil {
		t.Fatal(err)
	}
	before = f.snapshot()
	_, err = f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id})
	wantCode(t, err, types.ErrNoRewardDenom)
	if f.snapshot() != before {
		t.Fatal("a refused approval changed state")
	}
	f.check()
}
