package oracle

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.oracle.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Feeders", Use: "feeders", Short: "Show the oracle feeders and the quorum that finalizes a day", Example: cli.Example("q oracle feeders")},
				{RpcMethod: "CurrentDay", Use: "current-day", Short: "Show today's oracle day index (unix time / day_seconds, 86400 on a live chain) and the days open to reports", Example: cli.Example("q oracle current-day")},
				{
					RpcMethod: "NetworkDays", Use: "network-days [from] [to]", Short: "Show the network's days in a range: finalized (median reward per TiB), open or missing",
					PositionalArgs: cli.Args("from", "to"),
					Example:        cli.Example("q oracle network-days 20450 20456"),
				},
				{
					RpcMethod: "NodeDays", Use: "node-days [node-id] [from] [to]", Short: "Show a miner node's days in a range: finalized (power, reward), open or missing",
					PositionalArgs: cli.Args("node_id", "from", "to"),
					Example:        cli.Example("q oracle node-days f01234 20450 20456"),
				},
				{
					RpcMethod: "NodeLatest", Use: "node-latest [node-id]", Short: "Show a miner node's latest finalized day",
					PositionalArgs: cli.Args("node_id"),
					Example:        cli.Example("q oracle node-latest f01234"),
				},
				{RpcMethod: "Operators", Use: "operators", Short: "Show the IFIL bridge operators and their threshold", Example: cli.Example("q oracle operators")},
				{
					RpcMethod: "Deposit", Use: "deposit [cid]", Short: "Show a FIL deposit by its Filecoin message CID",
					PositionalArgs: cli.Args("cid"),
					Example:        cli.Example("q oracle deposit bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"),
				},
				{RpcMethod: "Withdrawals", Use: "withdrawals", Short: "List IFIL withdrawals (--pending-only for the pending ones)", Example: cli.Example("q oracle withdrawals --pending-only")},
				{RpcMethod: "PegSupply", Use: "peg-supply", Short: "Show aifil minted, burned, genesis supply, bank supply and pending withdrawals", Example: cli.Example("q oracle peg-supply")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.oracle.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Report", Use: "report [day] [reward-per-tib] [node:power:reward]...",
					Short:          "Report a day's figures as a feeder: network reward per TiB per day (attoFIL), and nodes as f01234:power_bytes:reward_attofil",
					PositionalArgs: cli.Varargs("day", "reward_per_tib", "nodes"),
					Example:        cli.Example("tx oracle report 20456 5000000000000000 f01234:1099511627776000:12000000000000000000 --from feeder1"),
				},
				{
					RpcMethod: "AttestDeposit", Use: "attest-deposit [cid] [recipient] [amount]", Short: "Attest a FIL deposit as a bridge operator (amount in attoFIL)",
					PositionalArgs: cli.Args("cid", "recipient", "amount"),
					Example:        cli.Example("tx oracle attest-deposit bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4 $(dmexd keys show alice -a) 5000000000000000000 --from operator1"),
				},
				{
					RpcMethod: "Withdraw", Use: "withdraw [amount] [filecoin-address]", Short: "Burn aifil and ask the bridge to send FIL to a Filecoin address",
					PositionalArgs: cli.Args("amount", "filecoin_address"),
					Example:        cli.Example("tx oracle withdraw 1000000000000000000 f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za --from alice"),
				},
				{
					RpcMethod: "AttestWithdrawal", Use: "attest-withdrawal [withdrawal-id] [payout-cid]", Short: "Attest a withdrawal's FIL payout as a bridge operator",
					PositionalArgs: cli.Args("withdrawal_id", "payout_cid"),
					Example:        cli.Example("tx oracle attest-withdrawal 1 bafy2bzaceb4c3abnb4mgiob2anm6fveqpr6bbgeyjaeqgefvgvhzpbm6d4upe --from operator1"),
				},
				{
					RpcMethod: "SetFeeders", Use: "set-feeders [authority] [feeder]...", Short: "Replace the oracle feeders (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: cli.AuthorityVarargs("feeders"),
					Example:        cli.Example("tx oracle set-feeders " + cli.ExampleAuthority + " $(dmexd keys show feeder1 -a) $(dmexd keys show feeder2 -a) $(dmexd keys show feeder3 -a) $(dmexd keys show feeder4 -a) --from council1 --generate-only"),
				},
				{
					RpcMethod: "SetOperators", Use: "set-operators [authority] [threshold] [operator]...", Short: "Replace the IFIL bridge operators and threshold (DMEX authority)",
					PositionalArgs: cli.AuthorityVarargs("threshold", "operators"),
					Example:        cli.Example("tx oracle set-operators " + cli.ExampleAuthority + " 2 $(dmexd keys show operator1 -a) $(dmexd keys show operator2 -a) $(dmexd keys show operator3 -a) --from council1 --generate-only"),
				},
			},
		},
	}
}
