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
					Use:            "decision [application-id]",
					Short:          "Show the proposal that decides an application, and how it ended",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "application_id"}},
				},
				{
					RpcMethod:      "ProposalDecisions",
					Use:            "proposal-decisions [group|gov] [proposal-id]",
					Short:          "Show the applications a council (group) or gov proposal decides",
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
