package riskfund

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions: `dmexd query riskfund ...` and `dmexd tx riskfund ...`.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.riskfund.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "The risk fund's params"},
				{RpcMethod: "Fund", Use: "fund", Short: "The fund's books per denom with free capacity"},
				{RpcMethod: "PolicyByNFT", Use: "policy [nft-id]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_id"}}},
				{RpcMethod: "PoliciesByHolder", Use: "policies-by-holder [holder]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "holder"}}},
				{RpcMethod: "PoliciesByProduct", Use: "policies-by-product [product-id]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "product_id"}}},
				{RpcMethod: "Claims", Use: "claims [product-id]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "product_id"}}},
				{RpcMethod: "Compensations", Use: "compensations [product-id]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "product_id"}}},
				{RpcMethod: "PremiumQuote", Use: "premium [product-id]", Short: "The premium a buyer would pay now", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "product_id"}}},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.riskfund.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "UpdateParams", Skip: true},
				{RpcMethod: "Compensate", Skip: true}, // the authority's: through a council proposal
				{RpcMethod: "InsureNFT", Use: "insure [nft-id] [max-premium]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_id"}, {ProtoField: "max_premium"}}},
				{RpcMethod: "Deposit", Use: "deposit [amount]", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount", Varargs: true}}},
			},
		},
	}
}
