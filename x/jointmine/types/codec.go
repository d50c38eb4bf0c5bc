package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "dmex/jointmine/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgApplyPool{}, "dmex/jointmine/MsgApplyPool", nil)
	cdc.RegisterConcrete(&MsgApprovePool{}, "dmex/jointmine/MsgApprovePool", nil)
	cdc.RegisterConcrete(&MsgRejectPool{}, "dmex/jointmine/MsgRejectPool", nil)
	cdc.RegisterConcrete(&MsgDeposit{}, "dmex/jointmine/MsgDeposit", nil)
	cdc.RegisterConcrete(&MsgRedeem{}, "dmex/jointmine/MsgRedeem", nil)
	cdc.RegisterConcrete(&MsgWithdrawPledge{}, "dmex/jointmine/MsgWithdrawPledge", nil)
	cdc.RegisterConcrete(&MsgDepositIncome{}, "dmex/jointmine/MsgDepositIncome", nil)
	cdc.RegisterConcrete(&MsgReturnPledge{}, "dmex/jointmine/MsgReturnPledge", nil)
	cdc.RegisterConcrete(&MsgClaimMaturity{}, "dmex/jointmine/MsgClaimMaturity", nil)
	cdc.RegisterConcrete(&MsgSetPoolSuspended{}, "dmex/jointmine/MsgSetPoolSuspended", nil)
	cdc.RegisterConcrete(&MsgCompensatePool{}, "dmex/jointmine/MsgCompensatePool", nil)
}

func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{}, &MsgApplyPool{}, &MsgApprovePool{}, &MsgRejectPool{}, &MsgDeposit{}, &MsgRedeem{},
		&MsgWithdrawPledge{}, &MsgDepositIncome{}, &MsgReturnPledge{}, &MsgClaimMaturity{},
		&MsgSetPoolSuspended{}, &MsgCompensatePool{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
