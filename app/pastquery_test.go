package app_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/test/bufconn"

	"github.com/cosmos/cosmos-sdk/codec"
	grpctypes "github.com/cosmos/cosmos-sdk/types/grpc"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/testutil"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// pastQueries are three queries whose answers depend on the block time: x/dmc's supply
// (locked in vesting), x/oracle's current day, and x/bank's spendable balance of a vesting
// account (an SDK module's query).
type pastQueries struct {
	supply    *dmctypes.QuerySupplyResponse
	day       *oracletypes.QueryCurrentDayResponse
	spendable *banktypes.QuerySpendableBalanceByDenomResponse
}

func (q pastQueries) String() string {
	return q.supply.String() + " | " + q.day.String() + " | " + q.spendable.String()
}

// A query at a past height answers what the same query answered at that height, block time
// included, through ABCI (the CLI's --height) and through the gRPC server (which the REST
// gateway calls), for DMEX's and the SDK's modules.
func TestPastHeightQueriesSeeThatHeightsTime(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	lines, err := e.App.DmcKeeper.Allocation.Iterate(e.Ctx(), nil)
	require.NoError(t, err)
	allocation, err := lines.Values()
	require.NoError(t, err)
	vesting := ""
	for _, a := range allocation {
		if a.Vesting && a.Category == dmctypes.CategoryTeam {
			vesting = a.Address
		}
	}
	require.NotEmpty(t, vesting)

	abciQuery := func(height int64) pastQueries {
		t.Helper()
		run := func(path string, req, res gogoproto.Message) {
			t.Helper()
			bz, err := gogoproto.Marshal(req)
			require.NoError(t, err)
			r, err := e.App.Query(context.Background(), &abci.RequestQuery{Path: path, Data: bz, Height: height})
			require.NoError(t, err)
			require.Zero(t, r.Code, r.Log)
			require.NoError(t, gogoproto.Unmarshal(r.Value, res))
		}
		q := pastQueries{&dmctypes.QuerySupplyResponse{}, &oracletypes.QueryCurrentDayResponse{}, &banktypes.QuerySpendableBalanceByDenomResponse{}}
		run("/dmex.dmc.v1.Query/Supply", &dmctypes.QuerySupplyRequest{}, q.supply)
		run("/dmex.oracle.v1.Query/CurrentDay", &oracletypes.QueryCurrentDayRequest{}, q.day)
		run("/cosmos.bank.v1beta1.Query/SpendableBalanceByDenom",
			&banktypes.QuerySpendableBalanceByDenomRequest{Address: vesting, Denom: dmctypes.Denom}, q.spendable)
		return q
	}

	// The gRPC server as `dmexd start` builds it.
	cdc := codec.NewProtoCodec(e.App.InterfaceRegistry()).GRPCCodec()
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer(grpc.ForceServerCodec(cdc))
	e.App.RegisterGRPCServer(srv)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///dmexd",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithDefaultCallOptions(grpc.ForceCodec(cdc)))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	grpcQuery := func(height int64) pastQueries {
		t.Helper()
		ctx := metadata.AppendToOutgoingContext(context.Background(), grpctypes.GRPCBlockHeightHeader, strconv.FormatInt(height, 10))
		var q pastQueries
		q.supply, err = dmctypes.NewQueryClient(conn).Supply(ctx, &dmctypes.QuerySupplyRequest{})
		require.NoError(t, err)
		q.day, err = oracletypes.NewQueryClient(conn).CurrentDay(ctx, &oracletypes.QueryCurrentDayRequest{})
		require.NoError(t, err)
		q.spendable, err = banktypes.NewQueryClient(conn).SpendableBalanceByDenom(ctx,
			&banktypes.QuerySpendableBalanceByDenomRequest{Address: vesting, Denom: dmctypes.Denom})
		require.NoError(t, err)
		return q
	}

	h := e.App.LastBlockHeight()
	then := abciQuery(0)
	require.Equal(t, then.String(), grpcQuery(0).String())
	// Past the team's first monthly tranche and a few oracle days.
	e.NextBlockAt(e.Ctx().BlockTime().Add(40 * 24 * time.Hour))
	e.NextBlock()
	now := abciQuery(0)
	require.True(t, now.supply.LockedInVesting.LT(then.supply.LockedInVesting), "locked %s then, %s now", then.supply.LockedInVesting, now.supply.LockedInVesting)
	require.Greater(t, now.day.Day, then.day.Day)
	require.True(t, now.spendable.Balance.Amount.GT(then.spendable.Balance.Amount))

	require.Equal(t, then.String(), abciQuery(h).String(), "ABCI query at height %d", h)
	require.Equal(t, then.String(), grpcQuery(h).String(), "gRPC query at height %d", h)
	require.Equal(t, now.String(), abciQuery(e.App.LastBlockHeight()).String(), "ABCI query at the latest height, given")
	require.Equal(t, now.String(), grpcQuery(0).String())
}
