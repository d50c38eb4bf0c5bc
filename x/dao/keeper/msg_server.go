package keeper

import (
	"bytes"
	"context"
	"strconv"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/dao/types"
)

type msgServer struct{ Keeper }

// NewMsgServerImpl returns the x/dao Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

var _ types.MsgServer = msgServer{}

func (m msgServer) UpdateAuthority(ctx context.Context, msg *types.MsgUpdateAuthority) (*types.MsgUpdateAuthorityResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	_, previous, err := m.canonicalAddress("authority", msg.Authority)
	if err != nil {
		return nil, err
	}
	next, nextStr, err := m.canonicalAddress("new authority", msg.NewAuthority)
	if err != nil {
		return nil, err
	}
	// The authority moves only between the council and x/gov: a mistyped address would lose
	// every DMEX decision for good.
	policy, _ := m.CouncilPolicy.Get(ctx)
	if !bytes.Equal(next, m.govAddress) && !bytes.Equal(next, policy) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "new authority %s must be x/gov (%s) or the council's policy (%s)",
			nextStr, m.addrString(m.govAddress), m.addrString(policy))
	}
	if err := m.Authority.Set(ctx, next); err != nil {
		return nil, err
	}
	return &types.MsgUpdateAuthorityResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventAuthorityUpdated{Previous: previous, Current: nextStr})
}

func (m msgServer) SpendFoundation(ctx context.Context, msg *types.MsgSpendFoundation) (*types.MsgSpendFoundationResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	to, recipient, err := m.canonicalAddress("recipient", msg.Recipient)
	if err != nil {
		return nil, err
	}
	if msg.Amount.Empty() || !msg.Amount.IsValid() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "amount %q must be positive and valid", msg.Amount)
	}
	if m.bankKeeper.BlockedAddr(to) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient %s is a module account that may not receive funds", recipient)
	}
	foundation := m.authKeeper.GetModuleAddress(modaccounts.Foundation)
	if held := m.bankKeeper.SpendableCoins(ctx, foundation); !held.IsAllGTE(msg.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "the foundation holds %s, less than %s", held, msg.Amount)
	}
	if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, modaccounts.Foundation, to, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgSpendFoundationResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventFoundationSpent{Recipient: recipient, Amount: msg.Amount.String()})
}

// UpdateCouncil re-elects the council in place: same group and policy address, new members
// (weight 1) and threshold. The voting period is kept.
func (m msgServer) UpdateCouncil(ctx context.Context, msg *types.MsgUpdateCouncil) (*types.MsgUpdateCouncilResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidateCouncil(m.addressCodec, msg.Members, msg.Threshold); err != nil {
		return nil, err
	}
	members := make([]string, len(msg.Members))
	for i, a := range msg.Members {
		_, canonical, err := m.canonicalAddress("member", a)
		if err != nil {
			return nil, err
		}
		members[i] = canonical
	}
	groupID, err := m.CouncilGroupID.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidCouncil, "no council group")
	}
	policyBz, err := m.CouncilPolicy.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidCouncil, "no council policy")
	}
	policy := m.addrString(policyBz)
	current, err := m.groupKeeper.GroupMembers(ctx, &group.QueryGroupMembersRequest{GroupId: groupID, Pagination: &query.PageRequest{Limit: 1000}})
	if err != nil {
		return nil, err
	}
	// Addresses are compared as bytes so that one account in two spellings is one member.
	keep := map[string]bool{}
	var updates []group.MemberRequest
	for _, a := range members {
		bz, _ := m.addressCodec.StringToBytes(a)
		keep[string(bz)] = true
		updates = append(updates, group.MemberRequest{Address: a, Weight: "1", Metadata: "DMEX council member"})
	}
	for _, gm := range current.Members {
		bz, err := m.addressCodec.StringToBytes(gm.Member.Address)
		if err != nil {
			return nil, err
		}
		if !keep[string(bz)] {
			updates = append(updates, group.MemberRequest{Address: gm.Member.Address, Weight: "0"})
		}
	}
	if _, err := m.groupKeeper.UpdateGroupMembers(ctx, &group.MsgUpdateGroupMembers{Admin: policy, GroupId: groupID, MemberUpdates: updates}); err != nil {
		return nil, err
	}
	info, err := m.groupKeeper.GroupPolicyInfo(ctx, &group.QueryGroupPolicyInfoRequest{Address: policy})
	if err != nil {
		return nil, err
	}
	dp, err := info.Info.GetDecisionPolicy()
	if err != nil {
		return nil, err
	}
	next := &group.MsgUpdateGroupPolicyDecisionPolicy{Admin: policy, GroupPolicyAddress: policy}
	if err := next.SetDecisionPolicy(group.NewThresholdDecisionPolicy(strconv.FormatUint(msg.Threshold, 10),
		dp.GetVotingPeriod(), dp.GetMinExecutionPeriod())); err != nil {
		return nil, err
	}
	if _, err := m.groupKeeper.UpdateGroupPolicyDecisionPolicy(ctx, next); err != nil {
		return nil, err
	}
	return &types.MsgUpdateCouncilResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventCouncilUpdated{GroupId: groupID, Members: members, Threshold: msg.Threshold})
}
