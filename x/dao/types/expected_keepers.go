package types

import (
	"context"

	"cosmossdk.io/core/address"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/group"
)

// AccountKeeper is what x/dao needs of x/auth.
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
}

// BankKeeper is what x/dao needs of x/bank.
type BankKeeper interface {
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	BlockedAddr(addr sdk.AccAddress) bool
}

// GroupKeeper is what x/dao needs of x/group: the council is created as a group with a policy.
type GroupKeeper interface {
	CreateGroupWithPolicy(ctx context.Context, msg *group.MsgCreateGroupWithPolicy) (*group.MsgCreateGroupWithPolicyResponse, error)
	UpdateGroupMembers(ctx context.Context, msg *group.MsgUpdateGroupMembers) (*group.MsgUpdateGroupMembersResponse, error)
	UpdateGroupPolicyDecisionPolicy(ctx context.Context, msg *group.MsgUpdateGroupPolicyDecisionPolicy) (*group.MsgUpdateGroupPolicyDecisionPolicyResponse, error)
	GroupMembers(ctx context.Context, req *group.QueryGroupMembersRequest) (*group.QueryGroupMembersResponse, error)
	GroupPolicyInfo(ctx context.Context, req *group.QueryGroupPolicyInfoRequest) (*group.QueryGroupPolicyInfoResponse, error)
	Proposal(ctx context.Context, req *group.QueryProposalRequest) (*group.QueryProposalResponse, error)
}

// GovProposals reads an x/gov proposal (its messages and status) for the governance hooks.
type GovProposals func(ctx context.Context, id uint64) (govv1.Proposal, error)

// UpgradeKeeper is what x/dao needs of x/upgrade: the authority schedules and cancels software
// upgrades through x/dao, since x/upgrade's own messages accept only x/gov's module account.
type UpgradeKeeper interface {
	ScheduleUpgrade(ctx context.Context, plan upgradetypes.Plan) error
	ClearUpgradePlan(ctx context.Context) error
	GetUpgradePlan(ctx context.Context) (upgradetypes.Plan, error)
	GetDoneHeight(ctx context.Context, name string) (int64, error)
}
