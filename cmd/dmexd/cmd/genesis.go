package cmd

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/dmexchain/dmex/app"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// genesisCommand is the SDK's genesis commands, with `allocate` added and `validate` extended
// with the DMC supply check.
func genesisCommand(txConfig client.TxConfig, basicManager module.BasicManager) *cobra.Command {
	cmd := genutilcli.Commands(txConfig, basicManager, app.DefaultNodeHome)
	for _, sub := range cmd.Commands() {
		if sub.Name() == "validate" {
			wrapValidate(sub)
		}
	}
	cmd.AddCommand(allocateCmd(), addFarmCmd(), addNFTFarmCmd(), addPoolCmd(), oracleGenesisCmd())
	return cmd
}

func genesisPath(cmd *cobra.Command, args []string) string {
	if len(args) > 0 {
		return args[0]
	}
	return server.GetServerContextFromCmd(cmd).Config.GenesisFile()
}

func wrapValidate(cmd *cobra.Command) {
	modulesCheck := cmd.RunE
	cmd.Short = "Validate a genesis file: every module's genesis, and that DMC adds up to the allocation"
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		cmd.SilenceUsage = true // a bad genesis is not a usage error
		appGenesis, err := genutiltypes.AppGenesisFromFile(genesisPath(cmd, args))
		if err != nil {
			return err
		}
		var appState map[string]json.RawMessage
		if err := json.Unmarshal(appGenesis.AppState, &appState); err != nil {
			return fmt.Errorf("app_state: %w", err)
		}
		if err := app.ValidateDMCBooks(client.GetClientContextFromCmd(cmd).Codec, appState); err != nil {
			return fmt.Errorf("invalid genesis: %w", err)
		}
		return modulesCheck(cmd, args)
	}
}

func allocateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "allocate [allocation-file]",
		Short: "Write the genesis DMC allocation (SPEC §2) and the council (SPEC §9) from a small JSON file",
		Long: `Reads an allocation file and writes, into the genesis, the 50,000,000 DMC of SPEC §2:
team (periodic vesting, 36 monthly tranches), private placement (20% free, 4 quarterly
tranches), the risk fund module account, and the foundation (grants paid out of it at genesis,
the rest in the foundation module account), plus the council whose group policy becomes the
DMEX authority. Nothing is written unless every check passes.

Example file:
{
  "team": [{"address": "dmex1...", "amount": "10000000000000udmc"}],
  "private_placement": [{"address": "dmex1...", "amount": "20000000000000udmc"}],
  "risk_fund": "10000000000000udmc",
  "foundation": {"amount": "10000000000000udmc",
                 "grants": [{"address": "dmex1...", "amount": "1000000000000udmc"}]},
  "council": {"members": ["dmex1...", "..."], "threshold": 4, "voting_period": "24h"}
}`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			file, err := app.ReadAllocationFile(args[0])
			if err != nil {
				return err
			}
			appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return fmt.Errorf("read genesis %s: %w", genFile, err)
			}
			if err := app.ApplyAllocation(clientCtx.Codec, appState, file, appGenesis.GenesisTime); err != nil {
				return fmt.Errorf("allocation not written: %w", err)
			}
			appGenesis.AppState, err = json.MarshalIndent(appState, "", "  ")
			if err != nil {
				return err
			}
			if err := genutil.ExportGenesisFile(appGenesis, genFile); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "DMC allocation and council written to %s\n", genFile)
			return nil
		},
	}
}

func addFarmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "add-farm [program] [denom] [weight]",
		Short: "Open a DMC mining farm at genesis (program: behavioral, liquidity or staked)",
		Example: `dmexd genesis add-farm staked uusdt 1
dmexd genesis add-farm liquidity amm/pool/1 2`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			program, ok := dmctypes.Program_value["PROGRAM_"+strings.ToUpper(args[0])]
			if !ok || !dmctypes.ValidProgram(dmctypes.Program(program)) {
				return fmt.Errorf("unknown program %q: want behavioral, liquidity or staked", args[0])
			}
			weight, err := strconv.ParseUint(args[2], 10, 64)
			if err != nil || weight == 0 {
				return fmt.Errorf("weight %q must be a positive integer", args[2])
			}
			appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return err
			}
			var gs dmctypes.GenesisState
			if err := clientCtx.Codec.UnmarshalJSON(appState[dmctypes.ModuleName], &gs); err != nil {
				return err
			}
			for _, f := range gs.Farms {
				if !f.Closed && f.Program == dmctypes.Program(program) && f.Denom == args[1] {
					return fmt.Errorf("farm %d already takes %s in %s", f.Id, f.Denom, f.Program)
				}
			}
			farm := dmctypes.NewFarm(gs.NextFarmId, dmctypes.Program(program), args[1], weight)
			if err := farm.Validate(); err != nil {
				return err
			}
			gs.Farms = append(gs.Farms, farm)
			gs.NextFarmId++
			if appState[dmctypes.ModuleName], err = clientCtx.Codec.MarshalJSON(&gs); err != nil {
				return err
			}
			if appGenesis.AppState, err = json.MarshalIndent(appState, "", "  "); err != nil {
				return err
			}
			if err := genutil.ExportGenesisFile(appGenesis, genFile); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "farm %d: %s %s weight %d\n", farm.Id, farm.Program, farm.Denom, weight)
			return nil
		},
	}
}

func addNFTFarmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "add-nft-farm [program] [product|miner|chain] [product-id|node-id|chain] [weight]",
		Short: "Open a DMC mining farm of hashrate NFTs at genesis: the NFTs of one product, miner node or chain (program: staked)",
		Example: `dmexd genesis add-nft-farm staked chain FIL 1
dmexd genesis add-nft-farm staked miner f01234 2
dmexd genesis add-nft-farm staked product 3 1`,
		Args: cobra.ExactArgs(4),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			program, ok := dmctypes.Program_value["PROGRAM_"+strings.ToUpper(args[0])]
			if !ok || dmctypes.Program(program) != dmctypes.PROGRAM_STAKED {
				return fmt.Errorf("program %q: NFT farms are in the staked program", args[0])
			}
			var scope dmctypes.NFTScope
			switch args[1] {
			case "product":
				id, err := strconv.ParseUint(args[2], 10, 64)
				if err != nil {
					return fmt.Errorf("product id %q must be a positive integer", args[2])
				}
				scope = dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_PRODUCT, ProductId: id}
			case "miner":
				scope = dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_MINER, MinerNodeId: args[2]}
			case "chain":
				scope = dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: args[2]}
			default:
				return fmt.Errorf("scope %q: want product, miner or chain", args[1])
			}
			weight, err := strconv.ParseUint(args[3], 10, 64)
			if err != nil || weight == 0 {
				return fmt.Errorf("weight %q must be a positive integer", args[3])
			}
			appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return err
			}
			var gs dmctypes.GenesisState
			if err := clientCtx.Codec.UnmarshalJSON(appState[dmctypes.ModuleName], &gs); err != nil {
				return err
			}
			open := uint32(0)
			for _, f := range gs.Farms {
				if f.Closed || !f.IsNFT() {
					continue
				}
				open++
				if *f.NftScope == scope {
					return fmt.Errorf("farm %d already takes the NFTs of %s", f.Id, scope.Describe())
				}
			}
			if open >= gs.Params.MaxNftFarms {
				return fmt.Errorf("%d open NFT farms, the maximum is max_nft_farms %d", open, gs.Params.MaxNftFarms)
			}
			farm := dmctypes.NewNFTFarm(gs.NextFarmId, dmctypes.Program(program), scope, weight)
			if err := farm.Validate(); err != nil {
				return err
			}
			gs.Farms = append(gs.Farms, farm)
			gs.NextFarmId++
			if appState[dmctypes.ModuleName], err = clientCtx.Codec.MarshalJSON(&gs); err != nil {
				return err
			}
			if appGenesis.AppState, err = json.MarshalIndent(appState, "", "  "); err != nil {
				return err
			}
			if err := genutil.ExportGenesisFile(appGenesis, genFile); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "farm %d: %s NFTs of %s weight %d\n", farm.Id, farm.Program, scope.Describe(), weight)
			return nil
		},
	}
}

func addPoolCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "add-pool [provider-address] [coin-a] [coin-b]",
		Short: "Open an AMM pool at genesis, funded from the provider's genesis balance (the provider gets its shares)",
		Long: `Moves the two coins from the provider's genesis balance into the amm module account as a new
pool's reserves and gives the provider the pool's shares (amm/pool/{id}), sqrt(a·b) less the
1,000 locked for ever. Run it after the provider's balance exists (add-genesis-account, allocate)
and before gentx. No creation fee is paid at genesis. A liquidity farm for the pool's shares:
dmexd genesis add-farm liquidity amm/pool/{id} WEIGHT.`,
		Example: `dmexd genesis add-pool dmex1... 100000000000udmc 100000000000uusdt`,
		Args:    cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			provider, err := sdk.AccAddressFromBech32(args[0])
			if err != nil {
				return fmt.Errorf("provider %q: %w", args[0], err)
			}
			var coins [2]sdk.Coin
			for i, a := range args[1:] {
				if coins[i], err = sdk.ParseCoinNormalized(a); err != nil {
					return fmt.Errorf("coin %q: %w", a, err)
				}
			}
			appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return err
			}
			pool, err := app.ApplyGenesisPool(clientCtx.Codec, appState, provider, coins[0], coins[1], appGenesis.GenesisTime)
			if err != nil {
				return err
			}
			if appGenesis.AppState, err = json.MarshalIndent(appState, "", "  "); err != nil {
				return err
			}
			if err := genutil.ExportGenesisFile(appGenesis, genFile); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "pool %d: %s%s / %s%s, shares %s\n", pool.Id, pool.ReserveA, pool.DenomA, pool.ReserveB, pool.DenomB, pool.Shares)
			return nil
		},
	}
}
