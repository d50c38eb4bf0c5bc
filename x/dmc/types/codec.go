package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/dmc/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgCreateFarm{}, "dmex/dmc/MsgCreateFarm", nil)
	cdc.RegisterConcrete(&MsgSetFarmWeight{}, "dmex/dmc/MsgSetFarmWeight", nil)
	cdc.RegisterConcrete(&MsgCloseFarm{}, "dmex/dmc/MsgCloseFarm", nil)
	cdc.RegisterConcrete(&MsgStake{}, "dmex/dmc/MsgStake", nil)
	cdc.RegisterConcrete(&MsgUnstake{}, "dmex/dmc/MsgUnstake", nil)
	cdc.RegisterConcrete(&MsgClaim{}, "dmex/dmc/MsgClaim", nil)
	cdc.RegisterConcrete(&MsgSpendRevenue{}, "dmex/dmc/MsgSpendRevenue", nil)
	cdc.RegisterConcrete(&MsgCreateNFTFarm{}, "dmex/dmc/MsgCreateNFTFarm", nil)
	cdc.RegisterConcrete(&MsgStakeNFT{}, "dmex/dmc/MsgStakeNFT", nil)
	cdc.RegisterConcrete(&MsgUnstakeNFT{}, "dmex/dmc/MsgUnstakeNFT", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgUpdateParams{}, &MsgCreateFarm{}, &MsgSetFarmWeight{},
		&MsgCloseFarm{}, &MsgStake{}, &MsgUnstake{}, &MsgClaim{}, &MsgSpendRevenue{},
		&MsgCreateNFTFarm{}, &MsgStakeNFT{}, &MsgUnstakeNFT{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
