package keeper

import (
	"bytes"
	"context"
	"errors"
	stdmath "math"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// BeforeProductTerminated (x/escrow's TerminationHooks) opens the product's claim run if any of
// its NFTs is insured: O(1), never fails the termination for want of funds. The claims are
// recorded and paid by the rounds of the following blocks, after the termination (and the
// escrow's refund set-up) took effect.
func (k Keeper) BeforeProductTerminated(ctx context.Context, productID uint64) error {
	it, err := k.PolicyByProduct.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](productID))
	if err != nil {
		return err
	}
	defer it.Close()
	if !it.Valid() {
		return nil
	}
	key, err := it.Key()
	if err != nil {
		return err
	}
	p, err := k.Policies.Get(ctx, key.K2())
	if err != nil {
		return err
	}
	return k.ClaimRuns.Set(ctx, productID, types.ClaimRun{ProductId: productID, Denom: p.Denom, Phase: 1, TotalCover: math.ZeroInt(), PayNum: math.ZeroInt(), Paid: math.ZeroInt()})
}

// CoverOf is insured × (unpaid days beyond unpaid_days_at_start) / term days, capped at the
// insured value, rounded down; zero before the cover start day. unpaid_days_at_start is the
// counter at cover start once the policy's snapshot is taken (takeSnapshots), until then the
// purchase-time upper bound.
func CoverOf(p types.Policy, r types.ProductRisk, day uint64) math.Int {
	if day < p.CoverStartDay || r.UnpaidDays <= p.UnpaidDaysAtStart {
		return math.ZeroInt()
	}
	return types.Cover(p.InsuredValue, uint64(r.UnpaidDays-p.UnpaidDaysAtStart), uint64(p.TermDays))
}

// ProcessRounds is the block hook: at most rounds_per_block steps, in priority order: the
// snapshots at cover start first (a claim must not be recorded from a policy whose snapshot is
// due), then owed cover, then claim runs, then compensations (a product's compensation waits for
// its claims), then the expiry sweep. It returns an error only on a store failure; the caller
// logs it.
func (k Keeper) ProcessRounds(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	budget := int(params.RoundsPerBlock)
	if err := k.takeSnapshots(ctx, &budget); err != nil {
		return err
	}
	bb := &blockBooks{k: k}
	if err := k.payOwed(ctx, bb, &budget); err != nil {
		return err
	}
	if err := k.runClaims(ctx, bb, &budget); err != nil {
		return err
	}
	if err := k.runCompensations(ctx, bb, &budget); err != nil {
		return err
	}
	if err := k.sweepExpired(ctx, bb, &budget); err != nil {
		return err
	}
	return bb.write(ctx)
}

// blockBooks is a block's copy of the books its rounds use: each denom's books are read once,
// changed in memory and written once, at the end of the block, if they changed. Rewriting them
// for every claim or payment cost store gas per step that grew with the digits of the fund's
// amounts (and so with the size of the products). Nothing the rounds call (the NFT registry,
// x/escrow's risk reader, the bank) reads or writes the books.
type blockBooks struct {
	k     Keeper
	books []*types.Books // in the order first read
	read  [][]byte       // each as read
}

func (bb *blockBooks) get(ctx context.Context, denom string) (*types.Books, error) {
	for _, b := range bb.books {
		if b.Denom == denom {
			return b, nil
		}
	}
	b, err := bb.k.books(ctx, denom)
	if err != nil {
		return nil, err
	}
	bz, err := bb.k.cdc.Marshal(&b)
	if err != nil {
		return nil, err
	}
	bb.books, bb.read = append(bb.books, &b), append(bb.read, bz)
	return &b, nil
}

func (bb *blockBooks) write(ctx context.Context) error {
	for i, b := range bb.books {
		bz, err := bb.k.cdc.Marshal(b)
		if err != nil {
			return err
		}
		if bytes.Equal(bz, bb.read[i]) {
			continue
		}
		if err := bb.k.Books.Set(ctx, b.Denom, *b); err != nil {
			return err
		}
	}
	return nil
}

// payForNFT pays amt of b's denom for NFT nftID to payee (PayeeOf's answer, now or when the claim
// was recorded) through x/hashnft's PayNFTHolder, the one path for a termination payment: an NFT
// held as collateral of an active loan is paid to its custodian (x/lending), which keeps it with
// the loan, or passes it on if the loan closed since. It debits the balance of b.
func (k Keeper) payForNFT(ctx context.Context, b *types.Books, nftID uint64, payee string, amt math.Int) error {
	if !amt.IsPositive() {
		return nil
	}
	if b.Balance.LT(amt) {
		return errorsmod.Wrapf(types.ErrBooksMismatch, "pay %s%s from a balance of %s", amt, b.Denom, b.Balance)
	}
	if err := k.nfts.PayNFTHolder(ctx, nftID, payee, sdk.NewCoins(sdk.NewCoin(b.Denom, amt)), k.sendFromFund); err != nil {
		return err
	}
	b.Balance = b.Balance.Sub(amt)
	return nil
}

// sendFromFund is the fund's payment path for PayNFTHolder.
func (k Keeper) sendFromFund(ctx context.Context, to sdk.AccAddress, toModule string, coins sdk.Coins) error {
	if toModule != "" {
		return k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, toModule, coins)
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, coins)
}

// takeSnapshots replaces the purchase-time upper bound of unpaid_days_at_start by the product's
// unpaid-day counter at cover start, for the queued policies whose cover_start_day has come, in
// (cover_start_day, NFT id) order; at most *budget entries are looked at. The counter moves only
// at the product's day closes, and in a block x/escrow's closes run before these rounds, so it is
// the counter at cover start from the close of cover_start_day (ClosedThrough == cover_start_day)
// until the next close; a policy whose product has not closed that day yet stays queued. A
// terminated product's counter is final: it is taken as it is (if its closes never reached
// cover_start_day, no covered day was closed and the cover is zero). A policy of an expired
// product (the sweep ends it) or of a product that cannot be read keeps the upper bound, in the
// protocol's favour (and the rounds are not stuck); either way the policy is then cover_started
// and leaves the queue, as does an entry whose policy is gone or claimed.
func (k Keeper) takeSnapshots(ctx context.Context, budget *int) error {
	if *budget <= 0 {
		return nil
	}
	day, err := k.risk.CurrentDay(ctx)
	if err != nil {
		return err
	}
	rng := new(collections.Range[collections.Pair[uint64, uint64]]).EndInclusive(collections.Join(day, uint64(stdmath.MaxUint64)))
	var keys []collections.Pair[uint64, uint64]
	err = k.StartQueue.Walk(ctx, rng, func(key collections.Pair[uint64, uint64]) (bool, error) {
		keys = append(keys, key)
		return len(keys) >= *budget, nil
	})
	if err != nil {
		return err
	}
	for _, key := range keys {
		*budget--
		p, err := k.Policies.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			if err := k.StartQueue.Remove(ctx, key); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if awaitsStart(p) && p.CoverStartDay == key.K1() {
			r, err := k.risk.ProductRisk(ctx, p.ProductId)
			open := err == nil && (r.Status == types.StatusActive || r.Status == types.StatusSuspended)
			switch {
			case open && r.ClosedThrough < p.CoverStartDay:
				continue // its close of cover_start_day has not run yet: a later block
			case open || (err == nil && r.Status == types.StatusTerminated):
				p.UnpaidDaysAtStart = r.UnpaidDays
			case err != nil:
				sdk.UnwrapSDKContext(ctx).Logger().Error("riskfund: product unreadable at cover start; the policy keeps its upper bound",
					"nft", p.NftId, "product", p.ProductId, "err", err)
			}
			p.CoverStarted = true
			if err := k.Policies.Set(ctx, p.NftId, p); err != nil {
				return err
			}
		}
		if err := k.StartQueue.Remove(ctx, key); err != nil {
			return err
		}
	}
	return nil
}

// available is what owed cover and a new claim run may draw on in a denom: the balance less
// accepted compensations and less what is allotted to claim runs in phase 2.
func available(b types.Books) math.Int {
	return nonNegative(b.Balance.Sub(b.Reserved).Sub(b.Allotted))
}

func nonNegative(a math.Int) math.Int {
	if a.IsNegative() {
		return math.ZeroInt()
	}
	return a
}

// payClaim pays amt of a claim's cover from b (the claim's denom's books); allotted says it is a
// phase-2 payment, drawn on the run's allotment.
func (k Keeper) payClaim(ctx context.Context, b *types.Books, c *types.Claim, amt math.Int, allotted bool) error {
	if !amt.IsPositive() {
		return nil
	}
	if err := k.payForNFT(ctx, b, c.NftId, c.Recipient, amt); err != nil {
		return err
	}
	b.Owed = b.Owed.Sub(amt)
	if allotted {
		b.Allotted = b.Allotted.Sub(amt)
	}
	c.Paid = c.Paid.Add(amt)
	return nil
}

// payOwed pays claims still owed, in (product, NFT) order, from what the fund holds of the denom
// for them (available). The claims of a product whose claim run is still open are skipped: the
// run pays each of them its pro-rata share first. At most *budget entries are looked at (an owed
// claim, or a product skipped in one seek).
func (k Keeper) payOwed(ctx context.Context, bb *blockBooks, budget *int) error {
	keys, err := k.owedToPay(ctx, *budget)
	if err != nil {
		return err
	}
	for _, key := range keys {
		c, err := k.Claims.Get(ctx, key)
		if err != nil {
			return err
		}
		b, err := bb.get(ctx, c.Denom)
		if err != nil {
			return err
		}
		avail := available(*b)
		if !avail.IsPositive() {
			continue // nothing in this denom yet: costs no budget
		}
		*budget--
		amt := math.MinInt(c.Cover.Sub(c.Paid), avail)
		if err := k.payClaim(ctx, b, &c, amt, false); err != nil {
			return err
		}
		if err := k.Claims.Set(ctx, key, c); err != nil {
			return err
		}
		if c.Paid.Equal(c.Cover) {
			if err := k.OwedClaims.Remove(ctx, key); err != nil {
				return err
			}
		}
		if err := k.emit(ctx, &types.EventClaimPaid{ProductId: c.ProductId, NftId: c.NftId, Recipient: c.Recipient,
			Amount: sdk.NewCoin(c.Denom, amt).String(), Owed: sdk.NewCoin(c.Denom, c.Cover.Sub(c.Paid)).String()}); err != nil {
			return err
		}
	}
	return nil
}

// owedToPay lists, in order, up to limit owed claims of products without an open claim run.
func (k Keeper) owedToPay(ctx context.Context, limit int) ([]collections.Pair[uint64, uint64], error) {
	var keys []collections.Pair[uint64, uint64]
	var rng collections.Ranger[collections.Pair[uint64, uint64]]
	looked, product, known, open := 0, uint64(0), false, false
	for looked < limit {
		skipping := false
		err := k.OwedClaims.Walk(ctx, rng, func(key collections.Pair[uint64, uint64]) (bool, error) {
			if looked >= limit {
				return true, nil
			}
			looked++
			if !known || key.K1() != product {
				has, err := k.ClaimRuns.Has(ctx, key.K1())
				if err != nil {
					return true, err
				}
				product, known, open = key.K1(), true, has
			}
			if open {
				skipping = true
				return true, nil
			}
			keys = append(keys, key)
			return false, nil
		})
		if err != nil {
			return nil, err
		}
		if !skipping || product == stdmath.MaxUint64 {
			break
		}
		rng = new(collections.Range[collections.Pair[uint64, uint64]]).StartInclusive(collections.Join(product+1, uint64(0)))
	}
	return keys, nil
}

func (k Keeper) runClaims(ctx context.Context, bb *blockBooks, budget *int) error {
	var runs []types.ClaimRun
	err := k.ClaimRuns.Walk(ctx, nil, func(_ uint64, r types.ClaimRun) (bool, error) {
		runs = append(runs, r)
		return len(runs) >= *budget, nil
	})
	if err != nil {
		return err
	}
	for _, run := range runs {
		if *budget <= 0 {
			return nil
		}
		if run.Paid.IsNil() {
			run.Paid = math.ZeroInt()
		}
		var err error
		if run.Phase == 1 {
			err = k.recordClaims(ctx, bb, &run, budget)
		} else {
			err = k.payClaims(ctx, bb, &run, budget)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// recordClaims (phase 1) turns each policy of the product into a claim: committed cover is
// released, the claim's cover becomes owed, the total is summed.
func (k Keeper) recordClaims(ctx context.Context, bb *blockBooks, run *types.ClaimRun, budget *int) error {
	risk, err := k.risk.ProductRisk(ctx, run.ProductId)
	if err != nil {
		return err
	}
	day, err := k.risk.CurrentDay(ctx)
	if err != nil {
		return err
	}
	rng := collections.NewPrefixedPairRange[uint64, uint64](run.ProductId)
	if run.Cursor > 0 {
		rng = rng.StartExclusive(run.Cursor)
	}
	var ids []uint64
	done := true
	err = k.PolicyByProduct.Walk(ctx, rng, func(key collections.Pair[uint64, uint64]) (bool, error) {
		if len(ids) >= *budget {
			done = false
			return true, nil
		}
		ids = append(ids, key.K2())
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		*budget--
		p, err := k.Policies.Get(ctx, id)
		if err != nil {
			return err
		}
		run.Cursor = id
		if p.Claimed {
			continue
		}
		cover := CoverOf(p, risk, day)
		if awaitsStart(p) { // not started yet: the cover is zero (takeSnapshots ran first)
			if err := k.StartQueue.Remove(ctx, startKey(p)); err != nil {
				return err
			}
		}
		p.Claimed = true
		if err := k.Policies.Set(ctx, id, p); err != nil {
			return err
		}
		b, err := bb.get(ctx, p.Denom)
		if err != nil {
			return err
		}
		b.Committed = b.Committed.Sub(p.InsuredValue)
		b.Owed = b.Owed.Add(cover)
		if !cover.IsPositive() {
			continue
		}
		n, err := k.nfts.GetNFT(ctx, id)
		if err != nil {
			return err
		}
		// The recipient is decided now: the owner, or the custodian of an NFT held as collateral
		// of an active loan (which keeps what is paid with the loan, or passes it on to whoever got
		// the NFT if the loan has closed by the time it is paid).
		recipient, err := k.nfts.PayeeOf(ctx, n)
		if err != nil {
			return err
		}
		c := types.Claim{ProductId: p.ProductId, NftId: id, Recipient: recipient, Denom: p.Denom, Cover: cover, Paid: math.ZeroInt()}
		if err := k.Claims.Set(ctx, collections.Join(p.ProductId, id), c); err != nil {
			return err
		}
		run.TotalCover = run.TotalCover.Add(cover)
		if err := k.emit(ctx, &types.EventClaimRecorded{ProductId: c.ProductId, NftId: id, Recipient: c.Recipient, Cover: sdk.NewCoin(c.Denom, cover).String()}); err != nil {
			return err
		}
	}
	if done {
		// Phase 2's ratio: what the fund holds for claims (not allotted to other runs), after the
		// cover owed before this product that no run has allotted. The pay_num is allotted to
		// this run: nothing else draws on it until phase 2 ends.
		if run.TotalCover.IsZero() {
			return k.ClaimRuns.Remove(ctx, run.ProductId)
		}
		b, err := bb.get(ctx, run.Denom)
		if err != nil {
			return err
		}
		before := nonNegative(b.Owed.Sub(b.Allotted).Sub(run.TotalCover))
		payNum := math.MinInt(nonNegative(available(*b).Sub(before)), run.TotalCover)
		run.Phase, run.Cursor, run.PayNum, run.Paid = 2, 0, payNum, math.ZeroInt()
		b.Allotted = b.Allotted.Add(payNum)
	}
	return k.ClaimRuns.Set(ctx, run.ProductId, *run)
}

// phase2Amount is a claim's share cover × pay_num / total_cover (rounded down: the shares never
// add up to more than pay_num), capped, as a last guard, at what the run has left allotted and
// at what the books can pay without touching accepted compensations: a round never fails.
func phase2Amount(run types.ClaimRun, c types.Claim, b types.Books) math.Int {
	amt := c.Cover.Mul(run.PayNum).Quo(run.TotalCover)
	amt = math.MinInt(amt, c.Cover.Sub(c.Paid))
	amt = math.MinInt(amt, run.PayNum.Sub(run.Paid))
	amt = math.MinInt(amt, b.Allotted)
	amt = math.MinInt(amt, b.Balance.Sub(b.Reserved))
	return nonNegative(amt)
}

// payClaims (phase 2) pays each claim its share of the run's allotment (phase2Amount); the rest
// of the claim stays owed. At the end, what rounding left of the allotment is released.
func (k Keeper) payClaims(ctx context.Context, bb *blockBooks, run *types.ClaimRun, budget *int) error {
	rng := collections.NewPrefixedPairRange[uint64, uint64](run.ProductId)
	if run.Cursor > 0 {
		rng = rng.StartExclusive(run.Cursor)
	}
	var claims []types.Claim
	done := true
	err := k.Claims.Walk(ctx, rng, func(_ collections.Pair[uint64, uint64], c types.Claim) (bool, error) {
		if len(claims) >= *budget {
			done = false
			return true, nil
		}
		claims = append(claims, c)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, c := range claims {
		*budget--
		run.Cursor = c.NftId
		b, err := bb.get(ctx, c.Denom)
		if err != nil {
			return err
		}
		amt := phase2Amount(*run, c, *b)
		if err := k.payClaim(ctx, b, &c, amt, true); err != nil {
			return err
		}
		run.Paid = run.Paid.Add(amt)
		key := collections.Join(c.ProductId, c.NftId)
		if err := k.Claims.Set(ctx, key, c); err != nil {
			return err
		}
		if c.Paid.LT(c.Cover) {
			if err := k.OwedClaims.Set(ctx, key); err != nil {
				return err
			}
		}
		if err := k.emit(ctx, &types.EventClaimPaid{ProductId: c.ProductId, NftId: c.NftId, Recipient: c.Recipient,
			Amount: sdk.NewCoin(c.Denom, amt).String(), Owed: sdk.NewCoin(c.Denom, c.Cover.Sub(c.Paid)).String()}); err != nil {
			return err
		}
	}
	if done {
		b, err := bb.get(ctx, run.Denom)
		if err != nil {
			return err
		}
		b.Allotted = b.Allotted.Sub(math.MinInt(nonNegative(run.PayNum.Sub(run.Paid)), b.Allotted))
		return k.ClaimRuns.Remove(ctx, run.ProductId)
	}
	return k.ClaimRuns.Set(ctx, run.ProductId, *run)
}

// Share is an NFT's part of a compensation: amount / n, plus one base unit for serials 1..(amount
// mod n), so that the parts over serials 1..n add up exactly to the amount.
func Share(amount math.Int, n, serial uint64) math.Int {
	if n == 0 {
		return math.ZeroInt()
	}
	nn := math.NewIntFromUint64(n)
	q := amount.Quo(nn)
	if math.NewIntFromUint64(serial).LTE(amount.Sub(q.Mul(nn))) {
		q = q.AddRaw(1)
	}
	return q
}

func (k Keeper) runCompensations(ctx context.Context, bb *blockBooks, budget *int) error {
	var ids []uint64
	err := k.CompQueue.Walk(ctx, nil, func(id uint64) (bool, error) {
		ids = append(ids, id)
		return len(ids) >= *budget, nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if *budget <= 0 {
			return nil
		}
		c, err := k.Compensations.Get(ctx, id)
		if err != nil {
			return err
		}
		if has, err := k.ClaimRuns.Has(ctx, c.ProductId); err != nil || has {
			if err != nil {
				return err
			}
			continue // insured claims first
		}
		done := true
		var nfts []hashnfttypes.NFT
		err = k.nfts.WalkProductNFTs(ctx, c.ProductId, c.Cursor, func(n hashnfttypes.NFT) (bool, error) {
			if len(nfts) >= *budget {
				done = false
				return true, nil
			}
			nfts = append(nfts, n)
			return false, nil
		})
		if err != nil {
			return err
		}
		for _, n := range nfts {
			*budget--
			c.Cursor = n.Id
			amt := Share(c.Amount, uint64(c.NftCount), n.Serial)
			amt = math.MinInt(amt, c.Amount.Sub(c.Paid))
			if !amt.IsPositive() {
				continue
			}
			payee, err := k.nfts.PayeeOf(ctx, n)
			if err != nil {
				return err
			}
			b, err := bb.get(ctx, c.Denom)
			if err != nil {
				return err
			}
			if err := k.payForNFT(ctx, b, n.Id, payee, amt); err != nil {
				return err
			}
			b.Reserved = b.Reserved.Sub(amt)
			c.Paid = c.Paid.Add(amt)
			if err := k.emit(ctx, &types.EventCompensationPaid{Id: c.Id, ProductId: c.ProductId, NftId: n.Id, Recipient: payee, Amount: sdk.NewCoin(c.Denom, amt).String()}); err != nil {
				return err
			}
		}
		if done {
			// Whatever no NFT took (none should be left: the parts add up) is released.
			if left := c.Amount.Sub(c.Paid); left.IsPositive() {
				b, err := bb.get(ctx, c.Denom)
				if err != nil {
					return err
				}
				b.Reserved = b.Reserved.Sub(left)
				c.Amount = c.Paid
			}
			if err := k.CompQueue.Remove(ctx, id); err != nil {
				return err
			}
		}
		if err := k.Compensations.Set(ctx, id, c); err != nil {
			return err
		}
	}
	return nil
}

// sweepExpired visits policies from a cursor and ends those of expired products, releasing their
// committed cover. A policy of a terminated product is left to its claim run.
func (k Keeper) sweepExpired(ctx context.Context, bb *blockBooks, budget *int) error {
	if *budget <= 0 {
		return nil
	}
	cursor, err := k.PolicyCursor.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	var ps []types.Policy
	var rng collections.Ranger[uint64]
	if cursor > 0 {
		rng = new(collections.Range[uint64]).StartExclusive(cursor)
	}
	wrapped := true
	err = k.Policies.Walk(ctx, rng, func(_ uint64, p types.Policy) (bool, error) {
		if len(ps) >= *budget {
			wrapped = false
			return true, nil
		}
		ps = append(ps, p)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, p := range ps {
		*budget--
		cursor = p.NftId
		if p.Claimed {
			continue
		}
		r, err := k.risk.ProductRisk(ctx, p.ProductId)
		if err != nil {
			return err
		}
		if r.Status != types.StatusExpired {
			continue
		}
		b, err := bb.get(ctx, p.Denom)
		if err != nil {
			return err
		}
		b.Committed = b.Committed.Sub(p.InsuredValue)
		if err := k.removePolicy(ctx, p); err != nil {
			return err
		}
	}
	if wrapped {
		return k.PolicyCursor.Remove(ctx) // from the start next time; no cursor stored
	}
	return k.PolicyCursor.Set(ctx, cursor)
}
