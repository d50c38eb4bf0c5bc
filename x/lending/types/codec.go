package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/lending/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgCreateOffer{}, "dmex/lending/MsgCreateOffer", nil)
	cdc.RegisterConcrete(&MsgCancelOffer{}, "dmex/lending/MsgCancelOffer", nil)
	cdc.RegisterConcrete(&MsgTakeOffer{}, "dmex/lending/MsgTakeOffer", nil)
	cdc.RegisterConcrete(&MsgCreateRequest{}, "dmex/lending/MsgCreateRequest", nil)
	cdc.RegisterConcrete(&MsgCancelRequest{}, "dmex/lending/MsgCancelRequest", nil)
	cdc.RegisterConcrete(&MsgFillRequest{}, "dmex/lending/MsgFillRequest", nil)
	cdc.RegisterConcrete(&MsgRepay{}, "dmex/lending/MsgRepay", nil)
	cdc.RegisterConcrete(&MsgProposeExtension{}, "dmex/lending/MsgProposeExtension", nil)
	cdc.RegisterConcrete(&MsgAcceptExtension{}, "dmex/lending/MsgAcceptExtension", nil)
	cdc.RegisterConcrete(&MsgRetryForeclosure{}, "dmex/lending/MsgRetryForeclosure", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{}, &MsgCreateOffer{}, &MsgCancelOffer{}, &MsgTakeOffer{}, &MsgCreateRequest{},
		&MsgCancelRequest{}, &MsgFillRequest{}, &MsgRepay{}, &MsgProposeExtension{}, &MsgAcceptExtension{},
		&MsgRetryForeclosure{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
