package dmc

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dmc.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show DMC's supply rules"},
				{RpcMethod: "Supply", Use: "supply", Short: "Show total, maximum, mined and vesting-locked DMC (udmc)"},
				{RpcMethod: "Allocation", Use: "allocation", Short: "Show the genesis DMC allocation"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dmc.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params [authority] [params-json]",
					Short:          "Replace DMC's supply rules (DMEX authority only; send through a council or gov proposal)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "params"}},
				},
			},
		},
	}
}
