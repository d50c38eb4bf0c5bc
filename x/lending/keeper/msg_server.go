package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/dmexchain/dmex/x/lending/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// UpdateParams: x/dao's check first. The collateral denom cannot change while any of it is held
// (what the records lock would change denom).
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if _, _, err := m.addr("authority", msg.Authority); err != nil {
		return nil, err
	}
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	old, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if old.CollateralDenom != msg.Params.CollateralDenom {
		b, err := m.books(ctx, old.CollateralDenom)
		if err != nil {
			return nil, err
		}
		if !b.Collateral.IsZero() {
			return nil, errorsmod.Wrapf(types.ErrInvalidParams, "collateral denom %s cannot change while %s%s is held as collateral",
				old.CollateralDenom, b.Collateral, old.CollateralDenom)
		}
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}

func (m msgServer) CreateOffer(ctx context.Context, msg *types.MsgCreateOffer) (*types.MsgCreateOfferResponse, error) {
	id, err := m.createOffer(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgCreateOfferResponse{OfferId: id}, nil
}

func (m msgServer) CancelOffer(ctx context.Context, msg *types.MsgCancelOffer) (*types.MsgCancelOfferResponse, error) {
	if err := m.cancelOffer(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgCancelOfferResponse{}, nil
}

func (m msgServer) TakeOffer(ctx context.Context, msg *types.MsgTakeOffer) (*types.MsgTakeOfferResponse, error) {
	id, err := m.takeOffer(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgTakeOfferResponse{LoanId: id}, nil
}

func (m msgServer) CreateRequest(ctx context.Context, msg *types.MsgCreateRequest) (*types.MsgCreateRequestResponse, error) {
	id, err := m.createRequest(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgCreateRequestResponse{RequestId: id}, nil
}

func (m msgServer) CancelRequest(ctx context.Context, msg *types.MsgCancelRequest) (*types.MsgCancelRequestResponse, error) {
	if err := m.cancelRequest(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgCancelRequestResponse{}, nil
}

func (m msgServer) FillRequest(ctx context.Context, msg *types.MsgFillRequest) (*types.MsgFillRequestResponse, error) {
	id, err := m.fillRequest(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgFillRequestResponse{LoanId: id}, nil
}

func (m msgServer) Repay(ctx context.Context, msg *types.MsgRepay) (*types.MsgRepayResponse, error) {
	return m.repay(ctx, msg)
}

func (m msgServer) ProposeExtension(ctx context.Context, msg *types.MsgProposeExtension) (*types.MsgProposeExtensionResponse, error) {
	if err := m.proposeExtension(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgProposeExtensionResponse{}, nil
}

func (m msgServer) AcceptExtension(ctx context.Context, msg *types.MsgAcceptExtension) (*types.MsgAcceptExtensionResponse, error) {
	if err := m.acceptExtension(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgAcceptExtensionResponse{}, nil
}

func (m msgServer) RetryForeclosure(ctx context.Context, msg *types.MsgRetryForeclosure) (*types.MsgRetryForeclosureResponse, error) {
	if err := m.retryForeclosure(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgRetryForeclosureResponse{}, nil
}
