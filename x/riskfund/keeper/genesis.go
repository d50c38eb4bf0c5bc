package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

// InitGenesis writes the books, policies (with their indexes), claims (owed ones indexed, see
// owedClaim), compensations (open ones queued) and claim runs.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, b := range gs.Books {
		if err := k.Books.Set(ctx, b.Denom, b); err != nil {
			return err
		}
	}
	for _, p := range gs.Policies {
		if err := k.setPolicy(ctx, p); err != nil {
			return err
		}
	}
	for _, c := range gs.Claims {
		key := collections.Join(c.ProductId, c.NftId)
		if err := k.Claims.Set(ctx, key, c); err != nil {
			return err
		}
		if owedClaim(c, gs.ClaimRuns) {
			if err := k.OwedClaims.Set(ctx, key); err != nil {
				return err
			}
		}
	}
	for _, c := range gs.Compensations {
		if err := k.Compensations.Set(ctx, c.Id, c); err != nil {
			return err
		}
		if err := k.CompByProduct.Set(ctx, collections.Join(c.ProductId, c.Id)); err != nil {
			return err
		}
		if c.Paid.LT(c.Amount) {
			if err := k.CompQueue.Set(ctx, c.Id); err != nil {
				return err
			}
		}
	}
	for _, r := range gs.ClaimRuns {
		if err := k.ClaimRuns.Set(ctx, r.ProductId, r); err != nil {
			return err
		}
	}
	if gs.PolicyCursor > 0 {
		if err := k.PolicyCursor.Set(ctx, gs.PolicyCursor); err != nil {
			return err
		}
	}
	return k.NextCompID.Set(ctx, gs.NextCompensationId)
}

// owedClaim says whether a claim is in OwedClaims, as the rounds leave it: cover still owed, and
// its product's claim run over, or in phase 2 and past the claim (the run paid its share).
func owedClaim(c types.Claim, runs []types.ClaimRun) bool {
	if !c.Paid.LT(c.Cover) {
		return false
	}
	r, running := runOf(runs, c.ProductId)
	return !running || (r.Phase == 2 && r.Cursor > 0 && c.NftId <= r.Cursor)
}

func runOf(runs []types.ClaimRun, product uint64) (types.ClaimRun, bool) {
	for _, r := range runs {
		if r.ProductId == product {
			return r, true
		}
	}
	return types.ClaimRun{}, false
}

func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if err := k.Books.Walk(ctx, nil, func(_ string, b types.Books) (bool, error) {
		gs.Books = append(gs.Books, b)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Policies.Walk(ctx, nil, func(_ uint64, p types.Policy) (bool, error) {
		gs.Policies = append(gs.Policies, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Claims.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], c types.Claim) (bool, error) {
		gs.Claims = append(gs.Claims, c)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Compensations.Walk(ctx, nil, func(_ uint64, c types.Compensation) (bool, error) {
		gs.Compensations = append(gs.Compensations, c)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.ClaimRuns.Walk(ctx, nil, func(_ uint64, r types.ClaimRun) (bool, error) {
		gs.ClaimRuns = append(gs.ClaimRuns, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.NextCompensationId, err = k.NextCompID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.PolicyCursor, err = k.PolicyCursor.Get(ctx); err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	return gs, nil
}
