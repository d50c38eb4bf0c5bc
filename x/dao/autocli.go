package dao

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dao.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Authority", Use: "authority", Short: "Show the DMEX authority, the governance phase and the council"},
				{
					RpcMethod:      "Decision",
					Use:            "decision [module] [item-id]",
					Short:          "Show the proposal that decides an item of a module (hashnft: a product application), and how it ended",
					Example:        "dmexd q dao decision hashnft 5",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "module"}, {ProtoField: "item_id"}},
				},
				{
					RpcMethod:      "ProposalDecisions",
					Use:            "proposal-decisions [group|gov] [proposal-id]",
					Short:          "Show the items (of every module) a council (group) or gov proposal decides",
					Example:        "dmexd q dao proposal-decisions group 5",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "kind"}, {ProtoField: "proposal_id"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dao.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "UpdateAuthority",
					Use:            "update-authority [authority] [new-authority]",
					Short:          "Hand the DMEX authority to another address (send through a council or gov proposal; use --generate-only to get the message)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "new_authority"}},
				},
				{
					RpcMethod:      "SpendFoundation",
					Use:            "spend-foundation [authority] [recipient] [amount]",
					Short:          "Pay from the foundation account (send through a council or gov proposal)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "recipient"}, {ProtoField: "amount", Varargs: true}},
				},
			},
		},
	}
}
