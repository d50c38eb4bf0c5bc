// Package pagination is DMEX's one page size rule for list queries. Every list query of every
// module pages with the SDK's key-based pagination (query.CollectionPaginate, or
// query.FilteredPaginate over an index's prefix) on the request that Request returns: a page
// holds DefaultLimit items unless the client asks for fewer, and never more than MaxLimit, so no
// query walks an unbounded set in one call. A response's pagination.next_key, passed back as
// pagination.key, gives the next page; it is empty on the last page.
package pagination

import "github.com/cosmos/cosmos-sdk/types/query"

const (
	// DefaultLimit is a page's size when the request sets no limit.
	DefaultLimit uint64 = 100
	// MaxLimit is the largest page: a larger limit is cut to it.
	MaxLimit uint64 = 1000
)

// Request returns a copy of req (nil: the first page) whose limit is DefaultLimit when unset and
// at most MaxLimit. Key, offset, count_total and reverse keep the SDK's meaning.
func Request(req *query.PageRequest) *query.PageRequest {
	out := &query.PageRequest{Limit: DefaultLimit}
	if req != nil {
		out.Key, out.Offset, out.Limit, out.CountTotal, out.Reverse = req.Key, req.Offset, req.Limit, req.CountTotal, req.Reverse
	}
	switch {
	case out.Limit == 0:
		out.Limit = DefaultLimit
	case out.Limit > MaxLimit:
		out.Limit = MaxLimit
	}
	return out
}
