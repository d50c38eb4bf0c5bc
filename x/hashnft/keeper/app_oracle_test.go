package keeper_test

import (
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// Through the real app (SPEC §10): the council's approval of a product of 10 TiB on a node whose
// latest finalized power (oracle) is 5 TiB executes and fails, changing nothing; after the
// feeder reports 10 TiB for the node, the same approval creates the product.
func TestCouncilApprovalNeedsOraclePower(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1, NodePower: map[string]int64{"f01234": 5}})
	miner := e.Accounts[0]
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	e.MustDeliver(miner, &types.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: i64(1), Count: 10,
		TermDays: 360, SaleMode: types.SALE_MODE_FIXED_PRICE, Price: coin("1000000udmc"), Disclosure: disclosure(),
	})
	approve := &types.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1}
	snapshot := func() string {
		ctx := e.Ctx()
		gs, err := k.ExportGenesis(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return gs.String() + e.App.BankKeeper.GetAllBalances(ctx, miner.Addr).String() +
			e.App.BankKeeper.GetAllBalances(ctx, authtypes.NewModuleAddress(types.ModuleName)).String()
	}
	// Three yes votes, then the fourth executes: the approval fails inside the proposal.
	id := e.CouncilPropose(3, approve)
	before := snapshot()
	res := e.MustDeliver(e.Council[3], &group.MsgVote{
		ProposalId: id, Voter: e.Council[3].Addr.String(), Option: group.VOTE_OPTION_YES, Exec: group.Exec_EXEC_TRY,
	})
	if logs := execLogs(t, res.Events); !strings.Contains(logs, "node f01234 has 5 TiB (oracle, day") ||
		!strings.Contains(logs, "below the 10 TiB the product sells") {
		t.Fatalf("execution logs %q: want the oracle's refusal", logs)
	}
	prop, err := e.Proposal(id)
	if err != nil || prop.ExecutorResult != group.PROPOSAL_EXECUTOR_RESULT_FAILURE {
		t.Fatalf("proposal %v %v: want a failed execution", prop, err)
	}
	if after := snapshot(); after != before {
		t.Fatalf("a refused approval changed state:\n%s\n%s", before, after)
	}
	if a, err := k.Applications.Get(e.Ctx(), 1); err != nil || a.Status != types.APPLICATION_STATUS_PENDING {
		t.Fatalf("application %v %v: want still pending", a, err)
	}

	// The feeder reports the node's 10 TiB; the council's approval now passes.
	e.ReportNodePower("f01234", 10, miner)
	e.CouncilPropose(4, approve)
	a, err := k.Applications.Get(e.Ctx(), 1)
	if err != nil || a.Status != types.APPLICATION_STATUS_APPROVED {
		t.Fatalf("application %v %v: want approved", a, err)
	}
	p, err := k.Products.Get(e.Ctx(), 1)
	if err != nil || p.NodeId != "f01234" || p.Count != 10 {
		t.Fatalf("product %v %v", p, err)
	}
}

// execLogs is the logs attribute of the x/group execution event in events.
func execLogs(t *testing.T, events []abci.Event) string {
	t.Helper()
	for _, ev := range events {
		if ev.Type != proto.MessageName(&group.EventExec{}) {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == "logs" {
				return a.Value
			}
		}
	}
	t.Fatal("no x/group execution event")
	return ""
}
