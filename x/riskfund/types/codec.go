package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/riskfund/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgInsureNFT{}, "dmex/riskfund/MsgInsureNFT", nil)
	cdc.RegisterConcrete(&MsgDeposit{}, "dmex/riskfund/MsgDeposit", nil)
	cdc.RegisterConcrete(&MsgCompensate{}, "dmex/riskfund/MsgCompensate", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{}, &MsgInsureNFT{}, &MsgDeposit{}, &MsgCompensate{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
