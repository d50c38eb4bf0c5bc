package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
	next, err := m.addressCodec.StringToBytes(msg.NewAuthority)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "new authority %q: %v", msg.NewAuthority, err)
	}
	if err := m.Authority.Set(ctx, next); err != nil {
		return nil, err
	}
	return &types.MsgUpdateAuthorityResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventAuthorityUpdated{Previous: msg.Authority, Current: msg.NewAuthority})
}

func (m msgServer) SpendFoundation(ctx context.Context, msg *types.MsgSpendFoundation) (*types.MsgSpendFoundationResponse, error) {
	if err := m.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	to, err := m.addressCodec.StringToBytes(msg.Recipient)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient %q: %v", msg.Recipient, err)
	}
	if msg.Amount.Empty() || !msg.Amount.IsValid() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "amount %q must be positive and valid", msg.Amount)
	}
	if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.FoundationAccount, to, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgSpendFoundationResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(
		&types.EventFoundationSpent{Recipient: msg.Recipient, Amount: msg.Amount.String()})
}
