package keeper

import (
	"context"
	"errors"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/dao/types"
)

// InitGenesis sets the authority. On a fresh chain it creates the council as an x/group group
// (weight 1 per member) whose threshold policy administers itself, and makes that policy the
// authority. x/group's genesis must be initialized before this runs.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec, k.DecisionModules()); err != nil {
		return err
	}
	if err := k.importDecisions(ctx, gs); err != nil {
		return err
	}
	if gs.Council != nil {
		return k.createCouncil(ctx, *gs.Council)
	}
	auth, err := k.addressCodec.StringToBytes(gs.Authority)
	if err != nil {
		return err
	}
	if err := k.Authority.Set(ctx, auth); err != nil {
		return err
	}
	if gs.CouncilGroupId != 0 {
		if err := k.CouncilGroupID.Set(ctx, gs.CouncilGroupId); err != nil {
			return err
		}
	}
	if gs.CouncilPolicy != "" {
		policy, err := k.addressCodec.StringToBytes(gs.CouncilPolicy)
		if err != nil {
			return err
		}
		return k.CouncilPolicy.Set(ctx, policy)
	}
	return nil
}

func (k Keeper) createCouncil(ctx context.Context, c types.CouncilBootstrap) error {
	admin, err := k.addressCodec.BytesToString(k.authKeeper.GetModuleAddress(types.ModuleName))
	if err != nil {
		return err
	}
	members := make([]group.MemberRequest, len(c.Members))
	canonical := make([]string, len(c.Members))
	for i, m := range c.Members {
		_, a, err := k.canonicalAddress("council member", m)
		if err != nil {
			return err
		}
		canonical[i] = a
		members[i] = group.MemberRequest{Address: a, Weight: "1", Metadata: "DMEX council member"}
	}
	msg := &group.MsgCreateGroupWithPolicy{
		Admin:               admin,
		Members:             members,
		GroupMetadata:       "DMEX council",
		GroupPolicyMetadata: "DMEX authority (council phase)",
		GroupPolicyAsAdmin:  true,
	}
	policy := group.NewThresholdDecisionPolicy(strconv.FormatUint(c.Threshold, 10), c.VotingPeriod, 0)
	if err := msg.SetDecisionPolicy(policy); err != nil {
		return err
	}
	res, err := k.groupKeeper.CreateGroupWithPolicy(ctx, msg)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidCouncil, "create council: %v", err)
	}
	policyAddr, err := k.addressCodec.StringToBytes(res.GroupPolicyAddress)
	if err != nil {
		return err
	}
	if err := k.Authority.Set(ctx, policyAddr); err != nil {
		return err
	}
	if err := k.CouncilGroupID.Set(ctx, res.GroupId); err != nil {
		return err
	}
	if err := k.CouncilPolicy.Set(ctx, policyAddr); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCouncilCreated{
		GroupId: res.GroupId, Policy: res.GroupPolicyAddress, Members: canonical, Threshold: c.Threshold,
	})
}

// ExportGenesis writes the authority and the council's identifiers; the council itself is in
// x/group's genesis, so no bootstrap is exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	auth, err := k.GetAuthority(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Authority: k.addrString(auth)}
	if gs.CouncilGroupId, err = k.CouncilGroupID.Get(ctx); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	policy, err := k.CouncilPolicy.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	gs.CouncilPolicy = k.addrString(policy)
	if err := k.Decisions.Walk(ctx, nil, func(_ DecisionKey, d types.Decision) (bool, error) {
		gs.Decisions = append(gs.Decisions, d)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.CouncilChecks, err = exportQueue(ctx, k.CouncilChecks); err != nil {
		return nil, err
	}
	if gs.CouncilExpiries, err = exportQueue(ctx, k.CouncilExpiries); err != nil {
		return nil, err
	}
	return gs, nil
}

func exportQueue(ctx context.Context, q queue.Queue[time.Time]) ([]types.CouncilCheck, error) {
	var out []types.CouncilCheck
	err := q.Walk(ctx, func(it queue.Item[time.Time]) (bool, error) {
		out = append(out, types.CouncilCheck{Due: it.Due, ProposalId: it.ID})
		return false, nil
	})
	return out, err
}

func importQueue(ctx context.Context, q queue.Queue[time.Time], checks []types.CouncilCheck) error {
	for _, c := range checks {
		if err := q.Push(ctx, c.Due, c.ProposalId); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) importDecisions(ctx context.Context, gs types.GenesisState) error {
	for _, d := range gs.Decisions {
		if err := k.Decisions.Set(ctx, decisionKey(d), d); err != nil {
			return err
		}
	}
	if err := importQueue(ctx, k.CouncilChecks, gs.CouncilChecks); err != nil {
		return err
	}
	return importQueue(ctx, k.CouncilExpiries, gs.CouncilExpiries)
}
