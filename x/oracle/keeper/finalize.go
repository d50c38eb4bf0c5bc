package keeper

import (
	"context"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/x/oracle/types"
)

func collectionsJoin(day uint64, feeder string) collections.Pair[uint64, string] {
	return collections.Join(day, feeder)
}

// dayReports are the reports of a day from the current feeders, in feeder order.
func (k Keeper) dayReports(ctx context.Context, day uint64, feeders []string) ([]types.Report, error) {
	var out []types.Report
	err := k.Reports.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](day), func(key collections.Pair[uint64, string], r types.Report) (bool, error) {
		if contains(feeders, key.K2()) {
			out = append(out, r)
		}
		return false, nil
	})
	return out, err
}

// median of a non-empty list is its lower median: the ceil(k/2)-th smallest of k values, always
// one of the reported figures. With k >= 2f+1 reports of which at most f are rogue, at least
// ceil(k/2) - f >= 1 honest figures are at or below it and at least floor(k/2)+1 - f >= 1 at or
// above it, so it lies within the range of the honest reports whatever the rogue ones say.
func median(vs []math.Int) math.Int {
	s := append([]math.Int(nil), vs...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].LT(s[j]) })
	return s[(len(s)-1)/2]
}

// majorityOwner is the owner named by more than half of a node's figures, or "" (no owner
// attested) if none is: with at most f rogue reports among k >= 2f+1, the rogue ones cannot make
// a majority, and honest feeders that agree always do.
func majorityOwner(figs []types.NodeFigures) string {
	counts := make(map[string]int, len(figs))
	for _, f := range figs {
		counts[f.Owner]++
	}
	for _, f := range figs { // in report order: deterministic
		if 2*counts[f.Owner] > len(figs) {
			return f.Owner
		}
	}
	return ""
}

// maybeFinalize finalizes a day once the current feeders' reports reach the quorum. Its work is
// bounded by MaxFeeders × MaxNodesPerReport.
func (k Keeper) maybeFinalize(ctx context.Context, day uint64, feeders []string) (bool, error) {
	quorum := types.Quorum(len(feeders))
	reports, err := k.dayReports(ctx, day, feeders)
	if err != nil {
		return false, err
	}
	if len(reports) < quorum || quorum == 0 {
		return false, nil
	}
	rewards := make([]math.Int, len(reports))
	byNode := map[string][]types.NodeFigures{}
	var nodeIDs []string
	for i, r := range reports {
		rewards[i] = r.RewardPerTib
		for _, n := range r.Nodes {
			if _, ok := byNode[n.NodeId]; !ok {
				nodeIDs = append(nodeIDs, n.NodeId)
			}
			byNode[n.NodeId] = append(byNode[n.NodeId], n)
		}
	}
	sort.Strings(nodeIDs)
	nd := types.NetworkDay{Day: day, RewardPerTib: median(rewards), Reports: uint32(len(reports))} //nolint:gosec // G115: one report per feeder, at most MaxFeeders (100)
	if err := k.NetworkDays.Set(ctx, day, nd); err != nil {
		return false, err
	}
	nodes := uint32(0)
	for _, id := range nodeIDs {
		figs := byNode[id]
		// A node reported by fewer feeders than the quorum stays missing for the day.
		if len(figs) < quorum {
			continue
		}
		powers, rews := make([]math.Int, len(figs)), make([]math.Int, len(figs))
		for i, f := range figs {
			powers[i], rews[i] = f.Power, f.Reward
		}
		if err := k.NodeDays.Set(ctx, collections.Join(id, day), types.NodeDay{
			Day: day, Reports: uint32(len(figs)), //nolint:gosec // G115: one figure per report, at most MaxFeeders (100)
			Figures: types.NodeFigures{NodeId: id, Power: median(powers), Reward: median(rews), Owner: majorityOwner(figs)},
		}); err != nil {
			return false, err
		}
		latest, err := k.NodeLatest.Get(ctx, id)
		if err != nil || day > latest {
			if err := k.NodeLatest.Set(ctx, id, day); err != nil {
				return false, err
			}
		}
		nodes++
	}
	// The raw reports are spent (including those of feeders removed since they reported).
	if err := k.Reports.Clear(ctx, collections.NewPrefixedPairRange[uint64, string](day)); err != nil {
		return false, err
	}
	return true, k.emit(ctx, &types.EventDayFinalized{Day: day, RewardPerTib: amounts.Coin(types.IFILDenom, nd.RewardPerTib), Reports: nd.Reports, Nodes: nodes})
}
