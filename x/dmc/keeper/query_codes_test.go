package keeper_test

import (
	"testing"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/dmc/types"
)

// Bad queries through the app's ABCI Query carry x/dmc's codespace and code.
func TestDmcQueryErrorsCarryTheirCode(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1})
	e.WantQueryCode("/dmex.dmc.v1.Query/Farm", &types.QueryFarmRequest{FarmId: 999}, types.ErrUnknownFarm)
	e.WantQueryCode("/dmex.dmc.v1.Query/Positions", &types.QueryPositionsRequest{Staker: "dmex1notanaddress"}, types.ErrInvalidAddress)
	e.WantQueryCode("/dmex.dmc.v1.Query/Forecast", &types.QueryForecastRequest{FarmId: 1, Amount: "-5"}, types.ErrInvalidAmount)
}
