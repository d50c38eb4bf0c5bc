package app_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/dmexchain/dmex/testutil"
)

// Every module that keeps books registers its checks with the app, and tests run exactly that
// list: a module whose AppModule drops BooksChecks fails here.
func TestEveryModuleRegistersItsBooksChecks(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1})
	var got []string
	for _, c := range e.App.BooksChecks() {
		got = append(got, c.Module+"/"+c.Name)
		if err := c.Run(e.Ctx()); err != nil {
			t.Errorf("%s/%s on a new chain: %v", c.Module, c.Name, err)
		}
	}
	want := []string{"dmc/supply", "dmc/mining", "dmc/revenue", "dmc/nft_farms", "oracle/peg", "hashnft/books", "escrow/books", "riskfund/books", "lending/books", "amm/pools", "amm/buyback", "jointmine/books"}
	if !reflect.DeepEqual(sortedCopy(got), sortedCopy(want)) {
		t.Fatalf("registered books checks %v, want %v", got, want)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
