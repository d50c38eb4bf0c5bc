package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the messages for amino JSON signing (ledger).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateAuthority{}, "dmex/dao/MsgUpdateAuthority", nil)
	cdc.RegisterConcrete(&MsgSpendFoundation{}, "dmex/dao/MsgSpendFoundation", nil)
	cdc.RegisterConcrete(&MsgUpdateCouncil{}, "dmex/dao/MsgUpdateCouncil", nil)
	cdc.RegisterConcrete(&MsgScheduleUpgrade{}, "dmex/dao/MsgScheduleUpgrade", nil)
	cdc.RegisterConcrete(&MsgCancelUpgrade{}, "dmex/dao/MsgCancelUpgrade", nil)
}

// RegisterInterfaces registers the messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateAuthority{},
		&MsgSpendFoundation{},
		&MsgUpdateCouncil{},
		&MsgScheduleUpgrade{},
		&MsgCancelUpgrade{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
