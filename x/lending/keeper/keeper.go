// Package keeper is the x/lending keeper: offers, requests, loans against hashrate NFTs and
// IFIL, and their two queues (loan foreclosures, offer and request expiries).
//
// Invariants: the module account holds, per denom, exactly the principal locked by open offers
// (principal × loans they may still fund) plus the IFIL locked by open requests and active loans
// plus what is held with active loans for their NFTs (termination refunds and covers, Loan.held)
// (Books, CheckBooks). An NFT is collateral of at most one open request or active loan and is
// locked in x/hashnft under this module's name for exactly that long; its owner stays the
// borrower, so its rewards keep reaching the borrower. Every active loan is in the maturity queue
// at its grace end; every open offer and request is in its expiry queue at its expiry.
package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/lending/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	nfts         types.NFTCollateral
	products     types.ProductStatus
	revenue      modaccounts.RevenueLedger

	Schema collections.Schema
	Params collections.Item[types.Params]
	// Books per denom.
	Books collections.Map[string, types.Books]
	// Open offers and requests, with their owners' indexes; loans (kept once closed, as records).
	Offers             collections.Map[uint64, types.Offer]
	OffersByLender     collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	NextOfferID        collections.Sequence
	Requests           collections.Map[uint64, types.Request]
	RequestsByBorrower collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	NextRequestID      collections.Sequence
	Loans              collections.Map[uint64, types.Loan]
	LoansByBorrower    collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	LoansByLender      collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	NextLoanID         collections.Sequence
	// LoanByNFT is the last loan each NFT was collateral of (a later loan replaces it): whom a
	// termination payment for the NFT belongs to (custodian.go). Rebuilt from the loans on import.
	LoanByNFT collections.Map[uint64, uint64]
	// MaturityQueue: active loans at their grace end; the expiry queues: open offers and requests.
	MaturityQueue      queue.Queue[time.Time]
	OfferExpiryQueue   queue.Queue[time.Time]
	RequestExpiryQueue queue.Queue[time.Time]
	// Indexes for the queries (indexes.go).
	Indexes Indexes
}

func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper, nfts types.NFTCollateral, products types.ProductStatus,
	revenue modaccounts.RevenueLedger,
) Keeper {
	if ak.GetModuleAddress(types.ModuleName) == nil {
		panic("lending module account has not been set")
	}
	sb := collections.NewSchemaBuilder(storeService)
	pairKey := collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)
	k := Keeper{
		cdc: cdc, addressCodec: ak.AddressCodec(), authority: authority, authKeeper: ak, bankKeeper: bk,
		nfts: nfts, products: products, revenue: revenue,
		Params:             collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Books:              collections.NewMap(sb, types.BooksKey, "books", collections.StringKey, codec.CollValue[types.Books](cdc)),
		Offers:             collections.NewMap(sb, types.OffersKey, "offers", collections.Uint64Key, codec.CollValue[types.Offer](cdc)),
		OffersByLender:     collections.NewKeySet(sb, types.OffersByLenderKey, "offers_by_lender", pairKey),
		NextOfferID:        collections.NewSequence(sb, types.NextOfferIDKey, "next_offer_id"),
		Requests:           collections.NewMap(sb, types.RequestsKey, "requests", collections.Uint64Key, codec.CollValue[types.Request](cdc)),
		RequestsByBorrower: collections.NewKeySet(sb, types.RequestsByBorrowerKey, "requests_by_borrower", pairKey),
		NextRequestID:      collections.NewSequence(sb, types.NextRequestIDKey, "next_request_id"),
		Loans:              collections.NewMap(sb, types.LoansKey, "loans", collections.Uint64Key, codec.CollValue[types.Loan](cdc)),
		LoansByBorrower:    collections.NewKeySet(sb, types.LoansByBorrowerKey, "loans_by_borrower", pairKey),
		LoansByLender:      collections.NewKeySet(sb, types.LoansByLenderKey, "loans_by_lender", pairKey),
		NextLoanID:         collections.NewSequence(sb, types.NextLoanIDKey, "next_loan_id"),
		LoanByNFT:          collections.NewMap(sb, types.LoanByNFTKey, "loan_by_nft", collections.Uint64Key, collections.Uint64Value),
		MaturityQueue:      queue.New(sb, types.MaturityQueueKey, "maturity_queue", sdk.TimeKey),
		OfferExpiryQueue:   queue.New(sb, types.OfferExpiryQueueKey, "offer_expiry_queue", sdk.TimeKey),
		RequestExpiryQueue: queue.New(sb, types.RequestExpiryQueueKey, "request_expiry_queue", sdk.TimeKey),
		Indexes:            newIndexes(sb),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

func (k Keeper) emit(ctx context.Context, ev sdk.Msg) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

// addr parses an address a user sent and returns its bytes and canonical spelling.
func (k Keeper) addr(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}

// stored parses an address kept in state (already canonical).
func (k Keeper) stored(s string) (sdk.AccAddress, error) {
	return k.addressCodec.StringToBytes(s)
}

func (k Keeper) moduleAddr() sdk.AccAddress { return k.authKeeper.GetModuleAddress(types.ModuleName) }

// books returns a denom's books, zero if the module never held it.
func (k Keeper) books(ctx context.Context, denom string) (types.Books, error) {
	b, err := k.Books.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return types.NewBooks(denom), nil
	}
	b.Held = zeroIfNil(b.Held)
	return b, err
}

// lockIn takes coin from an account into the module and books it as locked principal or
// collateral.
func (k Keeper) lockIn(ctx context.Context, from sdk.AccAddress, coin sdk.Coin, collateral bool) error {
	if !coin.IsPositive() {
		return nil
	}
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, from, types.ModuleName, sdk.NewCoins(coin)); err != nil {
		return err
	}
	b, err := k.books(ctx, coin.Denom)
	if err != nil {
		return err
	}
	if collateral {
		b.Collateral = b.Collateral.Add(coin.Amount)
	} else {
		b.LockedPrincipal = b.LockedPrincipal.Add(coin.Amount)
	}
	return k.Books.Set(ctx, coin.Denom, b)
}

// payOut sends coin from the module to an account and takes it off the books.
func (k Keeper) payOut(ctx context.Context, to sdk.AccAddress, coin sdk.Coin, collateral bool) error {
	if !coin.IsPositive() {
		return nil
	}
	b, err := k.books(ctx, coin.Denom)
	if err != nil {
		return err
	}
	have := b.LockedPrincipal
	if collateral {
		have = b.Collateral
	}
	if have.LT(coin.Amount) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "pay %s out of %s booked", coin, have)
	}
	if collateral {
		b.Collateral = b.Collateral.Sub(coin.Amount)
	} else {
		b.LockedPrincipal = b.LockedPrincipal.Sub(coin.Amount)
	}
	if err := k.Books.Set(ctx, coin.Denom, b); err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, sdk.NewCoins(coin))
}

// CheckBooks: the module account holds exactly what the books say, per denom; the books equal
// what the open offers, open requests and active loans lock and hold (a walk over every record: for
// tests and the simulation, not blocks); every locked NFT is locked under this module's name.
func (k Keeper) CheckBooks(ctx context.Context) error {
	held := k.bankKeeper.GetAllBalances(ctx, k.moduleAddr())
	booked := sdk.NewCoins()
	var books []types.Books
	err := k.Books.Walk(ctx, nil, func(denom string, b types.Books) (bool, error) {
		b.Held = zeroIfNil(b.Held)
		if b.LockedPrincipal.IsNegative() || b.Collateral.IsNegative() || b.Held.IsNegative() {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "negative books of %s: %s principal, %s collateral, %s held", denom, b.LockedPrincipal, b.Collateral, b.Held)
		}
		booked = booked.Add(sdk.NewCoin(denom, b.LockedPrincipal.Add(b.Collateral).Add(b.Held)))
		books = append(books, b)
		return false, nil
	})
	if err != nil {
		return err
	}
	if !held.Equal(booked) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "account holds %s, books say %s", held, booked)
	}
	gs, err := k.ExportGenesis(ctx)
	if err != nil {
		return err
	}
	gs.Books = books
	if err := gs.Validate(); err != nil {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "%v", err)
	}
	if err := k.checkIndexes(ctx); err != nil {
		return err
	}
	// An NFT offer sits in its NFT's product's rate list: the product it records must be the NFT's
	// (genesis validation can only check that one is set).
	for _, o := range gs.Offers {
		if o.Collateral.Kind != types.CollateralKind_COLLATERAL_KIND_NFT {
			continue
		}
		n, err := k.nfts.GetNFT(ctx, o.Collateral.NftId)
		if err != nil {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "offer %d against NFT %d: %v", o.Id, o.Collateral.NftId, err)
		}
		if n.ProductId != o.ProductId {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "offer %d against NFT %d records product %d, the NFT is of product %d", o.Id, n.Id, o.ProductId, n.ProductId)
		}
	}
	for _, r := range gs.Requests {
		if err := k.checkLocked(ctx, r.NftIds, r.Borrower); err != nil {
			return err
		}
	}
	for _, l := range gs.Loans {
		if types.Holding(l.Status) {
			if err := k.checkLocked(ctx, l.NftIds, l.Borrower); err != nil {
				return err
			}
		}
		for _, nid := range l.NftIds {
			last, err := k.LoanByNFT.Get(ctx, nid)
			if err != nil || last < l.Id {
				return errorsmod.Wrapf(types.ErrBooksMismatch, "NFT %d of loan %d: the NFT's last loan is %d (%v)", nid, l.Id, last, err)
			}
		}
	}
	return nil
}

func (k Keeper) checkLocked(ctx context.Context, ids []uint64, owner string) error {
	for _, id := range ids {
		n, err := k.nfts.GetNFT(ctx, id)
		if err != nil {
			return err
		}
		if n.LockedBy != types.ModuleName || n.Owner != owner {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "NFT %d held as collateral of %s is owned by %s and locked by %q", id, owner, n.Owner, n.LockedBy)
		}
	}
	return nil
}

// zeroIfNil keeps amounts read from old records or messages well defined.
func zeroIfNil(x math.Int) math.Int {
	if x.IsNil() {
		return math.ZeroInt()
	}
	return x
}
