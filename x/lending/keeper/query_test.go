package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/x/lending/types"
)

// Lists page by key: every item once across pages, the last page without a next key.
func TestQueriesPageByKey(t *testing.T) {
	f := setup(t)
	for i := 0; i < 5; i++ {
		f.createOffer(productOffer(f.lender, 1, 1))
	}
	f.createOffer(productOffer(f.bob, 1, 1))
	seen := map[uint64]bool{}
	var key []byte
	pages := 0
	for {
		r, err := f.q.OffersByLender(f.ctx, &types.QueryOffersByLenderRequest{Lender: f.lender.String(), Pagination: &query.PageRequest{Key: key, Limit: 2}})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, o := range r.Offers {
			if seen[o.Id] || o.Lender != f.lender.String() {
				t.Fatalf("offer %d seen twice or not the lender's", o.Id)
			}
			seen[o.Id] = true
		}
		if key = r.Pagination.NextKey; key == nil {
			break
		}
	}
	if len(seen) != 5 || pages != 3 {
		t.Fatalf("%d offers in %d pages", len(seen), pages)
	}
	all, err := f.q.Offers(f.ctx, &types.QueryOffersRequest{})
	if err != nil || len(all.Offers) != 6 {
		t.Fatalf("all offers: %d, %v", len(all.Offers), err)
	}

	loan := f.take(f.alice, 1, 1)
	f.take(f.alice, 2, 2)
	byBorrower, err := f.q.LoansByBorrower(f.ctx, &types.QueryLoansByBorrowerRequest{Borrower: f.alice.String()})
	if err != nil || len(byBorrower.Loans) != 2 || byBorrower.Loans[0].Id != loan {
		t.Fatalf("alice's loans: %+v %v", byBorrower, err)
	}
	byLender, err := f.q.LoansByLender(f.ctx, &types.QueryLoansByLenderRequest{Lender: f.bob.String()})
	if err != nil || len(byLender.Loans) != 0 {
		t.Fatalf("bob lent nothing: %+v %v", byLender, err)
	}
	if _, err := f.q.LoansByLender(f.ctx, &types.QueryLoansByLenderRequest{Lender: "nope"}); !types.ErrInvalidAddress.Is(err) {
		t.Fatalf("bad address: %v", err)
	}
	if _, err := f.q.Loan(f.ctx, &types.QueryLoanRequest{LoanId: 9}); !types.ErrLoanNotFound.Is(err) {
		t.Fatalf("unknown loan: %v", err)
	}
}
