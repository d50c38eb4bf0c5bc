package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/amm/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgCreatePool{}, "dmex/amm/MsgCreatePool", nil)
	cdc.RegisterConcrete(&MsgJoinPool{}, "dmex/amm/MsgJoinPool", nil)
	cdc.RegisterConcrete(&MsgExitPool{}, "dmex/amm/MsgExitPool", nil)
	cdc.RegisterConcrete(&MsgSwapExactIn{}, "dmex/amm/MsgSwapExactIn", nil)
	cdc.RegisterConcrete(&MsgSwapExactOut{}, "dmex/amm/MsgSwapExactOut", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{}, &MsgCreatePool{}, &MsgJoinPool{}, &MsgExitPool{}, &MsgSwapExactIn{}, &MsgSwapExactOut{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
