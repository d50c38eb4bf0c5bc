package jointmine

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions: `dmexd query jointmine ...` and `dmexd tx jointmine ...`.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	auth := " " + cli.ExampleAuthority + " "
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.jointmine.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the joint-mining rules (IFIL denom, cap per TiB, term, grace, deposits)", Example: cli.Example("q jointmine params")},
				{
					RpcMethod: "Pool", Use: "pool [pool-id]", Short: "Show a pool: status, period, cap, deposits, pledge, liquid, value per share, days left",
					PositionalArgs: cli.Args("pool_id"), Example: cli.Example("q jointmine pool 1"),
				},
				{RpcMethod: "Pools", Use: "pools", Short: "List the pools and their applications", Example: cli.Example("q jointmine pools")},
				{
					RpcMethod: "PoolByNode", Use: "pool-by-node [node-id]", Short: "Show the open pool of a Filecoin node",
					PositionalArgs: cli.Args("node_id"), Example: cli.Example("q jointmine pool-by-node f01234"),
				},
				{
					RpcMethod: "Holder", Use: "holder [pool-id] [address]", Short: "Show an account's shares, share-time, value and maturity payout due in a pool",
					PositionalArgs: cli.Args("pool_id", "address"), Example: cli.Example("q jointmine holder 1 $(dmexd keys show alice -a)"),
				},
				{
					RpcMethod: "Holders", Use: "holders [pool-id]", Short: "List a pool's holders with their share-time",
					PositionalArgs: cli.Args("pool_id"), Example: cli.Example("q jointmine holders 1"),
				},
				{
					RpcMethod: "Redemptions", Use: "redemptions [pool-id]", Short: "List a pool's redemption queue in order, with each request's place and amount left",
					PositionalArgs: cli.Args("pool_id"), Example: cli.Example("q jointmine redemptions 1"),
				},
				{
					RpcMethod: "Incomes", Use: "incomes [pool-id]", Short: "List a pool's income deposits and their 20/5/75 split",
					PositionalArgs: cli.Args("pool_id"), Example: cli.Example("q jointmine incomes 1"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.jointmine.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "ApplyPool", Use: "apply-pool [node-id] [target-tib] [disclosure] [deposit]",
					Short:          "Apply for a joint-mining pool for your node (the deposit is held until the authority decides)",
					PositionalArgs: cli.Args("node_id", "target_tib", "disclosure", "deposit"),
					Example:        cli.Example(`tx jointmine apply-pool f01234 4 "Miner Co, ops@miner.example, 4 TiB in Hong Kong" 100000000udmc --from miner`),
				},
				{
					RpcMethod: "ApprovePool", Use: "approve-pool [authority] [pool-id]", Short: "Approve a pool application: its genesis period opens " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("pool_id"), Example: cli.Example("tx jointmine approve-pool" + auth + "1 --from council1 --generate-only"),
				},
				{
					RpcMethod: "RejectPool", Use: "reject-pool [authority] [pool-id] [reason]", Short: "Reject a pool application; its deposit goes to the risk fund " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("pool_id", "reason"), Example: cli.Example("tx jointmine reject-pool" + auth + "1 \"no disclosure of the node's location\" --from council1 --generate-only"),
				},
				{
					RpcMethod: "Deposit", Use: "deposit [pool-id] [amount]", Short: "Deposit IFIL into a pool for its dToken (1:1 in the genesis period, at the net value after)",
					PositionalArgs: cli.Args("pool_id", "amount"), Example: cli.Example("tx jointmine deposit 1 50000000000000000000aifil --from alice"),
				},
				{
					RpcMethod: "Redeem", Use: "redeem [pool-id] [shares]", Short: "Redeem dToken at the net value less 2/1000; what the pool cannot pay now waits in its queue",
					PositionalArgs: cli.Args("pool_id", "shares"), Example: cli.Example("tx jointmine redeem 1 10000000000000000000jointmine/pool/1 --from alice"),
				},
				{
					RpcMethod: "WithdrawPledge", Use: "withdraw-pledge [pool-id] [amount]", Short: "Withdraw pool IFIL to pledge on Filecoin, up to the genesis cap (the pool's miner)",
					PositionalArgs: cli.Args("pool_id", "amount"), Example: cli.Example("tx jointmine withdraw-pledge 1 100000000000000000000aifil --from miner"),
				},
				{
					RpcMethod: "DepositIncome", Use: "deposit-income [pool-id] [amount]", Short: "Bring mining income: 20% stays with the miner, 5% to platform revenue, 75% to the pool",
					PositionalArgs: cli.Args("pool_id", "amount"), Example: cli.Example("tx jointmine deposit-income 1 10000000000000000000aifil --from miner"),
				},
				{
					RpcMethod: "ReturnPledge", Use: "return-pledge [pool-id] [amount]", Short: "Return pledge to the pool (after the term it is shared among holders by share-time)",
					PositionalArgs: cli.Args("pool_id", "amount"), Example: cli.Example("tx jointmine return-pledge 1 100000000000000000000aifil --from miner"),
				},
				{
					RpcMethod: "ClaimMaturity", Use: "claim-maturity [pool-id]", Short: "Receive your part of a matured pool's returned pledge now",
					PositionalArgs: cli.Args("pool_id"), Example: cli.Example("tx jointmine claim-maturity 1 --from alice"),
				},
				{
					RpcMethod: "SetPoolSuspended", Use: "set-pool-suspended [authority] [pool-id] [suspended]", Short: "Suspend (true) or resume (false) a pool " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("pool_id", "suspended"), Example: cli.Example("tx jointmine set-pool-suspended" + auth + "1 true --from council1 --generate-only"),
				},
				{
					RpcMethod: "CompensatePool", Use: "compensate-pool [authority] [pool-id] [amount]", Short: "Pay a defaulted pool's shortfall from the risk fund into its maturity fund " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("pool_id", "amount"), Example: cli.Example("tx jointmine compensate-pool" + auth + "1 50000000000000000000aifil --from council1 --generate-only"),
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [authority] [params-json]", Short: "Replace the joint-mining rules " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx jointmine update-params" + auth + "\"$(dmexd q jointmine params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
			},
		},
	}
}
