// Package keeper is the x/riskfund keeper: the fund's books, policies, claims and compensations.
package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/modaccounts"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	risk         types.RiskReader
	nfts         types.NFTs

	Schema collections.Schema
	Params collections.Item[types.Params]
	// Books per denom.
	Books collections.Map[string, types.Books]
	// Policies by NFT id, with indexes by buyer and by product.
	Policies        collections.Map[uint64, types.Policy]
	PolicyByBuyer   collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	PolicyByProduct collections.KeySet[collections.Pair[uint64, uint64]]
	// Claims by (product, NFT).
	Claims        collections.Map[collections.Pair[uint64, uint64], types.Claim]
	Compensations collections.Map[uint64, types.Compensation]
	// CompByProduct indexes compensations by (product, id).
	CompByProduct collections.KeySet[collections.Pair[uint64, uint64]]
	NextCompID    collections.Sequence
	// ClaimRuns: terminated products whose claims are being recorded/paid; CompQueue: open
	// compensations by id; OwedClaims: claims with cover still owed; PolicyCursor: the expiry sweep.
	ClaimRuns    collections.Map[uint64, types.ClaimRun]
	CompQueue    collections.KeySet[uint64]
	OwedClaims   collections.KeySet[collections.Pair[uint64, uint64]]
	PolicyCursor collections.Item[uint64]
	// StartQueue: (cover_start_day, NFT id) of the policies whose unpaid-day snapshot at cover
	// start is not taken yet (not cover_started, not claimed).
	StartQueue collections.KeySet[collections.Pair[uint64, uint64]]
}

func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper, risk types.RiskReader, nfts types.NFTs,
) Keeper {
	if ak.GetModuleAddress(types.ModuleName) == nil {
		panic("riskfund module account has not been set")
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc: cdc, addressCodec: ak.AddressCodec(), authority: authority, authKeeper: ak, bankKeeper: bk, risk: risk, nfts: nfts,
		Params:          collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Books:           collections.NewMap(sb, types.BooksKey, "books", collections.StringKey, codec.CollValue[types.Books](cdc)),
		Policies:        collections.NewMap(sb, types.PoliciesKey, "policies", collections.Uint64Key, codec.CollValue[types.Policy](cdc)),
		PolicyByBuyer:   collections.NewKeySet(sb, types.PolicyByBuyerKey, "policy_by_buyer", collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		PolicyByProduct: collections.NewKeySet(sb, types.PolicyByProductKey, "policy_by_product", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		Claims:          collections.NewMap(sb, types.ClaimsKey, "claims", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.Claim](cdc)),
		Compensations:   collections.NewMap(sb, types.CompensationsKey, "compensations", collections.Uint64Key, codec.CollValue[types.Compensation](cdc)),
		CompByProduct:   collections.NewKeySet(sb, types.CompByProductKey, "compensation_by_product", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		NextCompID:      collections.NewSequence(sb, types.NextCompIDKey, "next_compensation_id"),
		ClaimRuns:       collections.NewMap(sb, types.ClaimQueueKey, "claim_runs", collections.Uint64Key, codec.CollValue[types.ClaimRun](cdc)),
		CompQueue:       collections.NewKeySet(sb, types.CompQueueKey, "comp_queue", collections.Uint64Key),
		OwedClaims:      collections.NewKeySet(sb, types.OwedClaimsKey, "owed_claims", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		PolicyCursor:    collections.NewItem(sb, types.PolicyCursorKey, "policy_cursor", collections.Uint64Value),
		StartQueue:      collections.NewKeySet(sb, types.StartQueueKey, "start_queue", collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

var _ modaccounts.RiskFundLedger = Keeper{}

func (k Keeper) emit(ctx context.Context, ev sdk.Msg) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

func (k Keeper) addr(what, s string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q: %v", what, s, err)
	}
	return bz, nil
}

// books returns a denom's books, zero if the fund never held it.
func (k Keeper) books(ctx context.Context, denom string) (types.Books, error) {
	b, err := k.Books.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return types.NewBooks(denom), nil
	}
	return b, err
}

// Free is the balance not reserved for owed cover, committed cover or accepted compensations:
// the most a compensation may take. What is allotted to claim runs is a part of the owed cover,
// so it is not free either (subtracting it again would count it twice).
func Free(b types.Books) math.Int {
	f := b.Balance.Sub(b.Owed).Sub(b.Committed).Sub(b.Reserved)
	if f.IsNegative() {
		return math.ZeroInt()
	}
	return f
}

// FreeCapacity is capacity_bps of the balance less committed and owed cover (allotted included)
// and reserved compensations.
func FreeCapacity(b types.Books, p types.Params) math.Int {
	f := types.Capacity(b.Balance, p.CapacityBps).Sub(b.Committed).Sub(b.Owed).Sub(b.Reserved)
	if f.IsNegative() {
		return math.ZeroInt()
	}
	return f
}

// Credit records coins already sent to the module account (RiskFundLedger).
func (k Keeper) Credit(ctx context.Context, coins sdk.Coins, source string) error {
	for _, c := range coins {
		b, err := k.books(ctx, c.Denom)
		if err != nil {
			return err
		}
		b.Balance = b.Balance.Add(c.Amount)
		if err := k.Books.Set(ctx, c.Denom, b); err != nil {
			return err
		}
	}
	if coins.IsZero() {
		return nil
	}
	return k.emit(ctx, &types.EventFundCredited{Source: source, Amount: coins.String()})
}

// DepositFromModule moves coins from a module's account into the fund and credits the books
// (modaccounts.RiskFundLedger: x/hashnft's forfeited application deposits).
func (k Keeper) DepositFromModule(ctx context.Context, module string, coins sdk.Coins, source string) error {
	if !coins.IsValid() || coins.IsZero() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "deposit %q from module %s must be positive amounts of valid denoms", coins.String(), module)
	}
	if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, module, types.ModuleName, coins); err != nil {
		return err
	}
	return k.Credit(ctx, coins, source)
}

// SendAndCredit moves coins from an account into the fund and credits the books.
func (k Keeper) SendAndCredit(ctx context.Context, from sdk.AccAddress, coins sdk.Coins, source string) error {
	if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, from, types.ModuleName, coins); err != nil {
		return err
	}
	return k.Credit(ctx, coins, source)
}

// CheckBooks: the module account holds exactly what the books say, per denom; no amount is
// negative; what is allotted to claim runs is owed cover, and it and the reserved compensations
// are held (reserved + allotted <= balance).
func (k Keeper) CheckBooks(ctx context.Context) error {
	held := k.bankKeeper.GetAllBalances(ctx, k.authKeeper.GetModuleAddress(types.ModuleName))
	booked := sdk.NewCoins()
	err := k.Books.Walk(ctx, nil, func(denom string, b types.Books) (bool, error) {
		booked = booked.Add(sdk.NewCoin(denom, b.Balance))
		if b.Owed.IsNegative() || b.Committed.IsNegative() || b.Reserved.IsNegative() {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "negative cover in %s", denom)
		}
		allotted := b.Allotted
		if allotted.IsNil() {
			allotted = math.ZeroInt()
		}
		if allotted.IsNegative() || allotted.GT(b.Owed) || b.Reserved.Add(allotted).GT(b.Balance) {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "books of %s: allotted %s not within owed %s, or reserved %s + allotted above the balance %s",
				denom, allotted, b.Owed, b.Reserved, b.Balance)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if !held.Equal(booked) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "account holds %s, books say %s", held, booked)
	}
	return nil
}
