package cmd

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/server"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// oracleGenesisCmd writes the oracle's day length, feeders and finalized node power into the
// genesis: what a local chain needs to approve hashrate products (SPEC §10) from its first block.
func oracleGenesisCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "oracle",
		Short: "Set the oracle's day length, its feeders and nodes' finalized power at genesis",
		Long: `Writes into the genesis's x/oracle state:
  --day-seconds   the length of an oracle day (params.day_seconds, 1..86400; 86400 on a live chain);
  --feeders       the feeder set (replaces it);
  --node-power    node:TiB[@owner] entries, each a node's power (and the DMEX account that may sell
                  it) finalized on the day before genesis, as if the feeders had reported it
                  (x/hashnft approves a FIL product only if its node's latest finalized power
                  covers it and its miner is the node's owner). Needs a non-empty feeder set.`,
		Example: `dmexd genesis oracle --day-seconds 10 --feeders dmex1… --node-power f01234:1000@dmex1…,f05678:1000@dmex1…`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
			appState, appGenesis, err := genutiltypes.GenesisStateFromGenFile(genFile)
			if err != nil {
				return err
			}
			var gs oracletypes.GenesisState
			if err := clientCtx.Codec.UnmarshalJSON(appState[oracletypes.ModuleName], &gs); err != nil {
				return err
			}
			if cmd.Flags().Changed("day-seconds") {
				if gs.Params.DaySeconds, err = cmd.Flags().GetUint64("day-seconds"); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("feeders") {
				feeders, _ := cmd.Flags().GetStringSlice("feeders")
				gs.Feeders = oracletypes.FeederSet{Feeders: slices.Sorted(slices.Values(feeders))}
			}
			ac := addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
			entries, _ := cmd.Flags().GetStringSlice("node-power")
			if len(entries) > 0 && len(gs.Feeders.Feeders) == 0 {
				return fmt.Errorf("--node-power needs a feeder set (--feeders): a finalized day is the feeders' median")
			}
			if err := gs.Params.Validate(); err != nil {
				return err
			}
			day := gs.Params.DayOf(appGenesis.GenesisTime.Unix())
			if day > 0 {
				day-- // the day before genesis, complete when the chain starts
			}
			for _, e := range entries {
				nd, err := genesisNodeDay(ac, e, day, uint32(oracletypes.Quorum(len(gs.Feeders.Feeders)))) //nolint:gosec // G115: gs.Validate below refuses more than MaxFeeders (100) feeders
				if err != nil {
					return err
				}
				gs.NodeDays = slices.DeleteFunc(gs.NodeDays, func(d oracletypes.NodeDay) bool {
					return d.Day == day && d.Figures.NodeId == nd.Figures.NodeId
				})
				gs.NodeDays = append(gs.NodeDays, nd)
			}
			if err := gs.Validate(ac); err != nil {
				return err
			}
			if appState[oracletypes.ModuleName], err = clientCtx.Codec.MarshalJSON(&gs); err != nil {
				return err
			}
			if appGenesis.AppState, err = json.MarshalIndent(appState, "", "  "); err != nil {
				return err
			}
			if err := genutil.ExportGenesisFile(appGenesis, genFile); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "oracle: %d s days, %d feeders, %d nodes finalized on day %d\n",
				gs.Params.DaySeconds, len(gs.Feeders.Feeders), len(entries), day)
			return nil
		},
	}
	cmd.Flags().Uint64("day-seconds", oracletypes.DefaultDaySeconds, "length of an oracle day in seconds")
	cmd.Flags().StringSlice("feeders", nil, "the feeder addresses")
	cmd.Flags().StringSlice("node-power", nil, "node:TiB[@owner] entries, e.g. f01234:1000@dmex1…")
	return cmd
}

// genesisNodeDay reads "node:TiB[@owner]" into a finalized node day (power in bytes, reward 0,
// the owner in canonical form; without one, no account may sell the node's power).
func genesisNodeDay(ac address.Codec, entry string, day uint64, reports uint32) (oracletypes.NodeDay, error) {
	entry, owner, hasOwner := strings.Cut(entry, "@")
	node, tibs, ok := strings.Cut(entry, ":")
	if !ok {
		return oracletypes.NodeDay{}, fmt.Errorf("node power %q is not node:TiB[@owner] (e.g. f01234:1000@dmex1…)", entry)
	}
	if hasOwner {
		canonical, err := oracletypes.CanonicalAddress(ac, owner)
		if err != nil {
			return oracletypes.NodeDay{}, fmt.Errorf("owner %q of node %s: %w", owner, node, err)
		}
		owner = canonical
	}
	if len(node) < 3 || node[1] != '0' || oracletypes.ValidateFilecoinAddress(node) != nil {
		return oracletypes.NodeDay{}, fmt.Errorf("node id %q is not a Filecoin ID address like f01234", node)
	}
	tib, err := strconv.ParseUint(tibs, 10, 32)
	if err != nil || tib == 0 {
		return oracletypes.NodeDay{}, fmt.Errorf("power %q of node %s must be a positive number of TiB", tibs, node)
	}
	power := math.NewIntFromUint64(tib).MulRaw(oracletypes.BytesPerTiB)
	return oracletypes.NodeDay{Day: day, Reports: reports, Figures: oracletypes.NodeFigures{
		NodeId: node, Power: power, Reward: math.ZeroInt(), Owner: owner,
	}}, nil
}
