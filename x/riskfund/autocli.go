package riskfund

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions: `dmexd query riskfund ...` and `dmexd tx riskfund ...`.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	auth := " " + cli.ExampleAuthority + " "
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.riskfund.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the risk fund's rules (premium, waiting days, capacity)", Example: cli.Example("q riskfund params")},
				{RpcMethod: "Fund", Use: "fund", Short: "Show the fund per denom: balance, committed and owed cover, reserved, free capacity", Example: cli.Example("q riskfund fund")},
				{
					RpcMethod: "PolicyByNFT", Use: "policy [nft-id]", Short: "Show an NFT's insurance policy",
					PositionalArgs: cli.Args("nft_id"), Example: cli.Example("q riskfund policy 1"),
				},
				{
					RpcMethod: "PoliciesByHolder", Use: "policies-by-holder [holder]", Short: "List the policies a holder bought",
					PositionalArgs: cli.Args("holder"), Example: cli.Example("q riskfund policies-by-holder $(dmexd keys show alice -a)"),
				},
				{
					RpcMethod: "PoliciesByProduct", Use: "policies-by-product [product-id]", Short: "List the policies on a product's NFTs",
					PositionalArgs: cli.Args("product_id"), Example: cli.Example("q riskfund policies-by-product 1"),
				},
				{
					RpcMethod: "Claims", Use: "claims [product-id]", Short: "List a terminated product's insurance claims: cover, paid, owed",
					PositionalArgs: cli.Args("product_id"), Example: cli.Example("q riskfund claims 1"),
				},
				{
					RpcMethod: "Compensations", Use: "compensations [product-id]", Short: "List the compensations of a terminated product",
					PositionalArgs: cli.Args("product_id"), Example: cli.Example("q riskfund compensations 1"),
				},
				{
					RpcMethod: "PremiumQuote", Use: "premium [product-id]", Short: "Show the premium to insure one NFT of a product now",
					PositionalArgs: cli.Args("product_id"), Example: cli.Example("q riskfund premium 1"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.riskfund.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "InsureNFT", Use: "insure [nft-id] [max-premium]", Short: "Insure an NFT you hold against unpaid mining rewards (pays at most max-premium)",
					PositionalArgs: cli.Args("nft_id", "max_premium"),
					Example:        cli.Example("tx riskfund insure 1 20000000uusdt --from alice"),
				},
				{
					RpcMethod: "Deposit", Use: "deposit [amount]", Short: "Send coins into the risk fund",
					PositionalArgs: cli.Args("amount"),
					Example:        cli.Example("tx riskfund deposit 1000000uusdt --from alice"),
				},
				{
					RpcMethod: "Compensate", Use: "compensate [authority] [product-id] [amount]",
					Short:          "Compensate a terminated product's holders from the fund, split per NFT " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("product_id", "amount"),
					Example:        cli.Example("tx riskfund compensate" + auth + "1 5000000000udmc --from council1 --generate-only"),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]",
					Short:          "Replace the risk fund's rules " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx riskfund update-params" + auth + "\"$(dmexd q riskfund params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
			},
		},
	}
}
