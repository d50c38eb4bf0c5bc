package pagination_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
)

func TestRequestDefaultsAndCaps(t *testing.T) {
	for _, tc := range []struct {
		in   *query.PageRequest
		want uint64
	}{
		{nil, pagination.DefaultLimit},
		{&query.PageRequest{}, pagination.DefaultLimit},
		{&query.PageRequest{Limit: 7}, 7},
		{&query.PageRequest{Limit: pagination.MaxLimit}, pagination.MaxLimit},
		{&query.PageRequest{Limit: pagination.MaxLimit + 1}, pagination.MaxLimit},
		{&query.PageRequest{Limit: ^uint64(0)}, pagination.MaxLimit},
	} {
		got := pagination.Request(tc.in)
		if got.Limit != tc.want {
			t.Fatalf("Request(%v).Limit = %d, want %d", tc.in, got.Limit, tc.want)
		}
	}
	in := &query.PageRequest{Key: []byte{1}, Offset: 3, Limit: 5000, CountTotal: true, Reverse: true}
	got := pagination.Request(in)
	if string(got.Key) != "\x01" || got.Offset != 3 || !got.CountTotal || !got.Reverse || in.Limit != 5000 {
		t.Fatalf("Request(%v) = %v: the other fields must pass through and the request stay unchanged", in, got)
	}
}
