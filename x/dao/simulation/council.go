// Package simulation has x/dao's part of the app simulation: the council factory, which sends
// any DMEX authority message as the council would (an x/group proposal signed by enough
// members that it executes in the same transaction), and x/dao's own message factories.
package simulation

import (
	"bytes"
	"context"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
)

// GroupKeeper is what the council factory needs of x/group: the council's members and decision
// policy, and the Msg service it dry-runs the proposal through. The app's groupkeeper.Keeper
// has all of it.
type GroupKeeper interface {
	GroupMembers(ctx context.Context, req *group.QueryGroupMembersRequest) (*group.QueryGroupMembersResponse, error)
	GroupPolicyInfo(ctx context.Context, req *group.QueryGroupPolicyInfoRequest) (*group.QueryGroupPolicyInfoResponse, error)
	Proposal(ctx context.Context, req *group.QueryProposalRequest) (*group.QueryProposalResponse, error)
	SubmitProposal(ctx context.Context, msg *group.MsgSubmitProposal) (*group.MsgSubmitProposalResponse, error)
}

// AuthorityMsgFn builds a privileged message signed by authority (the DMEX authority's bech32
// address, read from x/dao). It returns nil after reporter.Skip when no valid message exists
// in the current state; the council factory then skips too.
type AuthorityMsgFn[T sdk.Msg] func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) T

// CouncilFactory sends the message fn builds as a council decision: an x/group MsgSubmitProposal
// from the council's policy (the DMEX authority) with Exec=EXEC_TRY, signed by a random set of
// council members among the simulation's accounts whose weights reach the policy's threshold.
// x/group counts the proposers' votes as yes, so the proposal passes and executes in the same
// transaction.
//
// Everything is read from state on each call, so the factory keeps working after the council
// is re-elected (x/dao MsgUpdateCouncil) as long as enough of its members are simulation
// accounts. It skips when the authority is not the council's policy (x/gov holds it), when the
// policy is not a threshold policy with a zero minimum execution period, or when the members
// among the simulation accounts cannot reach the threshold.
//
// x/group does not fail the transaction when the proposal's execution fails (it records the
// failure on the proposal), so a failing execution would count as a delivered message and
// change nothing. Before returning, the factory therefore submits the whole proposal in a
// throw-away cache context (the real x/group path: votes, tally, execution through the app's
// message router as the policy) and skips, with the execution's log as the reason, unless the
// proposal executed successfully there. The dry run sees the block's state before this
// transaction's ante handler: a message whose validity depends on the fees the proposer pays
// (none of DMEX's authority messages does) could pass the dry run and fail for real.
//
// Skip reasons are prefixed with the inner message's type URL, so that the simulation's
// summary tells the council's messages apart.
//
// Use it from a module's Factories with the app's x/dao and x/group keepers:
//
//	reg.Add(w.Get("msg_create_farm", 10), daosim.CouncilFactory(dk, gk,
//		func(ctx context.Context, authority string, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) *types.MsgCreateFarm {
//			return &types.MsgCreateFarm{Authority: authority, ...}
//		}))
func CouncilFactory[T sdk.Msg](k daokeeper.Keeper, gk GroupKeeper, fn AuthorityMsgFn[T]) simsx.SimMsgFactoryFn[*group.MsgSubmitProposal] {
	var zero T
	inner := sdk.MsgTypeURL(zero)
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *group.MsgSubmitProposal) {
		rep := prefixedReporter{SimulationReporter: reporter, prefix: inner}
		policy, signers, ok := councilSigners(ctx, k, gk, data, rep)
		if !ok {
			return nil, nil
		}
		msg := fn(ctx, policy, data, rep)
		if reporter.IsSkipped() {
			return nil, nil
		}
		proposers := make([]string, len(signers))
		for i, s := range signers {
			proposers[i] = s.AddressBech32
		}
		prop, err := group.NewMsgSubmitProposal(policy, proposers, []sdk.Msg{msg}, "", group.Exec_EXEC_TRY,
			"council decision", "app simulation: "+inner)
		if err != nil {
			rep.Skipf("packing the proposal: %v", err)
			return nil, nil
		}
		if reason := dryRun(ctx, gk, prop); reason != "" {
			rep.Skip("would not execute: " + reason)
			return nil, nil
		}
		return signers, prop
	}
}

// councilSigners returns the council policy's address (which must be the authority) and a
// random set of members among the simulation accounts that reaches the policy's threshold.
func councilSigners(ctx context.Context, k daokeeper.Keeper, gk GroupKeeper, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) (string, []simsx.SimAccount, bool) {
	auth, err := k.GetAuthority(ctx)
	if err != nil {
		reporter.Skipf("no authority: %v", err)
		return "", nil, false
	}
	policyBz, err := k.CouncilPolicy.Get(ctx)
	if err != nil || !bytes.Equal(auth, policyBz) {
		reporter.Skip("the authority is not the council's policy")
		return "", nil, false
	}
	groupID, err := k.CouncilGroupID.Get(ctx)
	if err != nil {
		reporter.Skip("no council group")
		return "", nil, false
	}
	policy, err := data.AddressCodec().BytesToString(policyBz)
	if err != nil {
		reporter.Skipf("council policy address: %v", err)
		return "", nil, false
	}
	info, err := gk.GroupPolicyInfo(ctx, &group.QueryGroupPolicyInfoRequest{Address: policy})
	if err != nil {
		reporter.Skipf("council policy: %v", err)
		return "", nil, false
	}
	dp, err := info.Info.GetDecisionPolicy()
	if err != nil {
		reporter.Skipf("council decision policy: %v", err)
		return "", nil, false
	}
	tp, isThreshold := dp.(*group.ThresholdDecisionPolicy)
	if !isThreshold || dp.GetMinExecutionPeriod() != 0 {
		reporter.Skip("the council's policy is not a threshold executable at once")
		return "", nil, false
	}
	threshold, err := math.LegacyNewDecFromStr(tp.Threshold)
	if err != nil {
		reporter.Skipf("council threshold %q: %v", tp.Threshold, err)
		return "", nil, false
	}
	res, err := gk.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: groupID, Pagination: &query.PageRequest{Limit: 1000}})
	if err != nil {
		reporter.Skipf("council members: %v", err)
		return "", nil, false
	}
	type member struct {
		acc    simsx.SimAccount
		weight math.LegacyDec
	}
	var ours []member
	total := math.LegacyZeroDec()
	for _, m := range res.Members {
		w, err := math.LegacyNewDecFromStr(m.Member.Weight)
		if err != nil || !w.IsPositive() || !data.HasAccount(m.Member.Address) {
			continue
		}
		ours = append(ours, member{acc: data.GetAccount(reporter, m.Member.Address), weight: w})
		total = total.Add(w)
	}
	if total.LT(threshold) {
		reporter.Skipf("the council's members among the simulation accounts weigh %s, below the threshold %s", total, threshold)
		return "", nil, false
	}
	// A random order, then members until the threshold is reached (sometimes one more).
	data.Rand().Shuffle(len(ours), func(i, j int) { ours[i], ours[j] = ours[j], ours[i] })
	var signers []simsx.SimAccount
	sum := math.LegacyZeroDec()
	for _, m := range ours {
		if sum.GTE(threshold) && data.Rand().Intn(4) != 0 {
			break
		}
		signers = append(signers, m.acc)
		sum = sum.Add(m.weight)
	}
	return policy, signers, true
}

// dryRun submits the proposal on a branch of the state that is thrown away and returns why it
// did not execute, or "" when it executed successfully (x/group prunes such a proposal).
func dryRun(ctx context.Context, gk GroupKeeper, prop *group.MsgSubmitProposal) string {
	cache, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	res, err := gk.SubmitProposal(cache, prop)
	if err != nil {
		return err.Error()
	}
	got, err := gk.Proposal(cache, &group.QueryProposalRequest{ProposalId: res.ProposalId})
	if err != nil || got.Proposal == nil {
		return "" // executed and pruned
	}
	if got.Proposal.ExecutorResult == group.PROPOSAL_EXECUTOR_RESULT_SUCCESS {
		return ""
	}
	for _, ev := range cache.EventManager().Events() {
		if ev.Type != sdk.MsgTypeURL(&group.EventExec{})[1:] {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == "logs" && a.Value != "" && a.Value != `""` {
				return a.Value
			}
		}
	}
	return fmt.Sprintf("proposal %s, execution %s", got.Proposal.Status, got.Proposal.ExecutorResult)
}

// prefixedReporter names the council's inner message in every skip reason.
type prefixedReporter struct {
	simsx.SimulationReporter
	prefix string
}

func (r prefixedReporter) Skip(comment string) {
	r.SimulationReporter.Skip(r.prefix + ": " + comment)
}

func (r prefixedReporter) Skipf(comment string, args ...any) {
	r.Skip(fmt.Sprintf(comment, args...))
}
