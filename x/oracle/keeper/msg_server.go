package keeper

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/x/oracle/types"
)

type msgServer struct{ Keeper }

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

var _ types.MsgServer = msgServer{}

// maxFigureDigits bounds the length of a figure before it is parsed (the bounds have 28 digits).
const maxFigureDigits = 40

// parseAmount reads a decimal integer figure between 0 (1 if positive) and max, in unit; a
// figure above max is ErrFigureOutOfRange.
func parseAmount(errType *errorsmod.Error, what, s string, positive bool, max math.Int, unit string) (math.Int, error) {
	if len(s) > maxFigureDigits {
		return math.Int{}, errorsmod.Wrapf(types.ErrFigureOutOfRange, "%s has %d digits, above the bound %s %s", what, len(s), max, unit)
	}
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
	if v.GT(max) {
		return math.Int{}, errorsmod.Wrapf(types.ErrFigureOutOfRange, "%s %s is above the bound %s %s", what, v, max, unit)
	}
	return v, nil
}

// canonical checks an address and returns its canonical form: every address a message names is
// compared and stored in that form, so an upper-case bech32 address is the same account.
func (k Keeper) canonical(what, s string) (string, error) {
	_, c, err := accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
	return c, err
}

func (m msgServer) SetFeeders(ctx context.Context, msg *types.MsgSetFeeders) (*types.MsgSetFeedersResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	feeders, err := types.CanonicalAddresses(m.addressCodec, types.ErrInvalidFeeders, "feeder", msg.Feeders, types.MaxFeeders)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateFeederCount(len(feeders)); err != nil {
		return nil, err
	}
	set := types.FeederSet{Feeders: feeders}
	if err := m.Feeders.Set(ctx, set); err != nil {
		return nil, err
	}
	return &types.MsgSetFeedersResponse{}, m.emit(ctx, &types.EventFeedersSet{Feeders: set.Feeders})
}

// parseNode reads "node_id:power:reward[:owner]"; node ids are Filecoin ID addresses
// (f0…/t0…), power is bytes (at most MaxPowerBytes), reward attoFIL (at most MaxAttoFIL), and the
// owner, if the feeder knows it, the DMEX account bound to the node.
func (k Keeper) parseNode(s string) (types.NodeFigures, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 && len(parts) != 4 {
		return types.NodeFigures{}, errorsmod.Wrapf(types.ErrInvalidNode, "node entry %q is not node_id:power:reward[:owner]", s)
	}
	id := parts[0]
	if err := types.ValidateNodeID(id); err != nil {
		return types.NodeFigures{}, err
	}
	power, err := parseAmount(types.ErrInvalidFigure, "power of node "+id, parts[1], false, types.MaxPowerBytes, "bytes")
	if err != nil {
		return types.NodeFigures{}, err
	}
	reward, err := parseAmount(types.ErrInvalidFigure, "reward of node "+id, parts[2], false, types.MaxAttoFIL, "attoFIL")
	if err != nil {
		return types.NodeFigures{}, err
	}
	n := types.NodeFigures{NodeId: id, Power: power, Reward: reward}
	if len(parts) == 4 {
		if n.Owner, err = k.canonical("owner of node "+id, parts[3]); err != nil {
			return types.NodeFigures{}, err
		}
	}
	return n, nil
}

func (m msgServer) Report(ctx context.Context, msg *types.MsgReport) (*types.MsgReportResponse, error) {
	feeder, err := m.canonical("feeder", msg.Feeder)
	if err != nil {
		return nil, err
	}
	set, err := m.Feeders.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !contains(set.Feeders, feeder) {
		return nil, errorsmod.Wrapf(types.ErrNotFeeder, "%s is not one of the %d feeders", feeder, len(set.Feeders))
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
	key := collectionsJoin(msg.Day, feeder)
	if has, err := m.Reports.Has(ctx, key); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrDuplicateReport, "feeder %s already reported day %d", feeder, msg.Day)
	}
	reward, err := parseAmount(types.ErrInvalidFigure, "reward_per_tib", msg.RewardPerTib, false, types.MaxAttoFIL, "attoFIL")
	if err != nil {
		return nil, err
	}
	if len(msg.Nodes) > types.MaxNodesPerReport {
		return nil, errorsmod.Wrapf(types.ErrInvalidNode, "%d nodes in one report, at most %d", len(msg.Nodes), types.MaxNodesPerReport)
	}
	report := types.Report{Day: msg.Day, Feeder: feeder, RewardPerTib: reward, Nodes: make([]types.NodeFigures, 0, len(msg.Nodes))}
	seen := make(map[string]bool, len(msg.Nodes))
	for _, s := range msg.Nodes {
		n, err := m.parseNode(s)
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
	if err := m.emit(ctx, &types.EventReported{Day: msg.Day, Feeder: feeder, Nodes: uint32(len(report.Nodes))}); err != nil { //nolint:gosec // G115: at most MaxNodesPerReport (200), checked above
		return nil, err
	}
	finalized, err := m.maybeFinalize(ctx, msg.Day, set.Feeders)
	if err != nil {
		return nil, err
	}
	return &types.MsgReportResponse{Finalized: finalized}, nil
}
