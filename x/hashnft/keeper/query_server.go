package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/store/prefix"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/dmexchain/dmex/internal/pagination"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

type queryServer struct{ Keeper }

func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

var _ types.QueryServer = queryServer{}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// indexPage pages through the primary keys an index holds under one reference-key prefix, in
// key order, with the SDK's usual pagination (key or offset, limit, count_total, reverse).
func indexPage[R any](ctx context.Context, k Keeper, indexPrefix collections.Prefix, refCodec collcodec.KeyCodec[R], ref R,
	req *query.PageRequest, each func(id uint64, accumulate bool) (bool, error),
) (*query.PageResponse, error) {
	// The index's keys are (reference, primary key): the reference in its non-terminal
	// (self-delimiting) encoding, then the uint64 id.
	buf := make([]byte, refCodec.SizeNonTerminal(ref))
	if _, err := refCodec.EncodeNonTerminal(buf, ref); err != nil {
		return nil, err
	}
	prefixBytes := append(append([]byte{}, indexPrefix.Bytes()...), buf...)
	store := prefix.NewStore(runtime.KVStoreAdapter(k.storeService.OpenKVStore(ctx)), prefixBytes)
	return query.FilteredPaginate(store, req, func(key, _ []byte, accumulate bool) (bool, error) {
		_, id, err := collections.Uint64Key.Decode(key)
		if err != nil {
			return false, err
		}
		return each(id, accumulate)
	})
}

// PageOwnerNFTs pages through the NFTs owner holds, in id order, with the SDK's key-based
// pagination (the page size capped by internal/pagination): fn says whether an NFT counts
// towards the page (collect it when accumulate is true). x/escrow's holder rewards query uses it.
func (k Keeper) PageOwnerNFTs(ctx context.Context, owner sdk.AccAddress, req *query.PageRequest,
	fn func(n types.NFT, accumulate bool) (bool, error),
) (*query.PageResponse, error) {
	return indexPage(ctx, k, types.NFTsByOwnerKey, sdk.AccAddressKey, owner, pagination.Request(req), func(id uint64, accumulate bool) (bool, error) {
		n, err := k.NFTs.Get(ctx, id)
		if err != nil {
			return false, err
		}
		return fn(n, accumulate)
	})
}

func (q queryServer) Applications(ctx context.Context, req *types.QueryApplicationsRequest) (*types.QueryApplicationsResponse, error) {
	res := &types.QueryApplicationsResponse{}
	if req.Miner == "" && req.Status == types.APPLICATION_STATUS_UNSPECIFIED {
		apps, page, err := query.CollectionPaginate(ctx, q.Keeper.Applications, pagination.Request(req.Pagination),
			func(_ uint64, a types.Application) (types.Application, error) { return a, nil })
		if err != nil {
			return nil, err
		}
		res.Applications, res.Pagination = apps, page
		return res, nil
	}
	var page *query.PageResponse
	var err error
	collect := func(id uint64, accumulate bool) (bool, error) {
		a, err := q.Keeper.Applications.Get(ctx, id)
		if err != nil {
			return false, err
		}
		if req.Status != types.APPLICATION_STATUS_UNSPECIFIED && a.Status != req.Status {
			return false, nil
		}
		if accumulate {
			res.Applications = append(res.Applications, a)
		}
		return true, nil
	}
	if req.Miner != "" {
		miner, aerr := q.addr("miner", req.Miner)
		if aerr != nil {
			return nil, aerr
		}
		page, err = indexPage(ctx, q.Keeper, types.ApplicationsByMinerKey, sdk.AccAddressKey, miner, pagination.Request(req.Pagination), collect)
	} else {
		page, err = indexPage(ctx, q.Keeper, types.ApplicationsByStatusKey, collections.Int32Key, int32(req.Status), pagination.Request(req.Pagination), collect)
	}
	if err != nil {
		return nil, err
	}
	res.Pagination = page
	return res, nil
}

func (q queryServer) Application(ctx context.Context, req *types.QueryApplicationRequest) (*types.QueryApplicationResponse, error) {
	a, err := q.getApplication(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QueryApplicationResponse{Application: a}, nil
}

func (q queryServer) Products(ctx context.Context, req *types.QueryProductsRequest) (*types.QueryProductsResponse, error) {
	products, page, err := query.CollectionPaginate(ctx, q.Keeper.Products, pagination.Request(req.Pagination),
		func(_ uint64, p types.Product) (types.Product, error) { return p, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryProductsResponse{Products: products, Pagination: page}, nil
}

func (q queryServer) Product(ctx context.Context, req *types.QueryProductRequest) (*types.QueryProductResponse, error) {
	p, err := q.getProduct(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	e, err := q.Escrows.Get(ctx, p.Id)
	if errors.Is(err, collections.ErrNotFound) {
		e = types.Escrow{ProductId: p.Id}
	} else if err != nil {
		return nil, err
	}
	return &types.QueryProductResponse{Product: p, Escrow: e, Unsold: p.Unsold()}, nil
}

func (q queryServer) nftInfo(ctx context.Context, n types.NFT) (types.NFTInfo, error) {
	info := types.NFTInfo{Nft: n}
	p, err := q.getProduct(ctx, n.ProductId)
	if err != nil {
		return info, err
	}
	info.Chain, info.PowerUnit = p.Chain, p.PowerUnit
	l, ok, err := q.listed(ctx, n.Id)
	if err != nil {
		return info, err
	}
	if ok {
		info.Listing = &l
	}
	e, found, err := q.wiring.earnings.NFTEarnings(ctx, n)
	if err != nil {
		return info, err
	}
	if found {
		info.Earnings = &e
	}
	return info, nil
}

func (q queryServer) NFTsByOwner(ctx context.Context, req *types.QueryNFTsByOwnerRequest) (*types.QueryNFTsByOwnerResponse, error) {
	owner, err := q.addr("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	res := &types.QueryNFTsByOwnerResponse{}
	res.Pagination, err = indexPage(ctx, q.Keeper, types.NFTsByOwnerKey, sdk.AccAddressKey, owner, pagination.Request(req.Pagination), func(id uint64, accumulate bool) (bool, error) {
		if !accumulate {
			return true, nil
		}
		n, err := q.NFTs.Get(ctx, id)
		if err != nil {
			return false, err
		}
		info, err := q.nftInfo(ctx, n)
		if err != nil {
			return false, err
		}
		res.Nfts = append(res.Nfts, info)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (q queryServer) NFT(ctx context.Context, req *types.QueryNFTRequest) (*types.QueryNFTResponse, error) {
	n, err := q.GetNFT(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	info, err := q.nftInfo(ctx, n)
	if err != nil {
		return nil, err
	}
	return &types.QueryNFTResponse{Nft: info}, nil
}

// Listings pages through a product's listings in the price index's order: by denom, then
// cheapest first, then NFT id.
func (q queryServer) Listings(ctx context.Context, req *types.QueryListingsRequest) (*types.QueryListingsResponse, error) {
	if _, err := q.getProduct(ctx, req.ProductId); err != nil {
		return nil, err
	}
	// The index key is (product, denom, price, nft id); page under (product) or (product, denom).
	refPrefix := make([]byte, collections.Uint64Key.SizeNonTerminal(req.ProductId))
	if _, err := collections.Uint64Key.EncodeNonTerminal(refPrefix, req.ProductId); err != nil {
		return nil, err
	}
	if req.Denom != "" {
		d := make([]byte, collections.StringKey.SizeNonTerminal(req.Denom))
		if _, err := collections.StringKey.EncodeNonTerminal(d, req.Denom); err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidPrice, "denom %q: %v", req.Denom, err)
		}
		refPrefix = append(refPrefix, d...)
	}
	prefixBytes := append(append([]byte{}, types.ListingsByPriceKey.Bytes()...), refPrefix...)
	store := prefix.NewStore(runtime.KVStoreAdapter(q.storeService.OpenKVStore(ctx)), prefixBytes)
	res := &types.QueryListingsResponse{}
	var err error
	res.Pagination, err = query.Paginate(store, pagination.Request(req.Pagination), func(key, _ []byte) error {
		// The rest of the key ends with the NFT id (8 bytes).
		if len(key) < 8 {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "short listing index key %x", key)
		}
		_, id, err := collections.Uint64Key.Decode(key[len(key)-8:])
		if err != nil {
			return err
		}
		l, err := q.Keeper.Listings.Get(ctx, id)
		if err != nil {
			return err
		}
		res.Listings = append(res.Listings, l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (q queryServer) Auctions(ctx context.Context, req *types.QueryAuctionsRequest) (*types.QueryAuctionsResponse, error) {
	auctions, page, err := query.CollectionPaginate(ctx, q.Keeper.Auctions, pagination.Request(req.Pagination),
		func(_ uint64, a types.Auction) (types.Auction, error) { return a, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryAuctionsResponse{Auctions: auctions, Pagination: page}, nil
}

func (q queryServer) Auction(ctx context.Context, req *types.QueryAuctionRequest) (*types.QueryAuctionResponse, error) {
	a, err := q.getAuction(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	bids, err := q.auctionBids(ctx, a.Id)
	if err != nil {
		return nil, err
	}
	clearing, demand, err := q.ClearingPrice(ctx, a)
	if err != nil {
		return nil, err
	}
	return &types.QueryAuctionResponse{Auction: a, Bids: bids, ClearingPrice: clearing, Demand: demand}, nil
}

func (q queryServer) MinerPower(ctx context.Context, req *types.QueryMinerPowerRequest) (*types.QueryMinerPowerResponse, error) {
	miner, minerStr, err := q.account("miner", req.Miner)
	if err != nil {
		return nil, err
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	res := &types.QueryMinerPowerResponse{}
	for _, c := range p.PowerCaps {
		power, err := q.minerPower(ctx, miner, c.Chain, c.PowerUnit)
		if err != nil {
			return nil, err
		}
		res.Powers = append(res.Powers, types.MinerPowerInfo{
			Power: types.MinerPower{Miner: minerStr, Chain: c.Chain, PowerUnit: c.PowerUnit, Power: power}, Cap: c.MaxPowerPerMiner,
		})
	}
	return res, nil
}
