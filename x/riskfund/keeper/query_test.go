package keeper_test

import (
	"fmt"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// The compensations of a product page by key through the (product, id) index, in id order, and
// list none of another product's.
func TestCompensationsPageByProduct(t *testing.T) {
	f := setup(t)
	f.risk.products[1].Status = types.StatusTerminated
	f.risk.products[2].Status = types.StatusTerminated
	var want []string
	for i := 0; i < 5; i++ {
		for _, p := range []uint64{1, 2} {
			res, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: p, Amount: sdk.NewInt64Coin(denom, 1_000)})
			if err != nil {
				t.Fatal(err)
			}
			if p == 2 {
				want = append(want, fmt.Sprint(res.CompensationId))
			}
		}
	}
	q := keeper.NewQueryServerImpl(f.k)
	page := func(pr *query.PageRequest) ([]string, *query.PageResponse) {
		t.Helper()
		res, err := q.Compensations(f.ctx, &types.QueryCompensationsRequest{ProductId: 2, Pagination: pr})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range res.Compensations {
			if c.ProductId != 2 {
				t.Fatalf("compensation %d of product %d listed for product 2", c.Id, c.ProductId)
			}
			ids = append(ids, fmt.Sprint(c.Id))
		}
		return ids, res.Pagination
	}
	first, pr := page(&query.PageRequest{Limit: 3})
	if len(pr.GetNextKey()) == 0 {
		t.Fatalf("first page of 3 of 5: no next_key")
	}
	second, pr := page(&query.PageRequest{Key: pr.NextKey, Limit: 10})
	if len(pr.GetNextKey()) != 0 {
		t.Fatalf("last page: next_key %x", pr.NextKey)
	}
	if got := fmt.Sprint(append(first, second...)); got != fmt.Sprint(want) {
		t.Fatalf("two pages list %s, want %s", got, want)
	}
	if all, _ := page(nil); fmt.Sprint(all) != fmt.Sprint(want) {
		t.Fatalf("no page request lists %v, want %v", all, want)
	}
}
