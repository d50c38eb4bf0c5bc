package keeper_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
	oraclekeeper "github.com/dmexchain/dmex/x/oracle/keeper"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// reportNode has a single feeder (bob) report a node's power and owner (nil: none) for today.
func (f *fixture) reportNode(node string, tib int64, owner *testutil.Account) {
	f.t.Helper()
	a := f.e.App
	oracle := oraclekeeper.NewMsgServerImpl(a.OracleKeeper)
	feeder := f.bob.Addr.String()
	if set, _ := a.OracleKeeper.Feeders.Get(f.ctx); len(set.Feeders) != 1 || set.Feeders[0] != feeder {
		if _, err := oracle.SetFeeders(f.ctx, &oracletypes.MsgSetFeeders{Authority: f.auth, Feeders: []string{feeder}}); err != nil {
			f.t.Fatal(err)
		}
	}
	day, err := a.OracleKeeper.Day(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	entry := fmt.Sprintf("%s:%d:0", node, tib<<40)
	if owner != nil {
		entry += ":" + owner.Addr.String()
	}
	if _, err := oracle.Report(f.ctx, &oracletypes.MsgReport{Feeder: feeder, Day: day, RewardPerTib: "0", Nodes: []string{entry}}); err != nil {
		f.t.Fatal(err)
	}
}

// The same power cannot be sold twice (SPEC §4): two applications of the node's owner that add up
// to more than the node's finalized power cannot both be approved; the power of the node's
// products on sale and active is counted, and released when a product retires its unsold NFTs.
func TestNodePowerIsSoldOnce(t *testing.T) {
	f := newFixture(t)
	f.reportNode("f08888", 10, f.miner)
	first, second := f.fixedApp(6, "1000000uusdt"), f.fixedApp(5, "1000000uusdt")
	first.NodeId, second.NodeId = "f08888", "f08888"
	id1, id2 := f.apply(first), f.apply(second)
	p1 := f.approve(id1).ProductId
	onSale := func() string {
		v, err := f.k.NodePower.Get(f.ctx, collections.Join3("FIL", "f08888", "TiB"))
		if err != nil {
			return "none"
		}
		return v.String()
	}
	if got := onSale(); got != "6" {
		t.Fatalf("node f08888 has %s TiB on sale, want 6", got)
	}
	before := f.snapshot()
	_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id2})
	if !errors.Is(err, types.ErrPowerNotVerified) ||
		!strings.Contains(err.Error(), "node f08888 has 10 TiB (oracle, day") ||
		!strings.Contains(err.Error(), "6 TiB are already on sale or active, 5 TiB more would make 11 TiB") {
		t.Fatalf("second approval: %v", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused approval changed state")
	}
	// Two of the first product's NFTs are sold, the rest retired: 2 TiB stay active.
	f.buy(f.alice, p1, 2, "1000000uusdt")
	if _, err := f.msg.RetireUnsold(f.ctx, &types.MsgRetireUnsold{Miner: f.miner.Addr.String(), ProductId: p1}); err != nil {
		t.Fatal(err)
	}
	if got := onSale(); got != "2" {
		t.Fatalf("after retiring: %s TiB on sale, want 2", got)
	}
	f.approve(id2)
	if got := onSale(); got != "7" {
		t.Fatalf("after the second approval: %s TiB on sale, want 7", got)
	}
	f.check()
}

// A node's power is sold only by the account the oracle attests as its owner: another account's
// application is refused at once; an application made before the oracle knew the node cannot be
// approved once the oracle attests someone else, nor while it attests no owner.
func TestOnlyTheNodesOwnerSellsIt(t *testing.T) {
	f := newFixture(t)
	f.reportNode("f08888", 10, f.miner)
	m := f.fixedApp(5, "1000000uusdt")
	m.Miner, m.NodeId = f.alice.Addr.String(), "f08888"
	before := f.snapshot()
	_, err := f.msg.ApplyProduct(f.ctx, m)
	if !errors.Is(err, types.ErrNotNodeOwner) ||
		!strings.Contains(err.Error(), fmt.Sprintf("node f08888 on FIL is owned by %s (oracle, day", f.miner.Addr)) ||
		!strings.Contains(err.Error(), "not "+f.alice.Addr.String()) {
		t.Fatalf("application by a non-owner: %v", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused application changed state")
	}

	// Alice applies for f08887 before the oracle knows it; the oracle then attests the miner.
	m.NodeId = "f08887"
	id := f.apply(m)
	approve := func() error {
		_, err := f.msg.ApproveApplication(f.ctx, &types.MsgApproveApplication{Authority: f.auth, ApplicationId: id})
		return err
	}
	f.block(24 * 3600e9)
	f.reportNode("f08887", 10, nil)
	before = f.snapshot()
	if err := approve(); !errors.Is(err, types.ErrNotNodeOwner) || !strings.Contains(err.Error(), "node f08887 on FIL has no owner attested by the oracle") {
		t.Fatalf("approval with no attested owner: %v", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused approval changed state")
	}
	f.block(24 * 3600e9)
	f.reportNode("f08887", 10, f.miner)
	before = f.snapshot()
	if err := approve(); !errors.Is(err, types.ErrNotNodeOwner) || !strings.Contains(err.Error(), "is owned by "+f.miner.Addr.String()) {
		t.Fatalf("approval for a non-owner: %v", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused approval changed state")
	}
	f.block(24 * 3600e9)
	f.reportNode("f08887", 10, f.alice)
	if err := approve(); err != nil {
		t.Fatalf("approval once alice is the attested owner: %v", err)
	}
	f.check()
}
