package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

type msgServer struct{ Keeper }

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

var _ types.MsgServer = msgServer{}

// account parses an address a message carries and returns it with its canonical spelling, the
// only one x/hashnft stores, compares and emits. Bech32 decodes the all-uppercase spelling to the
// same account (and a transaction signed by the account may carry it), so the strings users send
// are never compared as they are.
func (k Keeper) account(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}

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
