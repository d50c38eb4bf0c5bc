package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/dao/types"
)

// The governance hooks keep a record, per item of a registered module (an x/hashnft product
// application, a joint-mining pool, ...; types.Decider), of the council or x/gov proposal that
// decides it (SPEC §9); records are keyed by (module, item), so two modules' items with the same
// id never meet. The hooks never close an item themselves: only a proposal that executes does,
// by its own approve message (x/hashnft: MsgApproveApplication, approved, deposit returned) or
// reject message (MsgRejectApplication, rejected, deposit to the risk fund); an item nobody
// decides expires in its module (x/hashnft: deposit returned).
//
// A proposal decides items only when every one of its messages is a decision message of a
// registered module, from the current authority, of a distinct pending item (decisionsOf): a
// proposal that also does anything else ([approve, spend the foundation to me]) decides nothing,
// so voting it down costs the miner nothing. Its decision messages may belong to several modules
// (a batch is one decision for each item, see the README). The first such open proposal is
// linked at its submission; when it ends without executing (voted down, vetoed, failed, expired
// unfunded or unexecuted, withdrawn, aborted, cancelled) the record ends and the item stays
// pending for a new proposal. The proposal that executes is recorded as the decision, even if
// another one was linked first.
//
// x/gov calls the hooks itself. x/group has no hooks: the app wraps its MsgSubmitProposal,
// MsgVote and MsgExec (group_msg_server.go), and x/dao's EndBlock, after x/group's, checks the
// linked council proposals through two bounded queues (ChecksPerBlock each).

// itemMsg is one message of a proposal that decides items.
type itemMsg struct {
	module string
	types.DecisionMsg
}

func (m itemMsg) key() DecisionKey { return collections.Join(m.module, m.ItemID) }

// decisionsOf returns the decision messages of a proposal that consists only of decision
// messages of registered modules, each for a different item, or nil for any other proposal.
func (k Keeper) decisionsOf(msgs []sdk.Msg) []itemMsg {
	ds := k.hooks.deciders
	if len(msgs) == 0 || len(ds.names) == 0 {
		return nil
	}
	out := make([]itemMsg, 0, len(msgs))
	seen := make(map[DecisionKey]bool, len(msgs))
	for _, m := range msgs {
		im, ok := ds.read(m)
		if !ok || seen[im.key()] {
			return nil
		}
		seen[im.key()] = true
		out = append(out, im)
	}
	return out
}

// read returns the decision msg carries, from the first module (in name order) that reads it;
// CheckDeciders makes sure no DMEX decision message is read by two.
func (ds deciders) read(msg sdk.Msg) (itemMsg, bool) {
	for _, name := range ds.names {
		if dm, ok := ds.byName[name].Decision(msg); ok {
			return itemMsg{module: name, DecisionMsg: dm}, true
		}
	}
	return itemMsg{}, false
}

// itemState reads an item's state from its module.
func (k Keeper) itemState(ctx context.Context, key DecisionKey) (pending, approved bool, err error) {
	d, ok := k.hooks.deciders.get(key.K1())
	if !ok {
		return false, false, errorsmod.Wrapf(types.ErrUnknownDecisionModule, "module %q", key.K1())
	}
	return d.ItemState(ctx, key.K2())
}

// linkProposal records kind/id as the proposal that decides the items of msgs, if it decides
// items (decisionsOf) that are all pending, as the current authority (a proposal that could
// execute). An item whose linked proposal is still open keeps it. It returns how many it linked.
func (k Keeper) linkProposal(ctx context.Context, kind types.ProposalKind, id uint64, msgs []sdk.Msg) (int, error) {
	ims := k.decisionsOf(msgs)
	for _, im := range ims {
		if k.CheckAuthority(ctx, im.Authority) != nil {
			return 0, nil //nolint:nilerr // not the DAO's authority: the proposal cannot execute, so it decides nothing
		}
		if pending, _, err := k.itemState(ctx, im.key()); err != nil || !pending {
			return 0, nil //nolint:nilerr // no pending item: it could not execute, so it decides nothing
		}
	}
	linked := 0
	for _, im := range ims {
		prev, err := k.Decisions.Get(ctx, im.key())
		switch {
		case err == nil && prev.Outcome == types.DECISION_OUTCOME_OPEN:
			if k.proposalOpen(ctx, prev.Kind, prev.ProposalId) {
				continue // the first open proposal decides
			}
			// Withdrawn, aborted (council) or cancelled (x/gov, which has no hook for it).
			if err := k.endDecision(ctx, prev, types.DECISION_OUTCOME_WITHDRAWN); err != nil {
				return linked, err
			}
		case err != nil && !errors.Is(err, collections.ErrNotFound):
			return linked, err
		}
		d := types.Decision{Module: im.module, ItemId: im.ItemID, Kind: kind, ProposalId: id, Outcome: types.DECISION_OUTCOME_OPEN}
		if err := k.Decisions.Set(ctx, im.key(), d); err != nil {
			return linked, err
		}
		linked++
		if err := emitLinked(ctx, d); err != nil {
			return linked, err
		}
	}
	return linked, nil
}

// proposalOpen says whether a proposal can still be voted on or executed.
func (k Keeper) proposalOpen(ctx context.Context, kind types.ProposalKind, id uint64) bool {
	if kind == types.PROPOSAL_KIND_GOV {
		if k.hooks.govProposals == nil {
			return false
		}
		p, err := k.hooks.govProposals(ctx, id)
		return err == nil && (p.Status == govv1.StatusDepositPeriod || p.Status == govv1.StatusVotingPeriod)
	}
	res, err := k.groupKeeper.Proposal(ctx, &group.QueryProposalRequest{ProposalId: id})
	if err != nil || res.Proposal == nil {
		return false
	}
	st := res.Proposal.Status
	return st != group.PROPOSAL_STATUS_WITHDRAWN && st != group.PROPOSAL_STATUS_ABORTED && st != group.PROPOSAL_STATUS_REJECTED
}

// emitLinked emits that d's proposal now decides its item.
func emitLinked(ctx context.Context, d types.Decision) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDecisionLinked{
		Module: d.Module, ItemId: d.ItemId, Kind: types.KindName(d.Kind), ProposalId: d.ProposalId,
	})
}

// recordExecuted records kind/id, which has just executed msgs, as the decision of each item
// they approved or rejected, replacing the proposal linked before, if another.
func (k Keeper) recordExecuted(ctx context.Context, kind types.ProposalKind, id uint64, msgs []sdk.Msg) error {
	for _, im := range k.decisionsOf(msgs) {
		pending, approved, err := k.itemState(ctx, im.key())
		if err != nil {
			return err
		}
		outcome := types.DECISION_OUTCOME_REJECTED
		switch {
		case pending || approved != im.Approve:
			continue // not this proposal's doing
		case im.Approve:
			outcome = types.DECISION_OUTCOME_APPROVED
		}
		d, err := k.Decisions.Get(ctx, im.key())
		switch {
		case err == nil && d.Kind == kind && d.ProposalId == id:
			if d.Outcome == outcome {
				continue
			}
		case err == nil, errors.Is(err, collections.ErrNotFound):
			d = types.Decision{Module: im.module, ItemId: im.ItemID, Kind: kind, ProposalId: id}
			if err := emitLinked(ctx, d); err != nil {
				return err
			}
		default:
			return err
		}
		if err := k.endDecision(ctx, d, outcome); err != nil {
			return err
		}
	}
	return nil
}

// DecisionsOf returns the decisions of one proposal (only the open ones if open), in (module,
// item) order. A proposal's messages are bounded by the tx size, so they are few.
func (k Keeper) DecisionsOf(ctx context.Context, kind types.ProposalKind, id uint64, open bool) ([]types.Decision, error) {
	iter, err := k.Decisions.Indexes.ByProposal.MatchExact(ctx, collections.Join(int32(kind), id))
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	keys, err := iter.PrimaryKeys()
	if err != nil {
		return nil, err
	}
	var out []types.Decision
	for _, key := range keys {
		d, err := k.Decisions.Get(ctx, key)
		if err != nil {
			return nil, err
		}
		if !open || d.Outcome == types.DECISION_OUTCOME_OPEN {
			out = append(out, d)
		}
	}
	return out, nil
}

// AfterCouncilProposalExec records a council proposal that has just executed msgs (its
// messages, read before the execution: x/group prunes an executed proposal) as the decision of
// the items they approved or rejected, so that queries show the outcome at once. The
// app's x/group msg server calls it after every MsgExec and every MsgVote that asks to execute;
// it never fails the message. A failed execution changes nothing: the proposal may be executed
// again until its execution period ends, and the queued checks end it.
func (k Keeper) AfterCouncilProposalExec(ctx context.Context, proposalID uint64, msgs []sdk.Msg) {
	if k.decisionsOf(msgs) == nil {
		return
	}
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "council_proposal_executed", func(ctx sdk.Context) error {
		res, err := k.groupKeeper.Proposal(ctx, &group.QueryProposalRequest{ProposalId: proposalID})
		if err == nil && res.Proposal != nil && res.Proposal.ExecutorResult != group.PROPOSAL_EXECUTOR_RESULT_SUCCESS {
			return nil // not executed
		}
		return k.recordExecuted(ctx, types.PROPOSAL_KIND_GROUP, proposalID, msgs)
	})
}

// councilProposalMsgs returns a council proposal's messages, nil if it has none or is gone.
func (k Keeper) councilProposalMsgs(ctx context.Context, proposalID uint64) []sdk.Msg {
	res, err := k.groupKeeper.Proposal(ctx, &group.QueryProposalRequest{ProposalId: proposalID})
	if err != nil || res.Proposal == nil {
		return nil
	}
	msgs, err := res.Proposal.GetMsgs()
	if err != nil {
		return nil
	}
	return msgs
}

// walkOpenDecisions calls fn with each open decision of a proposal and its item's state.
func (k Keeper) walkOpenDecisions(ctx context.Context, kind types.ProposalKind, id uint64, fn func(d types.Decision, pending, approved bool) error) error {
	ds, err := k.DecisionsOf(ctx, kind, id, true)
	if err != nil {
		return err
	}
	for _, d := range ds {
		pending, approved, err := k.itemState(ctx, decisionKey(d))
		if err != nil {
			return err
		}
		if err := fn(d, pending, approved); err != nil {
			return err
		}
	}
	return nil
}

// endDecision records d's outcome and emits its event.
func (k Keeper) endDecision(ctx context.Context, d types.Decision, outcome types.DecisionOutcome) error {
	d.Outcome = outcome
	if err := k.Decisions.Set(ctx, decisionKey(d), d); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDecisionEnded{
		Module: d.Module, ItemId: d.ItemId, Kind: types.KindName(d.Kind), ProposalId: d.ProposalId, Outcome: outcome.String(),
	})
}

func decisionKey(d types.Decision) DecisionKey { return collections.Join(d.Module, d.ItemId) }

// endDecisions ends, with outcome, the open decisions of a proposal that ended without
// executing. The items stay as they are: still pending (a new proposal may decide them), or, if
// something else closed one first, recorded as SUPERSEDED.
func (k Keeper) endDecisions(ctx context.Context, kind types.ProposalKind, id uint64, outcome types.DecisionOutcome) error {
	return k.walkOpenDecisions(ctx, kind, id, func(d types.Decision, pending, _ bool) error {
		if !pending {
			return k.endDecision(ctx, d, types.DECISION_OUTCOME_SUPERSEDED)
		}
		return k.endDecision(ctx, d, outcome)
	})
}

// AfterCouncilProposalSubmitted links a new council (x/group) proposal carrying msgs to the
// items it decides and queues its check at the end of its voting period; one executed at
// its submission (Exec TRY) is recorded at once. The app's x/group msg server calls it after
// every MsgSubmitProposal; it never fails the submission.
func (k Keeper) AfterCouncilProposalSubmitted(ctx context.Context, proposalID uint64, msgs []sdk.Msg) {
	if k.decisionsOf(msgs) == nil {
		return
	}
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "council_proposal_submitted", func(ctx sdk.Context) error {
		res, err := k.groupKeeper.Proposal(ctx, &group.QueryProposalRequest{ProposalId: proposalID})
		if err != nil || res.Proposal == nil {
			// Executed at its submission and pruned (a failed execution keeps the proposal).
			return k.recordExecuted(ctx, types.PROPOSAL_KIND_GROUP, proposalID, msgs)
		}
		n, err := k.linkProposal(ctx, types.PROPOSAL_KIND_GROUP, proposalID, msgs)
		if err != nil || n == 0 {
			return err
		}
		return k.CouncilChecks.Push(ctx, res.Proposal.VotingPeriodEnd, proposalID)
	})
}

// EndBlock checks the council proposals whose voting period or execution period ended. It runs
// after x/group's EndBlock, which tallies a proposal once its voting period end is before the
// block time, so only those are taken (due strictly before now).
func (k Keeper) EndBlock(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	justBefore := sdkCtx.BlockTime().Add(-time.Nanosecond)
	blockhook.Run(sdkCtx, types.ModuleName, "council_checks", func(ctx sdk.Context) error {
		_, err := k.CouncilChecks.ProcessIsolated(ctx, justBefore, types.ChecksPerBlock, k.checkPolicy(), k.checkCouncilVote)
		return err
	})
	blockhook.Run(sdkCtx, types.ModuleName, "council_expiries", func(ctx sdk.Context) error {
		_, err := k.CouncilExpiries.ProcessIsolated(ctx, justBefore, types.ChecksPerBlock, k.checkPolicy(), k.checkCouncilExpiry)
		return err
	})
	return nil
}

// checkPolicy: a council check that fails is tried again an hour later, at most
// types.CheckRetries times; then it is parked: its open decisions end as expired without
// reading the items (the step that kept failing), so that each item is free for another
// proposal and its own expiry still applies.
func (k Keeper) checkPolicy() queue.Policy[time.Time] {
	return queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, it queue.Item[time.Time], failures uint32) (time.Time, bool) {
			return it.Due.Add(time.Hour), failures < types.CheckRetries
		},
		Park: func(ctx context.Context, it queue.Item[time.Time], cause error) error {
			ds, err := k.DecisionsOf(ctx, types.PROPOSAL_KIND_GROUP, it.ID, true)
			if err != nil {
				return err
			}
			for _, d := range ds {
				if err := k.endDecision(ctx, d, types.DECISION_OUTCOME_EXPIRED); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// checkCouncilVote runs once x/group has tallied a council proposal at its voting period end.
func (k Keeper) checkCouncilVote(ctx context.Context, it queue.Item[time.Time]) (bool, error) {
	res, err := k.groupKeeper.Proposal(ctx, &group.QueryProposalRequest{ProposalId: it.ID})
	if err != nil || res.Proposal == nil {
		// Pruned: executed, or withdrawn or aborted (x/group
		// prunes those at their voting period end); an execution was recorded when it happened.
		return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_WITHDRAWN)
	}
	switch res.Proposal.Status {
	case group.PROPOSAL_STATUS_REJECTED:
		return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_VOTED_DOWN)
	case group.PROPOSAL_STATUS_ABORTED, group.PROPOSAL_STATUS_WITHDRAWN:
		return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_WITHDRAWN)
	default:
		// Accepted (or, defensively, not yet tallied): it may still be executed until x/group's
		// execution period ends.
		return true, k.CouncilExpiries.Push(ctx, res.Proposal.VotingPeriodEnd.Add(k.hooks.maxExecutionPeriod), it.ID)
	}
}

// checkCouncilExpiry runs when an accepted council proposal can no longer be executed.
func (k Keeper) checkCouncilExpiry(ctx context.Context, it queue.Item[time.Time]) (bool, error) {
	return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_EXPIRED)
}

// GovHooks returns x/gov's hooks for the DAO phase.
func (k Keeper) GovHooks() govtypes.GovHooks { return govHooks{k} }

type govHooks struct{ k Keeper }

var _ govtypes.GovHooks = govHooks{}

func (h govHooks) run(ctx context.Context, hook string, fn func(sdk.Context) error) error {
	if len(h.k.hooks.deciders.names) == 0 {
		return nil
	}
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, hook, fn)
	return nil
}

func (h govHooks) AfterProposalSubmission(ctx context.Context, proposalID uint64) error {
	return h.run(ctx, "gov_proposal_submitted", func(ctx sdk.Context) error {
		p, err := h.k.hooks.govProposals(ctx, proposalID)
		if err != nil {
			return err
		}
		msgs, err := p.GetMsgs()
		if err != nil {
			return err
		}
		_, err = h.k.linkProposal(ctx, types.PROPOSAL_KIND_GOV, proposalID, msgs)
		return err
	})
}

func (h govHooks) AfterProposalDeposit(context.Context, uint64, sdk.AccAddress) error { return nil }

func (h govHooks) AfterProposalVote(context.Context, uint64, sdk.AccAddress) error { return nil }

func (h govHooks) AfterProposalFailedMinDeposit(ctx context.Context, proposalID uint64) error {
	return h.run(ctx, "gov_proposal_expired", func(ctx sdk.Context) error {
		return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_EXPIRED)
	})
}

func (h govHooks) AfterProposalVotingPeriodEnded(ctx context.Context, proposalID uint64) error {
	return h.run(ctx, "gov_proposal_ended", func(ctx sdk.Context) error {
		p, err := h.k.hooks.govProposals(ctx, proposalID)
		if err != nil {
			return err
		}
		switch p.Status {
		case govv1.StatusPassed: // its messages executed
			msgs, err := p.GetMsgs()
			if err != nil {
				return err
			}
			if err := h.k.recordExecuted(ctx, types.PROPOSAL_KIND_GOV, proposalID, msgs); err != nil {
				return err
			}
			return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_SUPERSEDED)
		case govv1.StatusRejected: // voted down, vetoed, or without quorum
			return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_VOTED_DOWN)
		case govv1.StatusFailed:
			return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_FAILED)
		default:
			return nil // an expedited proposal turned regular: it votes on
		}
	})
}
