package dmc

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/dmexchain/dmex/internal/cli"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	auth := " " + cli.ExampleAuthority + " "
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dmc.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show DMC's supply and mining rules", Example: cli.Example("q dmc params")},
				{RpcMethod: "Supply", Use: "supply", Short: "Show total, maximum, mined and vesting-locked DMC (udmc)", Example: cli.Example("q dmc supply")},
				{RpcMethod: "Allocation", Use: "allocation", Short: "Show the genesis DMC allocation", Example: cli.Example("q dmc allocation")},
				{
					RpcMethod: "Emission", Use: "emission", Short: "Show the mining era, the block reward, what is minted and what remains to the cap",
					Example: cli.Example("q dmc emission"),
				},
				{RpcMethod: "Farms", Use: "farms", Short: "List the mining farms with their reward per block", Example: cli.Example("q dmc farms")},
				{
					RpcMethod: "Farm", Use: "farm [farm-id]", Short: "Show one mining farm",
					PositionalArgs: cli.Args("farm_id"), Example: cli.Example("q dmc farm 1"),
				},
				{
					RpcMethod: "Positions", Use: "positions [staker]", Short: "Show a staker's positions and pending rewards",
					PositionalArgs: cli.Args("staker"), Example: cli.Example("q dmc positions $(dmexd keys show alice -a)"),
				},
				{
					RpcMethod: "Forecast", Use: "forecast [farm-id] [amount]",
					Short:          "Forecast the udmc a stake of amount would earn per day in a farm, at today's figures",
					PositionalArgs: cli.Args("farm_id", "amount"), Example: cli.Example("q dmc forecast 1 1000000uusdt"),
				},
				{
					RpcMethod: "Revenue", Use: "revenue",
					Short: "Show the platform revenue ledger: per denom its balance, what each source paid in and what each use spent",
					Example: "dmexd q dmc revenue\n" +
						"dmexd q dmc revenue --denom uusdt\n" +
						"dmexd q dmc revenue --source trading_fee",
				},
				{
					RpcMethod: "NFTStakes", Use: "nft-stakes [staker]",
					Short:          "Show a holder's staked NFTs and NFT farm positions with the DMC pending",
					PositionalArgs: cli.Args("staker"), Example: cli.Example("q dmc nft-stakes $(dmexd keys show alice -a)"),
				},
				{
					RpcMethod: "FarmPower", Use: "farm-power [farm-id]",
					Short:          "Show an NFT farm's staked power and its per-product sub-totals",
					PositionalArgs: cli.Args("farm_id"), Example: cli.Example("q dmc farm-power 2"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "dmex.dmc.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "StakeNFT", Use: "stake-nft [farm-id] [nft-id]",
					Short:          "Stake a hashrate NFT in an NFT farm (it stays yours and keeps its mining rewards; locked until unstaked)",
					PositionalArgs: cli.Args("farm_id", "nft_id"), Example: cli.Example("tx dmc stake-nft 2 1 --from alice"),
				},
				{
					RpcMethod: "UnstakeNFT", Use: "unstake-nft [nft-id]",
					Short:          "Unstake a hashrate NFT (unlocks it and pays the DMC its position earned)",
					PositionalArgs: cli.Args("nft_id"), Example: cli.Example("tx dmc unstake-nft 1 --from alice"),
				},
				{
					RpcMethod: "CreateNFTFarm", Use: "create-nft-farm [authority] [program] [scope-json] [weight]",
					Short:          "Open an NFT farm for one product, miner node or chain (DMEX authority; program staked)",
					PositionalArgs: cli.Authority("program", "scope", "weight"),
					Example:        cli.Example("tx dmc create-nft-farm" + auth + "staked '{\"kind\":\"NFT_SCOPE_KIND_CHAIN\",\"chain\":\"FIL\"}' 1 --from council1 --generate-only"),
				},
				{
					RpcMethod: "Stake", Use: "stake [farm-id] [amount]", Short: "Stake coins in a mining farm",
					PositionalArgs: cli.Args("farm_id", "amount"), Example: cli.Example("tx dmc stake 1 1000000uusdt --from alice"),
				},
				{
					RpcMethod: "Unstake", Use: "unstake [farm-id] [amount]", Short: "Take coins out of a mining farm (rewards stay claimable)",
					PositionalArgs: cli.Args("farm_id", "amount"), Example: cli.Example("tx dmc unstake 1 500000uusdt --from alice"),
				},
				{
					RpcMethod: "Claim", Use: "claim [farm-id]", Short: "Claim mining rewards from a farm, or from every farm with 0",
					PositionalArgs: cli.Args("farm_id"), Example: cli.Example("tx dmc claim 0 --from alice"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params [authority] [params-json]",
					Short:          "Replace DMC's supply and mining rules (DMEX authority; send through a council or gov proposal)",
					PositionalArgs: cli.Authority("params"),
					Example:        cli.Example("tx dmc update-params" + auth + "\"$(dmexd q dmc params -o json | jq -c .params)\" --from council1 --generate-only"),
				},
				{
					RpcMethod: "CreateFarm", Use: "create-farm [authority] [program] [denom] [weight]",
					Short:          "Open a mining farm (DMEX authority; program behavioral, liquidity or staked)",
					PositionalArgs: cli.Authority("program", "denom", "weight"),
					Example:        cli.Example("tx dmc create-farm" + auth + "staked uusdt 1 --from council1 --generate-only"),
				},
				{
					RpcMethod: "SetFarmWeight", Use: "set-farm-weight [authority] [farm-id] [weight]", Short: "Reweight a farm (DMEX authority)",
					PositionalArgs: cli.Authority("farm_id", "weight"),
					Example:        cli.Example("tx dmc set-farm-weight" + auth + "1 3 --from council1 --generate-only"),
				},
				{
					RpcMethod: "CloseFarm", Use: "close-farm [authority] [farm-id]", Short: "Close a farm (DMEX authority)",
					PositionalArgs: cli.Authority("farm_id"),
					Example:        cli.Example("tx dmc close-farm" + auth + "1 --from council1 --generate-only"),
				},
				{
					RpcMethod: "SpendRevenue", Use: "spend-revenue [authority] [recipient] [amount]",
					Short:          "Pay platform revenue to an account (DMEX authority; it cannot overdraw a denom)",
					PositionalArgs: cli.Authority("recipient", "amount"),
					Example:        cli.Example("tx dmc spend-revenue" + auth + "$(dmexd keys show alice -a) 1000000uusdt --from council1 --generate-only"),
				},
			},
		},
	}
}
