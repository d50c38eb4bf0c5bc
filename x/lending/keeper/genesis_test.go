package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/lending/types"
)

func queueItems(t *testing.T, f *fixture) string {
	t.Helper()
	out := ""
	for _, q := range []queue.Queue[time.Time]{f.k.MaturityQueue, f.k.OfferExpiryQueue, f.k.RequestExpiryQueue} {
		if err := q.Walk(f.ctx, func(it queue.Item[time.Time]) (bool, error) {
			out += fmt.Sprintf("%s:%s:%d;", q.Name(), it.Due.Format(time.RFC3339), it.ID)
			return false, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// Export, import into a fresh keeper, export again: the same records, and the same queues
// rebuilt from them.
func TestGenesisRoundTrip(t *testing.T) {
	f := setup(t)
	o := f.createOffer(productOffer(f.lender, 1, 3))
	f.take(f.alice, o, 1)
	repaid := f.take(f.bob, o, 3)
	f.repay(f.bob, repaid, 1100)
	if _, err := f.msg.CreateRequest(f.ctx, request(f.carol, []uint64{4}, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.msg.CreateRequest(f.ctx, request(f.carol, nil, 9)); err != nil {
		t.Fatal(err)
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	g := setup(t)
	if err := g.k.InitGenesis(g.ctx, *gs); err != nil {
		t.Fatal(err)
	}
	gs2, err := g.k.ExportGenesis(g.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := gs.String(), gs2.String(); a != b {
		t.Fatalf("round trip differs:\n%s\n%s", a, b)
	}
	if a, b := queueItems(t, f), queueItems(t, g); a != b || a == "" {
		t.Fatalf("queues differ: %q vs %q", a, b)
	}
}

// Genesis validation cross-checks ids, NFTs and the books against the records.
func TestGenesisValidate(t *testing.T) {
	f := setup(t)
	f.take(f.alice, f.createOffer(productOffer(f.lender, 1, 2)), 1)
	good, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		mod  func(*types.GenesisState)
	}{
		{"books short of the offers' principal", func(g *types.GenesisState) { g.Books[0].LockedPrincipal = math.NewInt(1) }},
		{"no books", func(g *types.GenesisState) { g.Books = nil }},
		{"offer id not below next", func(g *types.GenesisState) { g.NextOfferId = 1 }},
		{"loan id duplicated", func(g *types.GenesisState) { g.Loans = append(g.Loans, g.Loans[0]) }},
		{"NFT collateral twice", func(g *types.GenesisState) {
			r := types.Request{Id: 1, Borrower: g.Loans[0].Borrower, NftIds: []uint64{1}, Ifil: math.ZeroInt(), Principal: g.Loans[0].Principal, Interest: math.ZeroInt(), Term: time.Hour}
			g.Requests, g.NextRequestId = append(g.Requests, r), 2
		}},
		{"repaid above principal", func(g *types.GenesisState) { g.Loans[0].PrincipalRepaid = math.NewInt(1001) }},
		{"offer used up but open", func(g *types.GenesisState) { g.Offers[0].LoansMade = g.Offers[0].MaxLoans }},
		{"loan without status", func(g *types.GenesisState) { g.Loans[0].Status = 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.ctx)
			if err != nil {
				t.Fatal(err)
			}
			tc.mod(gs)
			if err := gs.Validate(); !types.ErrInvalidGenesis.Is(err) {
				t.Fatalf("validate: %v", err)
			}
		})
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
}
