package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/dmexchain/dmex/x/amm/types"
)

// Stand-ins for the buyback queries until the buyback branch (keeper/query_buyback.go) is merged:
// delete this file then. (Embedding types.UnimplementedQueryServer in queryServer does not
// compile: its Buybacks and BuybackMonths methods are ambiguous with the Keeper's collections of
// the same names, so queryServer would not implement types.QueryServer.)

func (q queryServer) Buybacks(context.Context, *types.QueryBuybacksRequest) (*types.QueryBuybacksResponse, error) {
	return nil, status.Error(codes.Unimplemented, "the buyback queries come with the buyback branch")
}

func (q queryServer) BuybackMonths(context.Context, *types.QueryBuybackMonthsRequest) (*types.QueryBuybackMonthsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "the buyback queries come with the buyback branch")
}
