package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgSetFeeders{}, "dmex/oracle/MsgSetFeeders", nil)
	cdc.RegisterConcrete(&MsgReport{}, "dmex/oracle/MsgReport", nil)
	cdc.RegisterConcrete(&MsgSetOperators{}, "dmex/oracle/MsgSetOperators", nil)
	cdc.RegisterConcrete(&MsgAttestDeposit{}, "dmex/oracle/MsgAttestDeposit", nil)
	cdc.RegisterConcrete(&MsgWithdraw{}, "dmex/oracle/MsgWithdraw", nil)
	cdc.RegisterConcrete(&MsgAttestWithdrawal{}, "dmex/oracle/MsgAttestWithdrawal", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgSetFeeders{}, &MsgReport{}, &MsgSetOperators{},
		&MsgAttestDeposit{}, &MsgWithdraw{}, &MsgAttestWithdrawal{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
