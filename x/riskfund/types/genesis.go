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
// equals the sum of unclaimed policies' insured values, owed cover the claims' unpaid parts,
// reserved the compensations' unpaid parts and allotted the unpaid parts of the pay_nums of
// claim runs in phase 2 (with reserved + allotted <= balance), that each claim run's totals are
// its product's claims' sums and its cursor agrees with them, and that compensations have ids
// below next_compensation_id.
// NewBooks are the books of a denom the fund never held: every amount zero.
func NewBooks(denom string) Books {
	return Books{Denom: denom, Balance: math.ZeroInt(), Committed: math.ZeroInt(), Owed: math.ZeroInt(),
		Reserved: math.ZeroInt(), Allotted: math.ZeroInt()}
}

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
		if b.Balance.IsNil() || b.Committed.IsNil() || b.Owed.IsNil() || b.Reserved.IsNil() || b.Allotted.IsNil() ||
			b.Balance.IsNegative() || b.Committed.IsNegative() || b.Owed.IsNegative() || b.Reserved.IsNegative() || b.Allotted.IsNegative() {
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
	runs, err := gs.validateRuns(books)
	if err != nil {
		return err
	}
	runCover, runPaid := map[uint64]math.Int{}, map[uint64]math.Int{}
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
		if r, ok := runs[c.ProductId]; ok {
			if err := claimOfRun(c, r); err != nil {
				return err
			}
			runCover[c.ProductId] = add(runCover[c.ProductId], c.Cover)
			runPaid[c.ProductId] = add(runPaid[c.ProductId], c.Paid)
		}
	}
	allotted := map[string]math.Int{}
	for _, r := range gs.ClaimRuns {
		if cv := orZero(runCover[r.ProductId]); !cv.Equal(r.TotalCover) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d: total cover %s, its claims' cover %s", r.ProductId, r.TotalCover, cv)
		}
		if pd := orZero(runPaid[r.ProductId]); !pd.Equal(r.Paid) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d: paid %s, its claims' paid %s", r.ProductId, r.Paid, pd)
		}
		if r.Phase == 2 {
			allotted[r.Denom] = add(allotted[r.Denom], r.PayNum.Sub(r.Paid))
		}
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
		if a := orZero(allotted[b.Denom]); !a.Equal(b.Allotted) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "allotted of %s: books %s, claim runs in phase 2 %s", b.Denom, b.Allotted, a)
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
		if b.Reserved.Add(b.Allotted).GT(b.Balance) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "books of %s: reserved %s + allotted %s above the balance %s", b.Denom, b.Reserved, b.Allotted, b.Balance)
		}
	}
	if gs.NextCompensationId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_compensation_id must be positive")
	}
	return nil
}

// validateRuns checks each claim run on its own: listed once, phase 1 or 2, amounts present
// with 0 <= paid <= pay_num <= total_cover, and nothing decided or paid yet in phase 1.
func (gs GenesisState) validateRuns(books map[string]Books) (map[uint64]ClaimRun, error) {
	runs := map[uint64]ClaimRun{}
	for _, r := range gs.ClaimRuns {
		if _, dup := runs[r.ProductId]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d listed twice", r.ProductId)
		}
		if r.Phase != 1 && r.Phase != 2 {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d in phase %d, not 1 or 2", r.ProductId, r.Phase)
		}
		if r.TotalCover.IsNil() || r.PayNum.IsNil() || r.Paid.IsNil() || r.Paid.IsNegative() || r.PayNum.LT(r.Paid) || r.TotalCover.LT(r.PayNum) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d: paid %s, pay_num %s, total cover %s not 0 <= paid <= pay_num <= total",
				r.ProductId, r.Paid, r.PayNum, r.TotalCover)
		}
		if r.Phase == 1 && (!r.PayNum.IsZero() || !r.Paid.IsZero()) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d in phase 1 with pay_num %s, paid %s", r.ProductId, r.PayNum, r.Paid)
		}
		if _, ok := books[r.Denom]; !ok {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "claim run of product %d in %s, a denom without books", r.ProductId, r.Denom)
		}
		runs[r.ProductId] = r
	}
	return runs, nil
}

// claimOfRun checks a claim against its product's open run: same denom; in phase 1 recorded at
// or before the cursor; in phase 2 nothing paid beyond the cursor.
func claimOfRun(c Claim, r ClaimRun) error {
	if c.Denom != r.Denom {
		return errorsmod.Wrapf(ErrInvalidGenesis, "claim of NFT %d in %s, its claim run in %s", c.NftId, c.Denom, r.Denom)
	}
	if r.Phase == 1 && c.NftId > r.Cursor {
		return errorsmod.Wrapf(ErrInvalidGenesis, "claim of NFT %d beyond the cursor %d of its claim run in phase 1", c.NftId, r.Cursor)
	}
	if r.Phase == 2 && c.NftId > r.Cursor && !c.Paid.IsZero() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "claim of NFT %d paid %s beyond the cursor %d of its claim run in phase 2", c.NftId, c.Paid, r.Cursor)
	}
	return nil
}

// orZero reads a missing (nil) sum as zero.
func orZero(a math.Int) math.Int {
	if a.IsNil() {
		return math.ZeroInt()
	}
	return a
}

func add(a, b math.Int) math.Int { return orZero(a).Add(b) }
