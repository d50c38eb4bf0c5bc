package keeper_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// The withdrawals page by key past a page's maximum, pending_only filtering before the page is cut.
func TestWithdrawalsPageByKey(t *testing.T) {
	f := newFixture(t)
	holder := f.e.Accounts[0].Addr.String()
	var all, pending []string
	for id := uint64(1); id <= pagination.MaxLimit+10; id++ {
		w := types.Withdrawal{Id: id, Holder: holder, FilecoinAddress: filAddr, Amount: math.NewIntFromUint64(id), Status: types.WITHDRAWAL_STATUS_PENDING}
		if id%2 == 0 {
			w.Status = types.WITHDRAWAL_STATUS_COMPLETED
		} else {
			pending = append(pending, fmt.Sprint(id))
		}
		if err := f.k.Withdrawals.Set(f.ctx, id, w); err != nil {
			t.Fatal(err)
		}
		all = append(all, fmt.Sprint(id))
	}
	for _, tc := range []struct {
		name        string
		pendingOnly bool
		want        []string
	}{{"all", false, all}, {"pending only", true, pending}} {
		t.Run(tc.name, func(t *testing.T) {
			testutil.CheckPages(t, tc.want, func(page *query.PageRequest) ([]string, *query.PageResponse, error) {
				res, err := f.query.Withdrawals(f.ctx, &types.QueryWithdrawalsRequest{PendingOnly: tc.pendingOnly, Pagination: page})
				if err != nil {
					return nil, nil, err
				}
				var ids []string
				for _, w := range res.Withdrawals {
					ids = append(ids, fmt.Sprint(w.Id))
				}
				return ids, res.Pagination, nil
			})
		})
	}
}

// Attestations and mints emit their aifil as coin strings ("5000aifil"), not bare integers.
func TestOracleEventAmountsAreCoins(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	f.attest(0, cid1, a, "5000")
	f.attest(1, cid1, a, "5000")
	events := f.ctx.EventManager().ABCIEvents()
	for _, typ := range []string{"dmex.oracle.v1.EventDepositAttested", "dmex.oracle.v1.EventIFILMinted"} {
		if c := testutil.EventCoin(t, events, typ, "amount"); c.String() != "5000"+types.IFILDenom {
			t.Fatalf("%s amount %s, want 5000aifil", typ, c)
		}
	}
}
