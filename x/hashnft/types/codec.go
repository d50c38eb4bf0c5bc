package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/hashnft/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgApplyProduct{}, "dmex/hashnft/MsgApplyProduct", nil)
	cdc.RegisterConcrete(&MsgApproveApplication{}, "dmex/hashnft/MsgApproveApplication", nil)
	cdc.RegisterConcrete(&MsgRejectApplication{}, "dmex/hashnft/MsgRejectApplication", nil)
	cdc.RegisterConcrete(&MsgBuyNFTs{}, "dmex/hashnft/MsgBuyNFTs", nil)
	cdc.RegisterConcrete(&MsgPlaceBid{}, "dmex/hashnft/MsgPlaceBid", nil)
	cdc.RegisterConcrete(&MsgRelistProduct{}, "dmex/hashnft/MsgRelistProduct", nil)
	cdc.RegisterConcrete(&MsgRetireUnsold{}, "dmex/hashnft/MsgRetireUnsold", nil)
	cdc.RegisterConcrete(&MsgTransferNFT{}, "dmex/hashnft/MsgTransferNFT", nil)
	cdc.RegisterConcrete(&MsgListNFT{}, "dmex/hashnft/MsgListNFT", nil)
	cdc.RegisterConcrete(&MsgCancelListing{}, "dmex/hashnft/MsgCancelListing", nil)
	cdc.RegisterConcrete(&MsgBuyListing{}, "dmex/hashnft/MsgBuyListing", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{}, &MsgApplyProduct{}, &MsgApproveApplication{}, &MsgRejectApplication{},
		&MsgBuyNFTs{}, &MsgPlaceBid{}, &MsgRelistProduct{}, &MsgRetireUnsold{},
		&MsgTransferNFT{}, &MsgListNFT{}, &MsgCancelListing{}, &MsgBuyListing{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
