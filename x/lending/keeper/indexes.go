package keeper

import (
	"context"
	"encoding/binary"
	"errors"
	"math/big"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/dmexchain/dmex/x/lending/types"
)

// Indexes are the query indexes kept with the records: open offers by collateral kind and by rate
// (per product and for MINER offers), loans by status. They are derived from the records alone,
// written and removed in the same calls as the records (indexOffer/unindexOffer, setLoan), rebuilt
// from the records on genesis import and checked against them by CheckBooks.
type Indexes struct {
	// OffersByKind: (collateral kind, offer id).
	OffersByKind collections.KeySet[collections.Pair[int32, uint64]]
	// OffersByRate: (product id, principal denom, RateKey) for PRODUCT and NFT offers.
	OffersByRate collections.KeySet[collections.Triple[uint64, string, []byte]]
	// MinerOffersByRate: (principal denom, RateKey) for MINER offers, which match many products.
	MinerOffersByRate collections.KeySet[collections.Pair[string, []byte]]
	// LoansByStatus: (status, loan id).
	LoansByStatus collections.KeySet[collections.Pair[int32, uint64]]
}

func newIndexes(sb *collections.SchemaBuilder) Indexes {
	return Indexes{
		OffersByKind: collections.NewKeySet(sb, types.OffersByKindKey, "offers_by_kind",
			collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key)),
		OffersByRate: collections.NewKeySet(sb, types.OffersByRateKey, "offers_by_rate",
			collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, collections.BytesKey)),
		MinerOffersByRate: collections.NewKeySet(sb, types.MinerOffersByRateKey, "miner_offers_by_rate",
			collections.PairKeyCodec(collections.StringKey, collections.BytesKey)),
		LoansByStatus: collections.NewKeySet(sb, types.LoansByStatusKey, "loans_by_status",
			collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key)),
	}
}

// RateWidth is the width of a rate in a RateKey: ceil(interest × 10^18 / principal) of a 256-bit
// interest is below 2^316, so 40 bytes always hold it.
const RateWidth = 40

var rateScale = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// RateKey orders offers by interest per principal, lowest first, then by id: the rate
// ceil(interest × 10^18 / principal) (rounded up: an offer never sorts ahead of a cheaper one by
// rounding) as RateWidth big-endian bytes, then the offer id as 8 big-endian bytes. Both parts
// have a fixed width, so byte order is numeric order.
func RateKey(o types.Offer) ([]byte, error) {
	p := o.Principal.Amount
	if p.IsNil() || !p.IsPositive() || o.Interest.IsNil() || o.Interest.IsNegative() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "offer %d: no rate for interest %s on principal %s", o.Id, o.Interest, o.Principal)
	}
	num := new(big.Int).Mul(o.Interest.BigInt(), rateScale)
	den := p.BigInt()
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	if q.BitLen() > RateWidth*8 {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "offer %d: rate of interest %s on principal %s does not fit", o.Id, o.Interest, o.Principal)
	}
	key := make([]byte, RateWidth+8)
	q.FillBytes(key[:RateWidth])
	binary.BigEndian.PutUint64(key[RateWidth:], o.Id)
	return key, nil
}

// rateEntry is where offer o sits in a rate list: in a product's list (PRODUCT and NFT offers,
// under o.ProductId), in the MINER list, or in none (IFIL offers).
func rateEntry(o types.Offer) (product uint64, miner, listed bool) {
	switch o.Collateral.Kind {
	case types.CollateralKind_COLLATERAL_KIND_PRODUCT, types.CollateralKind_COLLATERAL_KIND_NFT:
		return o.ProductId, false, true
	case types.CollateralKind_COLLATERAL_KIND_MINER:
		return 0, true, true
	default:
		return 0, false, false
	}
}

// indexOffer adds an open offer to the kind and rate indexes.
func (k Keeper) indexOffer(ctx context.Context, o types.Offer) error {
	if err := k.Indexes.OffersByKind.Set(ctx, collections.Join(int32(o.Collateral.Kind), o.Id)); err != nil {
		return err
	}
	product, miner, listed := rateEntry(o)
	if !listed {
		return nil
	}
	rk, err := RateKey(o)
	if err != nil {
		return err
	}
	if miner {
		return k.Indexes.MinerOffersByRate.Set(ctx, collections.Join(o.Principal.Denom, rk))
	}
	return k.Indexes.OffersByRate.Set(ctx, collections.Join3(product, o.Principal.Denom, rk))
}

// unindexOffer takes a closed offer out of the indexes.
func (k Keeper) unindexOffer(ctx context.Context, o types.Offer) error {
	if err := k.Indexes.OffersByKind.Remove(ctx, collections.Join(int32(o.Collateral.Kind), o.Id)); err != nil {
		return err
	}
	product, miner, listed := rateEntry(o)
	if !listed {
		return nil
	}
	rk, err := RateKey(o)
	if err != nil {
		return err
	}
	if miner {
		return k.Indexes.MinerOffersByRate.Remove(ctx, collections.Join(o.Principal.Denom, rk))
	}
	return k.Indexes.OffersByRate.Remove(ctx, collections.Join3(product, o.Principal.Denom, rk))
}

// setLoan writes a loan and keeps LoansByStatus with it: every write of a loan goes through here,
// so the index follows every status change.
func (k Keeper) setLoan(ctx context.Context, l types.Loan) error {
	old, err := k.Loans.Get(ctx, l.Id)
	switch {
	case err == nil:
		if old.Status != l.Status {
			if err := k.Indexes.LoansByStatus.Remove(ctx, collections.Join(int32(old.Status), l.Id)); err != nil {
				return err
			}
		}
	case !errors.Is(err, collections.ErrNotFound):
		return err
	}
	if err := k.Indexes.LoansByStatus.Set(ctx, collections.Join(int32(l.Status), l.Id)); err != nil {
		return err
	}
	return k.Loans.Set(ctx, l.Id, l)
}

// checkIndexes: the indexes hold exactly the entries the records give (for CheckBooks: a walk over
// every record and index).
func (k Keeper) checkIndexes(ctx context.Context) error {
	kinds, rates, miners, statuses := 0, 0, 0, 0
	err := k.Offers.Walk(ctx, nil, func(id uint64, o types.Offer) (bool, error) {
		if ok, err := k.Indexes.OffersByKind.Has(ctx, collections.Join(int32(o.Collateral.Kind), id)); err != nil || !ok {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "offer %d is not in the kind index (%v)", id, err)
		}
		kinds++
		product, miner, listed := rateEntry(o)
		if !listed {
			return false, nil
		}
		rk, err := RateKey(o)
		if err != nil {
			return true, err
		}
		var ok bool
		if miner {
			ok, err = k.Indexes.MinerOffersByRate.Has(ctx, collections.Join(o.Principal.Denom, rk))
			miners++
		} else {
			ok, err = k.Indexes.OffersByRate.Has(ctx, collections.Join3(product, o.Principal.Denom, rk))
			rates++
		}
		if err != nil || !ok {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "offer %d is not in the rate index (%v)", id, err)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.Loans.Walk(ctx, nil, func(id uint64, l types.Loan) (bool, error) {
		if ok, err := k.Indexes.LoansByStatus.Has(ctx, collections.Join(int32(l.Status), id)); err != nil || !ok {
			return true, errorsmod.Wrapf(types.ErrBooksMismatch, "loan %d (%s) is not in the status index (%v)", id, l.Status, err)
		}
		statuses++
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, c := range []struct {
		name      string
		n         func() (int, error)
		fromItems int
	}{
		{"offers_by_kind", func() (int, error) { return count(ctx, k.Indexes.OffersByKind) }, kinds},
		{"offers_by_rate", func() (int, error) { return count(ctx, k.Indexes.OffersByRate) }, rates},
		{"miner_offers_by_rate", func() (int, error) { return count(ctx, k.Indexes.MinerOffersByRate) }, miners},
		{"loans_by_status", func() (int, error) { return count(ctx, k.Indexes.LoansByStatus) }, statuses},
	} {
		n, err := c.n()
		if err != nil {
			return err
		}
		if n != c.fromItems {
			return errorsmod.Wrapf(types.ErrBooksMismatch, "index %s has %d entries; the records give %d", c.name, n, c.fromItems)
		}
	}
	return nil
}

func count[K any](ctx context.Context, ks collections.KeySet[K]) (int, error) {
	n := 0
	err := ks.Walk(ctx, nil, func(K) (bool, error) {
		n++
		return false, nil
	})
	return n, err
}
