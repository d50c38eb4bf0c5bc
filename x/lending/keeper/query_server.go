package keeper

import (
	"context"
	"encoding/binary"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/lending/types"
)

type queryServer struct{ Keeper }

var _ types.QueryServer = queryServer{}

func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Books lists the books of every denom the module ever held (a handful of denoms).
func (q queryServer) Books(ctx context.Context, _ *types.QueryBooksRequest) (*types.QueryBooksResponse, error) {
	resp := &types.QueryBooksResponse{}
	err := q.Keeper.Books.Walk(ctx, nil, func(_ string, b types.Books) (bool, error) {
		resp.Books = append(resp.Books, b)
		return false, nil
	})
	return resp, err
}

func (q queryServer) Offer(ctx context.Context, req *types.QueryOfferRequest) (*types.QueryOfferResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrOfferNotFound, "empty request")
	}
	o, err := q.getOffer(ctx, req.OfferId)
	if err != nil {
		return nil, err
	}
	return &types.QueryOfferResponse{Offer: o}, nil
}

func (q queryServer) Offers(ctx context.Context, req *types.QueryOffersRequest) (*types.QueryOffersResponse, error) {
	if req == nil {
		req = &types.QueryOffersRequest{}
	}
	resp := &types.QueryOffersResponse{}
	var err error
	resp.Offers, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Offers, pagination.Request(req.Pagination),
		func(_ uint64, o types.Offer) (types.Offer, error) { return o, nil })
	return resp, err
}

func (q queryServer) OffersByLender(ctx context.Context, req *types.QueryOffersByLenderRequest) (*types.QueryOffersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, "empty request")
	}
	lender, _, err := q.addr("lender", req.Lender)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryOffersResponse{}
	resp.Offers, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.OffersByLender, pagination.Request(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Offer, error) {
			return q.Keeper.Offers.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](lender))
	return resp, err
}

func (q queryServer) Request(ctx context.Context, req *types.QueryRequestRequest) (*types.QueryRequestResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrRequestNotFound, "empty request")
	}
	r, err := q.getRequest(ctx, req.RequestId)
	if err != nil {
		return nil, err
	}
	return &types.QueryRequestResponse{Request: r}, nil
}

func (q queryServer) Requests(ctx context.Context, req *types.QueryRequestsRequest) (*types.QueryRequestsResponse, error) {
	if req == nil {
		req = &types.QueryRequestsRequest{}
	}
	resp := &types.QueryRequestsResponse{}
	var err error
	resp.Requests, resp.Pagination, err = query.CollectionPaginate(ctx, q.Keeper.Requests, pagination.Request(req.Pagination),
		func(_ uint64, r types.Request) (types.Request, error) { return r, nil })
	return resp, err
}

// Loan is one loan with what it owes now, its due time (maturity) and its grace end.
func (q queryServer) Loan(ctx context.Context, req *types.QueryLoanRequest) (*types.QueryLoanResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrLoanNotFound, "empty request")
	}
	l, err := q.getLoan(ctx, req.LoanId)
	if err != nil {
		return nil, err
	}
	earned, total, err := q.earnedSinceStart(ctx, l)
	if err != nil {
		return nil, err
	}
	// A closed loan shows what was left unpaid when it closed (zero once repaid).
	return &types.QueryLoanResponse{
		Loan: l, Owed: sdk.NewCoin(l.Principal.Denom, l.Owed()), Due: l.Maturity, GraceEnd: l.GraceEnd,
		EarnedSinceStart: earned, EarnedTotal: total,
	}, nil
}

func (q queryServer) LoansByBorrower(ctx context.Context, req *types.QueryLoansByBorrowerRequest) (*types.QueryLoansResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, "empty request")
	}
	return q.loansBy(ctx, q.Keeper.LoansByBorrower, "borrower", req.Borrower, req.Pagination)
}

func (q queryServer) LoansByLender(ctx context.Context, req *types.QueryLoansByLenderRequest) (*types.QueryLoansResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, "empty request")
	}
	return q.loansBy(ctx, q.Keeper.LoansByLender, "lender", req.Lender, req.Pagination)
}

func (q queryServer) loansBy(ctx context.Context, index collections.KeySet[collections.Pair[sdk.AccAddress, uint64]], what, who string, page *query.PageRequest) (*types.QueryLoansResponse, error) {
	a, _, err := q.addr(what, who)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryLoansResponse{}
	resp.Loans, resp.Pagination, err = query.CollectionPaginate(ctx, index, pagination.Request(page),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Loan, error) {
			return q.Loans.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](a))
	return resp, err
}

func (q queryServer) OffersByKind(ctx context.Context, req *types.QueryOffersByKindRequest) (*types.QueryOffersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidCollateral, "empty request")
	}
	if _, known := types.CollateralKind_name[int32(req.Kind)]; !known || req.Kind == types.CollateralKind_COLLATERAL_KIND_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidCollateral, "collateral kind %s", req.Kind)
	}
	resp := &types.QueryOffersResponse{}
	var err error
	resp.Offers, resp.Pagination, err = query.CollectionPaginate(ctx, q.Indexes.OffersByKind, pagination.Request(req.Pagination),
		func(key collections.Pair[int32, uint64], _ collections.NoValue) (types.Offer, error) {
			return q.Keeper.Offers.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[int32, uint64](int32(req.Kind)))
	return resp, err
}

// rateDenom is the principal denom a best-rate list compares: the one asked for, which must be
// accepted, or the first accepted one.
func (q queryServer) rateDenom(ctx context.Context, denom string) (string, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return "", err
	}
	if denom == "" && len(p.PrincipalDenoms) > 0 {
		return p.PrincipalDenoms[0], nil
	}
	if !p.AcceptsPrincipal(denom) {
		return "", errorsmod.Wrapf(types.ErrDenomNotAccepted, "principal denom %q is not one of %v", denom, p.PrincipalDenoms)
	}
	return denom, nil
}

// offerOfRateKey reads the offer a RateKey ends with.
func (q queryServer) offerOfRateKey(ctx context.Context, rk []byte) (types.Offer, error) {
	if len(rk) != RateWidth+8 {
		return types.Offer{}, errorsmod.Wrapf(types.ErrBooksMismatch, "rate key of %d bytes", len(rk))
	}
	return q.Keeper.Offers.Get(ctx, binary.BigEndian.Uint64(rk[RateWidth:]))
}

// BestOffers: a product's PRODUCT and NFT offers in one principal denom, lowest interest per
// principal first (RateKey), ties by offer id.
func (q queryServer) BestOffers(ctx context.Context, req *types.QueryBestOffersRequest) (*types.QueryOffersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidCollateral, "empty request")
	}
	if _, err := q.nfts.GetProduct(ctx, req.ProductId); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidCollateral, "product %d: %v", req.ProductId, err)
	}
	denom, err := q.rateDenom(ctx, req.Denom)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryOffersResponse{}
	resp.Offers, resp.Pagination, err = query.CollectionPaginate(ctx, q.Indexes.OffersByRate, pagination.Request(req.Pagination),
		func(key collections.Triple[uint64, string, []byte], _ collections.NoValue) (types.Offer, error) {
			return q.offerOfRateKey(ctx, key.K3())
		}, func(o *query.CollectionsPaginateOptions[collections.Triple[uint64, string, []byte]]) {
			prefix := collections.TripleSuperPrefix[uint64, string, []byte](req.ProductId, denom)
			o.Prefix = &prefix
		})
	return resp, err
}

// BestMinerOffers: every MINER offer in one principal denom, lowest interest per principal first.
func (q queryServer) BestMinerOffers(ctx context.Context, req *types.QueryBestMinerOffersRequest) (*types.QueryOffersResponse, error) {
	if req == nil {
		req = &types.QueryBestMinerOffersRequest{}
	}
	denom, err := q.rateDenom(ctx, req.Denom)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryOffersResponse{}
	resp.Offers, resp.Pagination, err = query.CollectionPaginate(ctx, q.Indexes.MinerOffersByRate, pagination.Request(req.Pagination),
		func(key collections.Pair[string, []byte], _ collections.NoValue) (types.Offer, error) {
			return q.offerOfRateKey(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[string, []byte](denom))
	return resp, err
}

func (q queryServer) LoansByStatus(ctx context.Context, req *types.QueryLoansByStatusRequest) (*types.QueryLoansResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidStatus, "empty request")
	}
	if _, known := types.LoanStatus_name[int32(req.Status)]; !known || req.Status == types.LoanStatus_LOAN_STATUS_UNSPECIFIED {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "loan status %s", req.Status)
	}
	resp := &types.QueryLoansResponse{}
	var err error
	resp.Loans, resp.Pagination, err = query.CollectionPaginate(ctx, q.Indexes.LoansByStatus, pagination.Request(req.Pagination),
		func(key collections.Pair[int32, uint64], _ collections.NoValue) (types.Loan, error) {
			return q.Loans.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[int32, uint64](int32(req.Status)))
	return resp, err
}
