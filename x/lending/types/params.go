package types

import (
	"slices"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// MaxBps is 100%.
const MaxBps = 10_000

// MaxForeclosureFailures is how many times a loan's foreclosure is tried before it is parked.
const MaxForeclosureFailures = 5

// ForeclosureRetry is how long after a failed foreclosure it is tried again.
const ForeclosureRetry = time.Hour

// DefaultParams: uusdt principal against aifil, a 10% fee on interest, terms up to 540 days,
// 7 days of grace, up to 100 loans per offer and 20 NFTs per request, 100 items per block and queue.
func DefaultParams() Params {
	return Params{
		PrincipalDenoms:      []string{"uusdt"},
		CollateralDenom:      "aifil",
		FeeBps:               1000,
		MaxTerm:              540 * 24 * time.Hour,
		Grace:                7 * 24 * time.Hour,
		MaxLoansPerOffer:     100,
		MaxNftsPerLoan:       20,
		ForeclosuresPerBlock: 100,
		ExpiriesPerBlock:     100,
	}
}

func (p Params) Validate() error {
	if len(p.PrincipalDenoms) == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "principal_denoms is empty")
	}
	for i, d := range p.PrincipalDenoms {
		if err := sdk.ValidateDenom(d); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "principal denom %q: %v", d, err)
		}
		if slices.Contains(p.PrincipalDenoms[:i], d) {
			return errorsmod.Wrapf(ErrInvalidParams, "principal denom %q listed twice", d)
		}
		if d == p.CollateralDenom {
			return errorsmod.Wrapf(ErrInvalidParams, "denom %q is both a principal and the collateral denom", d)
		}
	}
	if err := sdk.ValidateDenom(p.CollateralDenom); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "collateral denom %q: %v", p.CollateralDenom, err)
	}
	if p.FeeBps > MaxBps {
		return errorsmod.Wrapf(ErrInvalidParams, "fee_bps %d above 10000", p.FeeBps)
	}
	if p.MaxTerm <= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_term %s must be positive", p.MaxTerm)
	}
	if p.Grace < 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "grace %s is negative", p.Grace)
	}
	if p.MaxLoansPerOffer == 0 || p.MaxNftsPerLoan == 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_loans_per_offer %d and max_nfts_per_loan %d must be positive", p.MaxLoansPerOffer, p.MaxNftsPerLoan)
	}
	if p.ForeclosuresPerBlock == 0 || p.ExpiriesPerBlock == 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "foreclosures_per_block %d and expiries_per_block %d must be positive", p.ForeclosuresPerBlock, p.ExpiriesPerBlock)
	}
	return nil
}

// AcceptsPrincipal says whether denom may be lent.
func (p Params) AcceptsPrincipal(denom string) bool { return slices.Contains(p.PrincipalDenoms, denom) }

// Fee is fee_bps of an interest amount, rounded up (in the protocol's favour).
func Fee(interest math.Int, bps uint32) math.Int {
	n := interest.Mul(math.NewInt(int64(bps)))
	q := n.QuoRaw(MaxBps)
	if !q.MulRaw(MaxBps).Equal(n) {
		q = q.AddRaw(1)
	}
	return q
}

// Owed is what a loan still owes: principal + interest less what was repaid.
func (l Loan) Owed() math.Int {
	return l.Principal.Amount.Add(l.Interest).Sub(l.PrincipalRepaid).Sub(l.InterestRepaid)
}

// NewBooks is a denom's books with nothing locked.
func NewBooks(denom string) Books {
	return Books{Denom: denom, LockedPrincipal: math.ZeroInt(), Collateral: math.ZeroInt(), Held: math.ZeroInt()}
}

// Holding says whether a loan of this status still holds its collateral (and what is paid for
// its NFTs): active, or parked after failed foreclosures.
func Holding(s LoanStatus) bool {
	return s == LoanStatus_LOAN_STATUS_ACTIVE || s == LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED
}
