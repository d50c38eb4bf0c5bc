package dao

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dao.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Authority", Use: "authority", Short: "Show the DMEX authority, the governance phase and the council",
					Example: cli.Example("q dao authority"),
				},
				{
					RpcMethod:      "Decision",
					Use:            "decision [module] [item-id]",
					Short:          "Show the proposal that decides an item of a module (hashnft: a product application), and how it ended",
					PositionalArgs: cli.Args("module", "item_id"),
					Example:        cli.Example("q dao decision hashnft 5"),
				},
				{
					RpcMethod:      "ProposalDecisions",
					Use:            "proposal-decisions [group|gov] [proposal-id]",
					Short:          "Show the items (of every module) a council (group) or gov proposal decides",
					PositionalArgs: cli.Args("kind", "proposal_id"),
					Example:        cli.Example("q dao proposal-decisions group 5"),
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
					PositionalArgs: cli.Authority("new_authority"),
					Example:        cli.Example("tx dao update-authority $(dmexd q dao authority -o json | jq -r .authority) " + cli.ExampleAuthority + " --from council1 --generate-only"),
				},
				{
					RpcMethod:      "SpendFoundation",
					Use:            "spend-foundation [authority] [recipient] [amount]",
					Short:          "Pay from the foundation account (send through a council or gov proposal)",
					PositionalArgs: cli.AuthorityVarargs("recipient", "amount"),
					Example:        cli.Example("tx dao spend-foundation " + cli.ExampleAuthority + " $(dmexd keys show bob -a) 1000000udmc --from council1 --generate-only"),
				},
				{
					RpcMethod:      "UpdateCouncil",
					Use:            "update-council [authority] [threshold] [member]...",
					Short:          "Re-elect the council: its members (weight 1 each) and its threshold " + cli.AuthorityNote,
					PositionalArgs: cli.AuthorityVarargs("threshold", "members"),
					Example: cli.Example("tx dao update-council " + cli.ExampleAuthority +
						" 4 $(dmexd keys show council1 -a) $(dmexd keys show council2 -a) $(dmexd keys show council3 -a) $(dmexd keys show council4 -a) $(dmexd keys show council5 -a) --from council1 --generate-only"),
				},
				{
					RpcMethod:      "ScheduleUpgrade",
					Use:            "schedule-upgrade [authority] [name] [height]",
					Short:          "Schedule a software upgrade: the chain halts at height until the binary with the upgrade's handler runs " + cli.AuthorityNote,
					PositionalArgs: cli.Authority("name", "height"),
					FlagOptions:    map[string]*autocliv1.FlagOptions{"info": {Name: "info", Usage: "free text for operators and cosmovisor (e.g. binaries as JSON)"}},
					Example:        cli.Example("tx dao schedule-upgrade " + cli.ExampleAuthority + " v2 120000 --info 'see the release notes' --from council1 --generate-only"),
				},
				{
					RpcMethod:      "CancelUpgrade",
					Use:            "cancel-upgrade [authority]",
					Short:          "Cancel the scheduled software upgrade before its height " + cli.AuthorityNote,
					PositionalArgs: cli.Authority(),
					Example:        cli.Example("tx dao cancel-upgrade " + cli.ExampleAuthority + " --from council1 --generate-only"),
				},
			},
		},
	}
}
