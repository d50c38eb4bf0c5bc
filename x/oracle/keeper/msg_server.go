package keeper

import (
	"context"
	"sort"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/oracle/types"
)

type msgServer struct{ Keeper }

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

var _ types.MsgServer = msgServer{}

// parseAmount reads a non-negative decimal integer figure; positive says zero is refused too.
func parseAmount(errType *errorsmod.Error, what, s string, positive bool) (math.Int, error) {
	v, ok := math.NewIntFromString(s)
	if !ok {
		return math.Int{}, errorsmod.Wrapf(errType, "%s %q is not a decimal integer", what, s)
	}
	if v.IsNegative() || (positive && v.IsZero()) {
		want := "non-negative"
		if positive {
			want = "positive"
		}
		return math.Int{}, errorsmod.Wrapf(errType, "%s %s must be %s", what, v, want)
	}
	return v, nil
}

func (k Keeper) checkAddr(what, s string) error {
	if _, err := k.addressCodec.StringToBytes(s); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q: %v", what, s, err)
	}
	return nil
}

func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

func (m msgServer) SetFeeders(ctx context.Context, msg *types.MsgSetFeeders) (*types.MsgSetFeedersResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidateAddresses(m.addressCodec, "feeder", msg.Feeders, types.MaxFeeders); err != nil {
		return nil, types.ErrInvalidFeeders.Wrap(err.Error())
	}
	set := types.FeederSet{Feeders: sortedCopy(msg.Feeders)}
	if err := m.Feeders.Set(ctx, set); err != nil {
		return nil, err
	}
	return &types.MsgSetFeedersResponse{}, m.emit(ctx, &types.EventFeedersSet{Feeders: set.Feeders})
}

// parseNode reads "node_id:power:reward"; node ids are Filecoin ID addresses (f0…/t0…).
func parseNode(s string) (types.NodeFigures, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return types.NodeFigures{}, errorsmod.Wrapf(types.ErrInvalidNode, "node entry %q is not node_id:power:reward", s)
	}
	id := parts[0]
	if len(id) > types.MaxNodeIDLen || len(id) < 3 || id[1] != '0' || types.ValidateFilecoinAddress(id) != nil {
		return types.NodeFigures{}, errorsmod.Wrapf(types.ErrInvalidNode, "node id %q is not a Filecoin ID address like f01234", id)
	}
	power, err := parseAmount(types.ErrInvalidFigure, "power of node "+id, parts[1], false)
	if err != nil {
		return types.NodeFigures{}, err
	}
	reward, err := parseAmount(types.ErrInvalidFigure, "reward of node "+id, parts[2], false)
	if err != nil {
		return types.NodeFigures{}, err
	}
	return types.NodeFigures{NodeId: id, Power: power, Reward: reward}, nil
}

func (m msgServer) Report(ctx context.Context, msg *types.MsgReport) (*types.MsgReportResponse, error) {
	if err := m.checkAddr("feeder", msg.Feeder); err != nil {
		return nil, err
	}
	set, err := m.Feeders.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !contains(set.Feeders, msg.Feeder) {
		return nil, errorsmod.Wrapf(types.ErrNotFeeder, "%s is not one of the %d feeders", msg.Feeder, len(set.Feeders))
	}
	today, err := m.Day(ctx)
	if err != nil {
		return nil, err
	}
	if msg.Day > today {
		return nil, errorsmod.Wrapf(types.ErrFutureDay, "day %d is after today, day %d", msg.Day, today)
	}
	if first := FirstOpenDay(today); msg.Day < first {
		return nil, errorsmod.Wrapf(types.ErrLateReport, "day %d closed: today is day %d, reports are accepted for days %d..%d", msg.Day, today, first, today)
	}
	if has, err := m.NetworkDays.Has(ctx, msg.Day); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrDayFinalized, "day %d is already finalized", msg.Day)
	}
	key := collectionsJoin(msg.Day, msg.Feeder)
	if has, err := m.Reports.Has(ctx, key); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrDuplicateReport, "feeder %s already reported day %d", msg.Feeder, msg.Day)
	}
	reward, err := parseAmount(types.ErrInvalidFigure, "reward_per_tib", msg.RewardPerTib, false)
	if err != nil {
		return nil, err
	}
	if len(msg.Nodes) > types.MaxNodesPerReport {
		return nil, errorsmod.Wrapf(types.ErrInvalidNode, "%d nodes in one report, at most %d", len(msg.Nodes), types.MaxNodesPerReport)
	}
	report := types.Report{Day: msg.Day, Feeder: msg.Feeder, RewardPerTib: reward, Nodes: make([]types.NodeFigures, 0, len(msg.Nodes))}
	seen := make(map[string]bool, len(msg.Nodes))
	for _, s := range msg.Nodes {
		n, err := parseNode(s)
		if err != nil {
			return nil, err
		}
		if seen[n.NodeId] {
			return nil, errorsmod.Wrapf(types.ErrInvalidNode, "node %s reported twice", n.NodeId)
		}
		seen[n.NodeId] = true
		report.Nodes = append(report.Nodes, n)
	}
	if err := m.Reports.Set(ctx, key, report); err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.EventReported{Day: msg.Day, Feeder: msg.Feeder, Nodes: uint32(len(report.Nodes))}); err != nil {
		return nil, err
	}
	finalized, err := m.maybeFinalize(ctx, msg.Day, set.Feeders)
	if err != nil {
		return nil, err
	}
	return &types.MsgReportResponse{Finalized: finalized}, nil
}
