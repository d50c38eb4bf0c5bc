package escrow

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	auth := " " + cli.ExampleAuthority + " "
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.escrow.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the escrow's rules", Example: cli.Example("q escrow params")},
				{
					RpcMethod: "Escrow", Use: "escrow [product-id]", Short: "Show a product's escrow: paid in, released, remaining, days left, status and why",
					PositionalArgs: cli.Args("product_id"), Example: cli.Example("q escrow escrow 1"),
				},
				{
					RpcMethod: "HolderRewards", Use: "rewards [holder]", Short: "Show a holder's earned, paid and pending rewards per NFT",
					PositionalArgs: cli.Args("holder"), Example: cli.Example("q escrow rewards $(dmexd keys show alice -a)"),
				},
				{
					RpcMethod: "MinerRecord", Use: "miner [miner]", Short: "Show a miner's reward deposits and missed days",
					PositionalArgs: cli.Args("miner"), Example: cli.Example("q escrow miner $(dmexd keys show miner -a)"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.escrow.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "DepositRewards", Use: "deposit-rewards [product-id] [amount]", Short: "Deposit a day's mining rewards for a product (its miner)",
					PositionalArgs: cli.Args("product_id", "amount"),
					Example:        cli.Example("tx escrow deposit-rewards 1 2000000000000000000aifil --from miner"),
				},
				{
					RpcMethod: "ClaimRewards", Use: "claim [nft-ids...]", Short: "Claim pending rewards now (no ids: every NFT you own)",
					PositionalArgs: cli.Varargs("nft_ids"),
					Example:        cli.Example("tx escrow claim --from alice", "tx escrow claim 1 2 --from alice"),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]",
					Short:          "Replace the escrow's rules " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx escrow update-params" + auth + "\"$(dmexd q escrow params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
				{
					RpcMethod: "SuspendEscrow", Use: "suspend [authority] [product-id] [reason]",
					Short:          "Suspend a product's escrow: releases and payouts stop " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("product_id", "reason"),
					Example:        cli.Example("tx escrow suspend" + auth + "1 \"miner under review\" --from council1 --generate-only"),
				},
				{
					RpcMethod: "ResumeEscrow", Use: "resume [authority] [product-id]",
					Short:          "Resume a suspended escrow " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("product_id"),
					Example:        cli.Example("tx escrow resume" + auth + "1 --from council1 --generate-only"),
				},
				{
					RpcMethod: "TerminateEscrow", Use: "terminate [authority] [product-id] [reason]",
					Short:          "Terminate a product's escrow for good " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("product_id", "reason"),
					Example:        cli.Example("tx escrow terminate" + auth + "1 \"miner defaulted\" --from council1 --generate-only"),
				},
			},
		},
	}
}
