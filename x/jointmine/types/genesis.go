package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextPoolId: 1}
}

func nonNeg(x math.Int) bool { return !x.IsNil() && !x.IsNegative() }

// Open says whether a pool holds its node (pending or approved, any period after).
func (p Pool) Open() bool {
	return p.Status != PoolStatus_POOL_STATUS_REJECTED && p.Status != PoolStatus_POOL_STATUS_EXPIRED
}

// Approved says whether the pool was approved (it has a dToken, holders, a term).
func (p Pool) Approved() bool {
	return p.Status >= PoolStatus_POOL_STATUS_GENESIS && p.Status <= PoolStatus_POOL_STATUS_DEFAULTED
}

// Amounts returns the pool's amounts by name, for validation.
func (p Pool) amounts() map[string]math.Int {
	return map[string]math.Int{
		"cap": p.Cap, "genesis_deposited": p.GenesisDeposited, "pledged": p.Pledged, "pledge_owed": p.PledgeOwed,
		"liquid": p.Liquid, "queued": p.Queued, "supply": p.Supply, "income": p.Income, "st_index": p.StIndex,
		"st_residual": p.StResidual, "st_forfeited": p.StForfeited, "maturity_fund": p.MaturityFund,
		"maturity_paid": p.MaturityPaid, "returned": p.Returned, "compensated": p.Compensated,
	}
}

// ValidatePool checks one pool's own fields.
func ValidatePool(p Pool) error {
	if _, ok := PoolStatus_name[int32(p.Status)]; !ok || p.Status == PoolStatus_POOL_STATUS_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: status %d", p.Id, p.Status)
	}
	if p.Miner == "" || p.NodeId == "" || p.TargetTib == 0 || p.Denom != PoolDenom(p.Id) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: miner %q, node %q, target %d TiB, denom %q (want %s)", p.Id, p.Miner, p.NodeId, p.TargetTib, p.Denom, PoolDenom(p.Id))
	}
	for _, name := range []string{"cap", "genesis_deposited", "pledged", "pledge_owed", "liquid", "queued", "supply", "income",
		"st_index", "st_residual", "st_forfeited", "maturity_fund", "maturity_paid", "returned", "compensated"} {
		if x := p.amounts()[name]; !nonNeg(x) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: %s %v is not a non-negative amount", p.Id, name, x)
		}
	}
	if err := p.Deposit.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: deposit %s: %v", p.Id, p.Deposit, err)
	}
	if p.GenesisDeposited.GT(p.Cap) || p.Pledged.GT(p.Cap) || p.PledgeOwed.GT(p.Pledged) || p.MaturityPaid.GT(p.MaturityFund) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: genesis deposits %s and pledged %s at most the cap %s, owed %s at most pledged, maturity paid %s at most the fund %s",
			p.Id, p.GenesisDeposited, p.Pledged, p.Cap, p.PledgeOwed, p.MaturityPaid, p.MaturityFund)
	}
	if !p.Pledged.Sub(p.PledgeOwed).Equal(p.Returned.Add(p.Compensated)) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: pledged %s − owed %s ≠ returned %s + compensated %s", p.Id, p.Pledged, p.PledgeOwed, p.Returned, p.Compensated)
	}
	if !p.Approved() && (!p.Supply.IsZero() || !p.Liquid.IsZero() || !p.Pledged.IsZero()) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d is %s but has supply %s, liquid %s, pledged %s", p.Id, p.Status, p.Supply, p.Liquid, p.Pledged)
	}
	return nil
}

// Validate checks the params, every record, ids below the next ids, one open pool per node, and
// that each pool's supply is its holders' shares, its queued amount its redemptions' and its
// maturity paid its holders'.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "params: %v", err)
	}
	if gs.NextPoolId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_pool_id starts at 1")
	}
	pools := map[uint64]Pool{}
	nodes := map[string]uint64{}
	shares := map[uint64]math.Int{}
	paid := map[uint64]math.Int{}
	queued := map[uint64]math.Int{}
	for _, p := range gs.Pools {
		if p.Id == 0 || p.Id >= gs.NextPoolId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool id %d not below next_pool_id %d", p.Id, gs.NextPoolId)
		}
		if _, dup := pools[p.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d listed twice", p.Id)
		}
		if err := ValidatePool(p); err != nil {
			return err
		}
		if p.Open() {
			if other, taken := nodes[p.NodeId]; taken {
				return errorsmod.Wrapf(ErrInvalidGenesis, "node %s has pools %d and %d", p.NodeId, other, p.Id)
			}
			nodes[p.NodeId] = p.Id
		}
		pools[p.Id] = p
		shares[p.Id], paid[p.Id], queued[p.Id] = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	}
	type hk struct {
		pool uint64
		addr string
	}
	seenH := map[hk]bool{}
	for _, h := range gs.Holders {
		p, ok := pools[h.PoolId]
		if !ok || !p.Approved() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holder %s of pool %d: no such approved pool", h.Address, h.PoolId)
		}
		if h.Address == "" || seenH[hk{h.PoolId, h.Address}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holder %q of pool %d empty or listed twice", h.Address, h.PoolId)
		}
		seenH[hk{h.PoolId, h.Address}] = true
		if !nonNeg(h.Shares) || !nonNeg(h.StEntry) || !nonNeg(h.StOwed) || !nonNeg(h.MaturityPaid) || h.StEntry.GT(p.StIndex) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holder %s of pool %d: shares %v, entry %v (pool index %s), owed %v, paid %v",
				h.Address, h.PoolId, h.Shares, h.StEntry, p.StIndex, h.StOwed, h.MaturityPaid)
		}
		shares[h.PoolId] = shares[h.PoolId].Add(h.Shares)
		paid[h.PoolId] = paid[h.PoolId].Add(h.MaturityPaid)
	}
	type rk struct{ pool, id uint64 }
	seenR := map[rk]bool{}
	for _, r := range gs.Redemptions {
		p, ok := pools[r.PoolId]
		if !ok || !p.Approved() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d of pool %d: no such approved pool", r.Id, r.PoolId)
		}
		if r.Id <= p.RedemptionsPaid || r.Id > p.RedemptionsQueued || seenR[rk{r.PoolId, r.Id}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d of pool %d duplicated or not within the pool's unpaid ids %d to %d",
				r.Id, r.PoolId, p.RedemptionsPaid+1, p.RedemptionsQueued)
		}
		seenR[rk{r.PoolId, r.Id}] = true
		if r.Owner == "" || !nonNeg(r.Burned) || !nonNeg(r.Value) || !nonNeg(r.Fee) || !nonNeg(r.FeeLeft) || !nonNeg(r.Left) ||
			r.FeeLeft.GT(r.Fee) || r.Left.Add(r.Fee).GT(r.Value) || (r.Left.IsZero() && r.FeeLeft.IsZero()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "redemption %d: owner %q, value %v, fee %v, left %v + fee left %v (something must be owed)",
				r.Id, r.Owner, r.Value, r.Fee, r.Left, r.FeeLeft)
		}
		queued[r.PoolId] = queued[r.PoolId].Add(r.Left).Add(r.FeeLeft)
	}
	type ik struct{ pool, seq uint64 }
	seenI := map[ik]bool{}
	for _, in := range gs.Incomes {
		p, ok := pools[in.PoolId]
		if !ok || in.Seq >= p.NextIncomeSeq || seenI[ik{in.PoolId, in.Seq}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "income %d of pool %d: unknown pool, duplicated, or not below its next_income_seq", in.Seq, in.PoolId)
		}
		seenI[ik{in.PoolId, in.Seq}] = true
		if !nonNeg(in.Amount) || !nonNeg(in.Miner) || !nonNeg(in.Platform) || !nonNeg(in.Users) || !in.Miner.Add(in.Platform).Add(in.Users).Equal(in.Amount) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "income %d of pool %d: %v ≠ miner %v + platform %v + users %v", in.Seq, in.PoolId, in.Amount, in.Miner, in.Platform, in.Users)
		}
	}
	for _, p := range gs.Pools {
		if !shares[p.Id].Equal(p.Supply) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: supply %s, holders' shares sum to %s", p.Id, p.Supply, shares[p.Id])
		}
		if !queued[p.Id].Equal(p.Queued) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: queued %s, its redemptions owe %s", p.Id, p.Queued, queued[p.Id])
		}
		if !paid[p.Id].Equal(p.MaturityPaid) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %d: maturity paid %s, its holders received %s", p.Id, p.MaturityPaid, paid[p.Id])
		}
	}
	return nil
}
