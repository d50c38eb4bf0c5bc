package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/dao/types"
)

// The governance hooks keep x/hashnft's applications in step with the proposals that decide
// them (SPEC §9). The first council or x/gov proposal that carries a MsgApproveApplication for a
// pending application, from the current authority, decides it. When that proposal ends:
//
//   - executed: the application is approved (by the message itself);
//   - voted down (x/gov: also vetoed): rejected, deposit to the risk fund (SPEC §4);
//   - passed but failed to execute (x/gov), or expired undecided (x/gov: deposit period over;
//     council: accepted but not executed within x/group's execution period): rejected, deposit
//     back to the miner: nobody judged the application, so the miner is not fined;
//   - council proposal withdrawn or aborted: the application stays pending, free for a new proposal.
//
// x/gov calls the hooks itself. x/group has no hooks: the app wraps its MsgSubmitProposal
// (AfterCouncilProposalSubmitted) and x/dao's EndBlock, after x/group's, checks the council
// proposals through two bounded queues (ChecksPerBlock each).

// linkProposal records kind/id as the proposal that decides each pending application msgs
// approve, unless an open proposal already decides it. It returns how many it linked.
func (k Keeper) linkProposal(ctx context.Context, kind types.ProposalKind, id uint64, msgs []sdk.Msg) (int, error) {
	if k.hooks.apps == nil {
		return 0, nil
	}
	appIDs, err := k.hooks.apps.PendingApprovals(ctx, msgs)
	if err != nil {
		return 0, err
	}
	linked := 0
	for _, appID := range appIDs {
		prev, err := k.Decisions.Get(ctx, appID)
		switch {
		case err == nil && prev.Outcome == types.DECISION_OUTCOME_OPEN:
			continue // the first open proposal decides
		case err != nil && !errors.Is(err, collections.ErrNotFound):
			return linked, err
		}
		d := types.Decision{ApplicationId: appID, Kind: kind, ProposalId: id, Outcome: types.DECISION_OUTCOME_OPEN}
		if err := k.Decisions.Set(ctx, appID, d); err != nil {
			return linked, err
		}
		linked++
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDecisionLinked{
			ApplicationId: appID, Kind: types.KindName(kind), ProposalId: id,
		}); err != nil {
			return linked, err
		}
	}
	return linked, nil
}

// DecisionsOf returns the decisions of one proposal (only the open ones if open), in
// application order. A proposal's messages are bounded by the tx size, so they are few.
func (k Keeper) DecisionsOf(ctx context.Context, kind types.ProposalKind, id uint64, open bool) ([]types.Decision, error) {
	iter, err := k.Decisions.Indexes.ByProposal.MatchExact(ctx, collections.Join(int32(kind), id))
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	appIDs, err := iter.PrimaryKeys()
	if err != nil {
		return nil, err
	}
	var out []types.Decision
	for _, appID := range appIDs {
		d, err := k.Decisions.Get(ctx, appID)
		if err != nil {
			return nil, err
		}
		if !open || d.Outcome == types.DECISION_OUTCOME_OPEN {
			out = append(out, d)
		}
	}
	return out, nil
}

// AfterCouncilProposalExec ends, as APPROVED, the open decisions of a council proposal whose
// applications its execution approved, so that queries show the outcome at once rather than at
// the voting period end. The app's x/group msg server calls it after every MsgExec and every
// MsgVote that asks to execute (a proposal executed at its submission is pruned before it could
// be linked); it never fails the message. A failed execution changes nothing: the proposal may
// be executed again until its execution period ends, and the queued checks still end it.
func (k Keeper) AfterCouncilProposalExec(ctx context.Context, proposalID uint64) {
	if k.hooks.apps == nil {
		return
	}
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "council_proposal_executed", func(ctx sdk.Context) error {
		return k.walkOpenDecisions(ctx, types.PROPOSAL_KIND_GROUP, proposalID, func(d types.Decision, _, approved bool) error {
			if !approved {
				return nil
			}
			return k.endDecision(ctx, d, types.DECISION_OUTCOME_APPROVED)
		})
	})
}

// walkOpenDecisions calls fn with each open decision of a proposal and its application's state.
func (k Keeper) walkOpenDecisions(ctx context.Context, kind types.ProposalKind, id uint64, fn func(d types.Decision, pending, approved bool) error) error {
	ds, err := k.DecisionsOf(ctx, kind, id, true)
	if err != nil {
		return err
	}
	for _, d := range ds {
		pending, approved, err := k.hooks.apps.ApplicationState(ctx, d.ApplicationId)
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
	if err := k.Decisions.Set(ctx, d.ApplicationId, d); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventDecisionEnded{
		ApplicationId: d.ApplicationId, Kind: types.KindName(d.Kind), ProposalId: d.ProposalId, Outcome: outcome.String(),
	})
}

// endDecisions ends a proposal's open decisions. For an application still pending, outcome
// REJECTED rejects it with its deposit forfeited, FAILED and EXPIRED reject it with its deposit
// refunded, WITHDRAWN leaves it pending. An application no longer pending is recorded as
// APPROVED (if it is) or SUPERSEDED.
func (k Keeper) endDecisions(ctx context.Context, kind types.ProposalKind, id uint64, outcome types.DecisionOutcome, why string) error {
	return k.walkOpenDecisions(ctx, kind, id, func(d types.Decision, pending, approved bool) error {
		ended := outcome
		switch {
		case approved:
			ended = types.DECISION_OUTCOME_APPROVED
		case !pending:
			ended = types.DECISION_OUTCOME_SUPERSEDED
		case outcome == types.DECISION_OUTCOME_REJECTED, outcome == types.DECISION_OUTCOME_FAILED, outcome == types.DECISION_OUTCOME_EXPIRED:
			reason := fmt.Sprintf("%s proposal %d %s", types.KindName(kind), id, why)
			if err := k.hooks.apps.RejectByProposal(ctx, d.ApplicationId, outcome == types.DECISION_OUTCOME_REJECTED, reason); err != nil {
				return err
			}
		}
		return k.endDecision(ctx, d, ended)
	})
}

// AfterCouncilProposalSubmitted links a new council (x/group) proposal to the applications it
// approves and queues its check at the end of its voting period. The app's x/group msg server
// calls it after every MsgSubmitProposal; it never fails the submission.
func (k Keeper) AfterCouncilProposalSubmitted(ctx context.Context, proposalID uint64) {
	blockhook.Run(sdk.UnwrapSDKContext(ctx), types.ModuleName, "council_proposal_submitted", func(ctx sdk.Context) error {
		res, err := k.groupKeeper.Proposal(ctx, &group.QueryProposalRequest{ProposalId: proposalID})
		if err != nil || res.Proposal == nil {
			return nil // already executed (Exec TRY) and pruned: nothing left to decide
		}
		msgs, err := res.Proposal.GetMsgs()
		if err != nil {
			return err
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
	if k.hooks.apps == nil {
		return nil
	}
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
// touching the applications (the step that kept failing), so that each application is free for
// another proposal and its own expiry still applies.
func (k Keeper) checkPolicy() queue.Policy[time.Time] {
	return queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(it queue.Item[time.Time], failures uint32) (time.Time, bool) {
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
		// Pruned: executed (the application is approved), or withdrawn or aborted (x/group
		// prunes those at their voting period end).
		return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_WITHDRAWN, "was withdrawn or aborted")
	}
	switch res.Proposal.Status {
	case group.PROPOSAL_STATUS_REJECTED:
		return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_REJECTED, "was voted down by the council")
	case group.PROPOSAL_STATUS_ABORTED, group.PROPOSAL_STATUS_WITHDRAWN:
		return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_WITHDRAWN, "was withdrawn or aborted")
	default:
		// Accepted (or, defensively, not yet tallied): it may still be executed until x/group's
		// execution period ends.
		return true, k.CouncilExpiries.Push(ctx, res.Proposal.VotingPeriodEnd.Add(k.hooks.maxExecutionPeriod), it.ID)
	}
}

// checkCouncilExpiry runs when an accepted council proposal can no longer be executed.
func (k Keeper) checkCouncilExpiry(ctx context.Context, it queue.Item[time.Time]) (bool, error) {
	return true, k.endDecisions(ctx, types.PROPOSAL_KIND_GROUP, it.ID, types.DECISION_OUTCOME_EXPIRED,
		"was accepted but not executed within its execution period")
}

// GovHooks returns x/gov's hooks for the DAO phase.
func (k Keeper) GovHooks() govtypes.GovHooks { return govHooks{k} }

type govHooks struct{ k Keeper }

var _ govtypes.GovHooks = govHooks{}

func (h govHooks) run(ctx context.Context, hook string, fn func(sdk.Context) error) error {
	if h.k.hooks.apps == nil || h.k.hooks.govProposals == nil {
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
		return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_EXPIRED,
			"expired without reaching the minimum deposit")
	})
}

func (h govHooks) AfterProposalVotingPeriodEnded(ctx context.Context, proposalID uint64) error {
	return h.run(ctx, "gov_proposal_ended", func(ctx sdk.Context) error {
		p, err := h.k.hooks.govProposals(ctx, proposalID)
		if err != nil {
			return err
		}
		switch p.Status {
		case govv1.StatusPassed:
			return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_APPROVED, "passed")
		case govv1.StatusRejected:
			return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_REJECTED,
				"was voted down: "+p.FailedReason)
		case govv1.StatusFailed:
			return h.k.endDecisions(ctx, types.PROPOSAL_KIND_GOV, proposalID, types.DECISION_OUTCOME_FAILED,
				"passed but failed to execute: "+p.FailedReason)
		}
		return nil // an expedited proposal turned regular: it votes on
	})
}
