package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// Bad queries through the app's ABCI Query, and bad feeder and operator sets through the app's
// message router, carry x/oracle's codespace and code (the set checks were bare errors once).
func TestOracleErrorsCarryTheirCode(t *testing.T) {
	f := newFixture(t)
	e := f.e
	e.WantQueryCode("/dmex.oracle.v1.Query/Deposit", &types.QueryDepositRequest{Cid: "bafynothing"}, types.ErrNotFound)
	e.WantQueryCode("/dmex.oracle.v1.Query/NodeLatest", &types.QueryNodeLatestRequest{NodeId: "f09999"}, types.ErrNotFound)
	e.WantQueryCode("/dmex.oracle.v1.Query/NetworkDays", &types.QueryNetworkDaysRequest{From: 10, To: 1}, types.ErrInvalidRange)
	for _, tc := range []struct {
		name string
		msg  sdk.Msg
		want *errorsmod.Error
	}{
		{"two feeders", &types.MsgSetFeeders{Authority: f.auth, Feeders: f.feeders[:2]}, types.ErrInvalidFeeders},
		{"bad feeder", &types.MsgSetFeeders{Authority: f.auth, Feeders: []string{"dmex1notanaddress"}}, types.ErrInvalidFeeders},
		{"feeder twice", &types.MsgSetFeeders{Authority: f.auth, Feeders: []string{f.feeders[0], f.feeders[0]}}, types.ErrInvalidFeeders},
		{"operator twice", &types.MsgSetOperators{Authority: f.auth, Operators: []string{f.operators[0], f.operators[0]}, Threshold: 1}, types.ErrInvalidOperators},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := f.ctx.CacheContext()
			_, err := e.App.MsgServiceRouter().Handler(tc.msg)(ctx, tc.msg)
			testutil.WantCode(t, err, tc.want)
		})
	}
}
