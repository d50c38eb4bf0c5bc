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
				{RpcMethod: "Params", Use: "params", Short: "Show DMC's supply and mining rules"},
				{RpcMethod: "Supply", Use: "supply", Short: "Show total, maximum, mined and vesting-locked DMC (udmc)"},
				{RpcMethod: "Allocation", Use: "allocation", Short: "Show the genesis DMC allocation"},
				{RpcMethod: "Emission", Use: "emission", Short: "Show the mining era, the block reward, what is minted and what remains to the cap"},
				{RpcMethod: "Farms", Use: "farms", Short: "List the mining farms with their reward per block"},
				{
					RpcMethod: "Farm", Use: "farm [farm-id]", Short: "Show one mining farm",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "farm_id"}},
				},
				{
					RpcMethod: "Positions", Use: "positions [staker]", Short: "Show a staker's positions and pending rewards",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "staker"}},
				},
				{
					RpcMethod: "Forecast", Use: "forecast [farm-id] [amount]",
					Short:          "Forecast the udmc a stake of amount would earn per day in a farm, at today's figures",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "farm_id"}, {ProtoField: "amount"}},
				},
				{
					RpcMethod: "Revenue", Use: "revenue",
					Short: "Show the platform revenue ledger: per denom its balance, what each source paid in and what each use spent",
					Example: "dmexd q dmc revenue\n" +
						"dmexd q dmc revenue --denom uusdt\n" +
						"dmexd q dmc revenue --source trading_fee",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dmc.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Stake", Use: "stake [farm-id] [amount]", Short: "Stake coins in a mining farm",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "farm_id"}, {ProtoField: "amount"}},
				},
				{
					RpcMethod: "Unstake", Use: "unstake [farm-id] [amount]", Short: "Take coins out of a mining farm (rewards stay claimable)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "farm_id"}, {ProtoField: "amount"}},
				},
				{
					RpcMethod: "Claim", Use: "claim [farm-id]", Short: "Claim mining rewards from a farm, or from every farm with 0",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "farm_id"}},
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params [authority] [params-json]",
					Short:          "Replace DMC's supply and mining rules (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "params"}},
				},
				{
					RpcMethod: "CreateFarm", Use: "create-farm [authority] [program] [denom] [weight]",
					Short:          "Open a mining farm (DMEX authority; program PROGRAM_BEHAVIORAL, PROGRAM_LIQUIDITY or PROGRAM_STAKED)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "program"}, {ProtoField: "denom"}, {ProtoField: "weight"}},
				},
				{
					RpcMethod: "SetFarmWeight", Use: "set-farm-weight [authority] [farm-id] [weight]", Short: "Reweight a farm (DMEX authority)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "farm_id"}, {ProtoField: "weight"}},
				},
				{
					RpcMethod: "CloseFarm", Use: "close-farm [authority] [farm-id]", Short: "Close a farm (DMEX authority)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "farm_id"}},
				},
				{
					RpcMethod: "SpendRevenue", Use: "spend-revenue [authority] [recipient] [amount]",
					Short:          "Pay platform revenue to an account (DMEX authority; it cannot overdraw a denom)",
					Example:        "dmexd tx dmc spend-revenue <authority> dmex1... 1000000uusdt --generate-only  # then wrap it in a council proposal",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "authority"}, {ProtoField: "recipient"}, {ProtoField: "amount"}},
				},
			},
		},
	}
}
