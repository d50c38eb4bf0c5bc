package types

import (
	"slices"
	"sort"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextOfferId: 1, NextRequestId: 1, NextLoanId: 1}
}

// LockedPrincipal is what an open offer holds: principal × loans it may still fund.
func (o Offer) LockedPrincipal() math.Int {
	return o.Principal.Amount.MulRaw(int64(o.MaxLoans - o.LoansMade))
}

func nonNeg(x math.Int) bool { return !x.IsNil() && !x.IsNegative() }

// Validate checks the params, every record, that ids are unique and below the next ids, that an
// NFT is collateral of at most one open request or active loan, and that the books equal the sums
// of what the records lock and hold (an active or parked loan's held coins).
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "params: %v", err)
	}
	if gs.NextOfferId == 0 || gs.NextRequestId == 0 || gs.NextLoanId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next ids start at 1")
	}
	want := map[string]Books{}
	add := func(denom string, principal, collateral, held math.Int) {
		b, ok := want[denom]
		if !ok {
			b = NewBooks(denom)
		}
		b.LockedPrincipal = b.LockedPrincipal.Add(principal)
		b.Collateral = b.Collateral.Add(collateral)
		b.Held = b.Held.Add(held)
		want[denom] = b
	}
	zero := math.ZeroInt()
	nfts := map[uint64]string{}
	claim := func(id uint64, who string) error {
		if prev, ok := nfts[id]; ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "NFT %d is collateral of %s and of %s", id, prev, who)
		}
		nfts[id] = who
		return nil
	}
	seen := map[uint64]bool{}
	for _, o := range gs.Offers {
		if o.Id == 0 || o.Id >= gs.NextOfferId || seen[o.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "offer id %d duplicated or not below next_offer_id %d", o.Id, gs.NextOfferId)
		}
		seen[o.Id] = true
		if o.Lender == "" || !o.Principal.IsValid() || !o.Principal.IsPositive() || !nonNeg(o.Interest) ||
			o.MaxLoans == 0 || o.LoansMade >= o.MaxLoans || o.Term <= 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "offer %d: lender %q, principal %s, interest %s, loans %d of %d, term %s",
				o.Id, o.Lender, o.Principal, o.Interest, o.LoansMade, o.MaxLoans, o.Term)
		}
		if err := o.validateListedProduct(); err != nil {
			return err
		}
		add(o.Principal.Denom, o.LockedPrincipal(), zero, zero)
	}
	seen = map[uint64]bool{}
	for _, r := range gs.Requests {
		if r.Id == 0 || r.Id >= gs.NextRequestId || seen[r.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "request id %d duplicated or not below next_request_id %d", r.Id, gs.NextRequestId)
		}
		seen[r.Id] = true
		if r.Borrower == "" || !r.Principal.IsValid() || !r.Principal.IsPositive() || !nonNeg(r.Interest) || !nonNeg(r.Ifil) ||
			(len(r.NftIds) == 0) == r.Ifil.IsZero() || r.Term <= 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "request %d: borrower %q, principal %s, interest %s, %d NFTs, IFIL %s, term %s",
				r.Id, r.Borrower, r.Principal, r.Interest, len(r.NftIds), r.Ifil, r.Term)
		}
		for _, n := range r.NftIds {
			if err := claim(n, "a request"); err != nil {
				return err
			}
		}
		add(gs.Params.CollateralDenom, zero, r.Ifil, zero)
	}
	seen = map[uint64]bool{}
	for _, l := range gs.Loans {
		if l.Id == 0 || l.Id >= gs.NextLoanId || seen[l.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan id %d duplicated or not below next_loan_id %d", l.Id, gs.NextLoanId)
		}
		seen[l.Id] = true
		if l.Borrower == "" || l.Lender == "" || !l.Principal.IsValid() || !l.Principal.IsPositive() || !nonNeg(l.Interest) ||
			!nonNeg(l.PrincipalRepaid) || !nonNeg(l.InterestRepaid) || !nonNeg(l.FeePaid) || !nonNeg(l.Ifil) ||
			l.PrincipalRepaid.GT(l.Principal.Amount) || l.InterestRepaid.GT(l.Interest) || l.FeePaid.GT(l.InterestRepaid) ||
			l.FeeBps > MaxBps || l.Maturity.Before(l.Start) || l.GraceEnd.Before(l.Maturity) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d: amounts or times out of order (principal %s repaid %s, interest %s repaid %s, fee %s)",
				l.Id, l.Principal, l.PrincipalRepaid, l.Interest, l.InterestRepaid, l.FeePaid)
		}
		if _, known := LoanStatus_name[int32(l.Status)]; !known || l.Status == LoanStatus_LOAN_STATUS_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d has no status (%s)", l.Id, l.Status)
		}
		if err := l.validateEarnedAtStart(); err != nil {
			return err
		}
		if err := l.Held.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d holds %s: %v", l.Id, l.Held, err)
		}
		if !l.Held.IsZero() && len(l.NftIds) == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d holds %s but has no NFTs (only NFTs are paid for)", l.Id, l.Held)
		}
		if Holding(l.Status) {
			for _, n := range l.NftIds {
				if err := claim(n, "an active loan"); err != nil {
					return err
				}
			}
			add(gs.Params.CollateralDenom, zero, l.Ifil, zero)
			for _, c := range l.Held {
				add(c.Denom, zero, zero, c.Amount)
			}
		}
	}
	got := map[string]bool{}
	for _, b := range gs.Books {
		if got[b.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books of %s twice", b.Denom)
		}
		got[b.Denom] = true
		w, ok := want[b.Denom]
		if !ok {
			w = NewBooks(b.Denom)
		}
		held := b.Held
		if held.IsNil() { // books exported before the held field
			held = zero
		}
		if !nonNeg(b.LockedPrincipal) || !nonNeg(b.Collateral) || !nonNeg(held) || !b.LockedPrincipal.Equal(w.LockedPrincipal) ||
			!b.Collateral.Equal(w.Collateral) || !held.Equal(w.Held) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books of %s say %s principal, %s collateral and %s held; the records lock %s and %s and hold %s",
				b.Denom, b.LockedPrincipal, b.Collateral, held, w.LockedPrincipal, w.Collateral, w.Held)
		}
	}
	denoms := make([]string, 0, len(want))
	for d := range want {
		denoms = append(denoms, d)
	}
	sort.Strings(denoms)
	for _, d := range denoms {
		w := want[d]
		if !got[d] && (!w.LockedPrincipal.IsZero() || !w.Collateral.IsZero() || !w.Held.IsZero()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "no books for %s; the records lock %s principal and %s collateral and hold %s", d, w.LockedPrincipal, w.Collateral, w.Held)
		}
	}
	return nil
}

// validateListedProduct: the product whose best-rate list holds the offer is the collateral's
// for PRODUCT offers, some product for NFT offers (the NFT's, which InitGenesis cannot check
// without x/hashnft), none for MINER and IFIL offers; the kind is a known one.
func (o Offer) validateListedProduct() error {
	c := o.Collateral
	ok := false
	switch c.Kind {
	case CollateralKind_COLLATERAL_KIND_PRODUCT:
		ok = c.ProductId != 0 && o.ProductId == c.ProductId
	case CollateralKind_COLLATERAL_KIND_NFT:
		ok = c.NftId != 0 && o.ProductId != 0
	case CollateralKind_COLLATERAL_KIND_MINER, CollateralKind_COLLATERAL_KIND_IFIL:
		ok = o.ProductId == 0
	default:
		ok = false
	}
	if !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "offer %d: %s collateral (product %d, NFT %d) listed under product %d",
			o.Id, c.Kind, c.ProductId, c.NftId, o.ProductId)
	}
	return nil
}

// validateEarnedAtStart: at most one entry per collateral NFT, each a valid coin.
func (l Loan) validateEarnedAtStart() error {
	seen := map[uint64]bool{}
	for _, e := range l.EarnedAtStart {
		if seen[e.NftId] || !slices.Contains(l.NftIds, e.NftId) || e.Earned.Validate() != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "loan %d: earned_at_start of NFT %d (%s) repeated, not its collateral or not a valid amount",
				l.Id, e.NftId, e.Earned)
		}
		seen[e.NftId] = true
	}
	return nil
}
