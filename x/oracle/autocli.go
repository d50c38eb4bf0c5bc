package oracle

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.oracle.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Feeders", Use: "feeders", Short: "Show the oracle feeders and the quorum that finalizes a day"},
				{RpcMethod: "CurrentDay", Use: "current-day", Short: "Show today's oracle day index (unix time / day_seconds, 86400 on a live chain) and the days open to reports"},
				{
					RpcMethod: "NetworkDays", Use: "network-days [from] [to]", Short: "Show the network's days in a range: finalized (median reward per TiB), open or missing",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "from"}, {ProtoField: "to"}},
				},
				{
					RpcMethod: "NodeDays", Use: "node-days [node-id] [from] [to]", Short: "Show a miner node's days in a range: finalized (power, reward), open or missing",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "node_id"}, {ProtoField: "from"}, {ProtoField: "to"}},
				},
				{
					RpcMethod: "NodeLatest", Use: "node-latest [node-id]", Short: "Show a miner node's latest finalized day",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "node_id"}},
				},
				{RpcMethod: "Operators", Use: "operators", Short: "Show the IFIL bridge operators and their threshold"},
				{
					RpcMethod: "Deposit", Use: "deposit [cid]", Short: "Show a FIL deposit by its Filecoin message CID",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cid"}},
				},
				{RpcMethod: "Withdrawals", Use: "withdrawals", Short: "List IFIL withdrawals (--pending-only for the pending ones)"},
				{RpcMethod: "PegSupply", Use: "peg-supply", Short: "Show aifil minted, burned, genesis supply, bank supply and pending withdrawals"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.oracle.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Report", Use: "report [day] [reward-per-tib] [node:power:reward]...",
					Short:          "Report a day's figures as a feeder: network reward per TiB per day (attoFIL), and nodes as f01234:power_bytes:reward_attofil",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "day"}, {ProtoField: "reward_per_tib"}, {ProtoField: "nodes", Varargs: true}},
				},
				{
					RpcMethod: "AttestDeposit", Use: "attest-deposit [cid] [recipient] [amount]", Short: "Attest a FIL deposit as a bridge operator (amount in attoFIL)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cid"}, {ProtoField: "recipient"}, {ProtoField: "amount"}},
				},
				{
					RpcMethod: "Withdraw", Use: "withdraw [amount] [filecoin-address]", Short: "Burn aifil and ask the bridge to send FIL to a Filecoin address",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}, {ProtoField: "filecoin_address"}},
				},
				{
					RpcMethod: "AttestWithdrawal", Use: "attest-withdrawal [withdrawal-id] [payout-cid]", Short: "Attest a withdrawal's FIL payout as a bridge operator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "withdrawal_id"}, {ProtoField: "payout_cid"}},
				},
				{
					RpcMethod: "SetFeeders", Use: "set-feeders [authority] [feeder]...", Short: "Replace the oracle feeders (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "feeders", Varargs: true}},
				},
				{
					RpcMethod: "SetOperators", Use: "set-operators [authority] [threshold] [operator]...", Short: "Replace the IFIL bridge operators and threshold (DMEX authority)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "threshold"}, {ProtoField: "operators", Varargs: true}},
				},
			},
		},
	}
}
