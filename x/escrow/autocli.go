package escrow

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

func args(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return out
}

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.escrow.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the escrow's rules"},
				{RpcMethod: "Escrow", Use: "escrow [product-id]", Short: "Show a product's escrow: paid in, released, remaining, days left, status and why", PositionalArgs: args("product_id")},
				{RpcMethod: "HolderRewards", Use: "rewards [holder]", Short: "Show a holder's earned, paid and pending rewards per NFT", PositionalArgs: args("holder")},
				{RpcMethod: "MinerRecord", Use: "miner [miner]", Short: "Show a miner's reward deposits and missed days", PositionalArgs: args("miner")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.escrow.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "DepositRewards", Use: "deposit-rewards [product-id] [amount]", Short: "Deposit a day's mining rewards for a product (its miner)", PositionalArgs: args("product_id", "amount")},
				{RpcMethod: "ClaimRewards", Use: "claim [nft-ids...]", Short: "Claim pending rewards now (no ids: every NFT you own)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "nft_ids", Varargs: true}}},
				{RpcMethod: "UpdateParams", Skip: true},
				{RpcMethod: "SuspendEscrow", Skip: true},
				{RpcMethod: "ResumeEscrow", Skip: true},
				{RpcMethod: "TerminateEscrow", Skip: true},
			},
		},
	}
}
