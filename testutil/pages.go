package testutil

import (
	"slices"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
)

// PageFetch runs a list query with the page request and returns the keys of what it listed.
type PageFetch func(*query.PageRequest) ([]string, *query.PageResponse, error)

// CheckPages checks a list query's key-based pagination against want, the keys of the whole set
// in the query's order: two pages (the first holds half the set) give exactly the set, nothing
// twice and nothing missed, and the last page's next_key is nil; no limit gives DefaultLimit
// items and a limit above pagination.MaxLimit gives MaxLimit. want should hold more than
// MaxLimit items (and at most twice that), so that the caps show.
func CheckPages(tb testing.TB, want []string, fetch PageFetch) {
	tb.Helper()
	if uint64(len(want)) > 2*pagination.MaxLimit {
		tb.Fatalf("%d items do not fit two pages of at most %d", len(want), pagination.MaxLimit)
	}
	half := uint64(len(want)+1) / 2
	first, page, err := fetch(&query.PageRequest{Limit: half})
	if err != nil {
		tb.Fatalf("first page: %v", err)
	}
	if uint64(len(first)) != half || page == nil || len(page.NextKey) == 0 {
		tb.Fatalf("first page of %d: %d items, page %v; want %d items and a next_key", half, len(first), page, half)
	}
	second, page, err := fetch(&query.PageRequest{Key: page.NextKey, Limit: pagination.MaxLimit})
	if err != nil {
		tb.Fatalf("second page: %v", err)
	}
	if page != nil && len(page.NextKey) != 0 {
		tb.Fatalf("the last page's next_key is %x, want nil", page.NextKey)
	}
	if got := slices.Concat(first, second); !slices.Equal(got, want) {
		tb.Fatalf("two pages list %d items, want the %d of the set, each once, in order:\n got %v\nwant %v", len(got), len(want), got, want)
	}
	for _, tc := range []struct {
		limit, want uint64
	}{{0, pagination.DefaultLimit}, {pagination.MaxLimit + 1, pagination.MaxLimit}, {10 * pagination.MaxLimit, pagination.MaxLimit}} {
		got, page, err := fetch(&query.PageRequest{Limit: tc.limit})
		if err != nil {
			tb.Fatalf("limit %d: %v", tc.limit, err)
		}
		n := min(tc.want, uint64(len(want)))
		if uint64(len(got)) != n || !slices.Equal(got, want[:n]) {
			tb.Fatalf("limit %d lists %d items, want the first %d", tc.limit, len(got), n)
		}
		if more := uint64(len(want)) > n; more != (page != nil && len(page.NextKey) != 0) {
			tb.Fatalf("limit %d: next_key %x, want one only when items are left", tc.limit, page.GetNextKey())
		}
	}
	got, _, err := fetch(nil)
	if err != nil || uint64(len(got)) != min(pagination.DefaultLimit, uint64(len(want))) {
		tb.Fatalf("no page request: %d items (%v), want %d", len(got), err, pagination.DefaultLimit)
	}
}
