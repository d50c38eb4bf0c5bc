package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/escrow/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgDepositRewards{}, "dmex/escrow/MsgDepositRewards", nil)
	cdc.RegisterConcrete(&MsgClaimRewards{}, "dmex/escrow/MsgClaimRewards", nil)
	cdc.RegisterConcrete(&MsgSuspendEscrow{}, "dmex/escrow/MsgSuspendEscrow", nil)
	cdc.RegisterConcrete(&MsgResumeEscrow{}, "dmex/escrow/MsgResumeEscrow", nil)
	cdc.RegisterConcrete(&MsgTerminateEscrow{}, "dmex/escrow/MsgTerminateEscrow", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{}, &MsgDepositRewards{}, &MsgClaimRewards{},
		&MsgSuspendEscrow{}, &MsgResumeEscrow{}, &MsgTerminateEscrow{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
