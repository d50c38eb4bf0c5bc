package keeper_test

import (
	"testing"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/escrow/types"
)

// Bad queries through the app's ABCI Query carry x/escrow's codespace and code.
func TestEscrowQueryErrorsCarryTheirCode(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1})
	e.WantQueryCode("/dmex.escrow.v1.Query/Escrow", &types.QueryEscrowRequest{ProductId: 999}, types.ErrUnknownEscrow)
	e.WantQueryCode("/dmex.escrow.v1.Query/HolderRewards", &types.QueryHolderRewardsRequest{Holder: "dmex1notanaddress"}, types.ErrInvalidAddress)
	e.WantQueryCode("/dmex.escrow.v1.Query/MinerRecord", &types.QueryMinerRecordRequest{Miner: "cosmos1xyz"}, types.ErrInvalidAddress)
}
