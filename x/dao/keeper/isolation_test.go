package keeper_test

import (
	"cosmossdk.io/collections"
	"testing"
	"time"

	"github.com/dmexchain/dmex/internal/queue"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// A council check that keeps failing (its decision names an application x/hashnft does not have)
// does not hold up the check due in the same block; it is retried hourly, then parked: its decision
// ends as expired and the queue is empty.
func TestCouncilCheckFailureIsConfined(t *testing.T) {
	h := newHooksEnv(t)
	auth, _ := h.App.DaoKeeper.GetAuthority(h.Ctx())
	good := h.apply()
	pGood := h.CouncilPropose(3, h.approve(good, auth.String()))

	const badProposal, badApp = 900, 999
	ctx := h.Ctx()
	bad := daotypes.Decision{Module: hashnfttypes.ModuleName, ItemId: badApp, Kind: daotypes.PROPOSAL_KIND_GROUP, ProposalId: badProposal, Outcome: daotypes.DECISION_OUTCOME_OPEN}
	if err := h.App.DaoKeeper.Decisions.Set(ctx, collections.Join(hashnfttypes.ModuleName, uint64(badApp)), bad); err != nil {
		t.Fatal(err)
	}
	due := ctx.BlockTime().Add(time.Minute)
	if err := h.App.DaoKeeper.CouncilChecks.Push(ctx, due, badProposal); err != nil {
		t.Fatal(err)
	}

	// Both checks are due at the end of the voting period.
	h.PassTime(time.Hour + time.Second)
	h.NextBlock()
	if d := h.decision(good); d.ProposalId != pGood || d.Outcome == daotypes.DECISION_OUTCOME_OPEN {
		t.Fatalf("the good check did not run: %+v", d)
	}
	if h.status(good) == hashnfttypes.APPLICATION_STATUS_APPROVED {
		t.Fatal("a voted-down proposal approved its application")
	}
	checks := func() []queue.Item[time.Time] {
		var out []queue.Item[time.Time]
		if err := h.App.DaoKeeper.CouncilChecks.Walk(h.Ctx(), func(it queue.Item[time.Time]) (bool, error) {
			out = append(out, it)
			return false, nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if q := checks(); len(q) != 1 || q[0].ID != badProposal || q[0].Failures != 1 || !q[0].Due.Equal(due.Add(time.Hour)) {
		t.Fatalf("after the first failure the queue holds %+v", q)
	}
	if d := h.decision(badApp); d.Outcome != daotypes.DECISION_OUTCOME_OPEN {
		t.Fatalf("the failing check changed its decision: %+v", d)
	}

	for i := 0; i < int(daotypes.CheckRetries); i++ {
		h.PassTime(time.Hour)
		h.NextBlock()
	}
	if q := checks(); len(q) != 0 {
		t.Fatalf("after %d failures the queue still holds %+v", daotypes.CheckRetries, q)
	}
	if d := h.decision(badApp); d.Outcome != daotypes.DECISION_OUTCOME_EXPIRED {
		t.Fatalf("the parked check's decision is %v, want EXPIRED", d.Outcome)
	}
	h.CheckInvariants()
}
