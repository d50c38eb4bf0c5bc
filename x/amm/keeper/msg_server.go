package keeper

import (
	"context"

	"github.com/dmexchain/dmex/x/amm/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// UpdateParams: x/dao's check first, then the params' own bounds. Existing pools keep their
// swap fee and locked shares; a denom no longer accepted keeps its pools (only new pools need
// accepted denoms).
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}

func (m msgServer) CreatePool(ctx context.Context, msg *types.MsgCreatePool) (*types.MsgCreatePoolResponse, error) {
	return m.createPool(ctx, msg)
}

func (m msgServer) JoinPool(ctx context.Context, msg *types.MsgJoinPool) (*types.MsgJoinPoolResponse, error) {
	return m.joinPool(ctx, msg)
}

func (m msgServer) ExitPool(ctx context.Context, msg *types.MsgExitPool) (*types.MsgExitPoolResponse, error) {
	return m.exitPool(ctx, msg)
}

func (m msgServer) SwapExactIn(ctx context.Context, msg *types.MsgSwapExactIn) (*types.MsgSwapExactInResponse, error) {
	who, err := m.sender(msg.Sender)
	if err != nil {
		return nil, err
	}
	if err := checkDeadline(ctx, msg.Deadline); err != nil {
		return nil, err
	}
	out, err := m.swapExactIn(ctx, who, msg.Route, msg.TokenIn, msg.MinOut)
	if err != nil {
		return nil, err
	}
	return &types.MsgSwapExactInResponse{TokenOut: out}, nil
}

func (m msgServer) SwapExactOut(ctx context.Context, msg *types.MsgSwapExactOut) (*types.MsgSwapExactOutResponse, error) {
	who, err := m.sender(msg.Sender)
	if err != nil {
		return nil, err
	}
	if err := checkDeadline(ctx, msg.Deadline); err != nil {
		return nil, err
	}
	in, err := m.swapExactOut(ctx, who, msg.Route, msg.DenomIn, msg.MaxIn, msg.TokenOut)
	if err != nil {
		return nil, err
	}
	return &types.MsgSwapExactOutResponse{TokenIn: in}, nil
}

func (k Keeper) sender(s string) (party, error) {
	addr, name, err := k.addr("sender", s)
	return party{addr: addr, name: name}, err
}
