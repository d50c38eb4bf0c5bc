package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextCompensationId: 1}
}

// Validate checks the params, each denom's books once and non-negative, that committed cover
// equals the sum of unclaimed policies' insured values and owed cover equals the claims' unpaid
// parts, and that compensations have ids below next_compensation_id.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	books := map[string]Books{}
	for _, b := range gs.Books {
		if err := sdk.ValidateDenom(b.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books denom: %v", err)
		}
		if _, dup := books[b.Denom]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books of %s listed twice", b.Denom)
		}
		if b.Balance.IsNil() || b.Committed.IsNil() || b.Owed.IsNil() || b.Reserved.IsNil() ||
			b.Balance.IsNegative() || b.Committed.IsNegative() || b.Owed.IsNegative() || b.Reserved.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books of %s: negative or missing amounts", b.Denom)
		}
		books[b.Denom] = b
	}
	committed := map[string]math.Int{}
	nfts := map[uint64]bool{}
	for _, p := range gs.Policies {
		if nfts[p.NftId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "policy of NFT %d listed twice", p.NftId)
		}
		nfts[p.NftId] = true
		if _, err := sdk.AccAddressFromBech32(p.Buyer); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "policy of NFT %d: buyer: %v", p.NftId, err)
		}
		if p.InsuredValue.IsNil() || !p.InsuredValue.IsPositive() || p.Premium.IsNil() || p.Premium.IsNegative() || p.TermDays == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "policy of NFT %d: insured value, premium or term invalid", p.NftId)
		}
		if _, ok := books[p.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "policy of NFT %d in %s, a denom without books", p.NftId, p.Denom)
		}
		if !p.Claimed {
			c, ok := committed[p.Denom]
			if !ok {
				c = math.ZeroInt()
			}
			committed[p.Denom] = c.Add(p.InsuredValue)
		}
	}
	owed := map[string]math.Int{}
	claimed := map[uint64]bool{}
	for _, c := range gs.Claims {
		if claimed[c.NftId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim of NFT %d listed twice", c.NftId)
		}
		claimed[c.NftId] = true
		if c.Cover.IsNil() || c.Paid.IsNil() || c.Paid.IsNegative() || c.Paid.GT(c.Cover) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim of NFT %d: paid above cover", c.NftId)
		}
		if _, ok := books[c.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim of NFT %d in %s, a denom without books", c.NftId, c.Denom)
		}
		o, ok := owed[c.Denom]
		if !ok {
			o = math.ZeroInt()
		}
		owed[c.Denom] = o.Add(c.Cover.Sub(c.Paid))
	}
	for _, b := range gs.Books {
		c, ok := committed[b.Denom]
		if !ok {
			c = math.ZeroInt()
		}
		if !c.Equal(b.Committed) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "committed cover of %s: books %s, policies %s", b.Denom, b.Committed, c)
		}
		o, ok := owed[b.Denom]
		if !ok {
			o = math.ZeroInt()
		}
		if !o.Equal(b.Owed) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "owed cover of %s: books %s, claims %s", b.Denom, b.Owed, o)
		}
	}
	reserved := map[string]math.Int{}
	ids := map[uint64]bool{}
	for _, c := range gs.Compensations {
		if c.Id == 0 || c.Id >= gs.NextCompensationId || ids[c.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "compensation id %d duplicated or not below next id %d", c.Id, gs.NextCompensationId)
		}
		ids[c.Id] = true
		if c.Amount.IsNil() || c.Paid.IsNil() || c.Paid.GT(c.Amount) || c.Paid.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "compensation %d: paid above amount", c.Id)
		}
		if _, ok := books[c.Denom]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "compensation %d in %s, a denom without books", c.Id, c.Denom)
		}
		r, ok := reserved[c.Denom]
		if !ok {
			r = math.ZeroInt()
		}
		reserved[c.Denom] = r.Add(c.Amount.Sub(c.Paid))
	}
	for _, b := range gs.Books {
		r, ok := reserved[b.Denom]
		if !ok {
			r = math.ZeroInt()
		}
		if !r.Equal(b.Reserved) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reserved of %s: books %s, compensations %s", b.Denom, b.Reserved, r)
		}
	}
	runs := map[uint64]bool{}
	for _, r := range gs.ClaimRuns {
		if runs[r.ProductId] || (r.Phase != 1 && r.Phase != 2) || r.TotalCover.IsNil() || r.PayNum.IsNil() || r.PayNum.GT(r.TotalCover) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d duplicated or invalid", r.ProductId)
		}
		runs[r.ProductId] = true
	}
	if gs.NextCompensationId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_compensation_id must be positive")
	}
	return nil
}
