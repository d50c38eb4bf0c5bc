package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/escrow/types"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// RiskReader is x/escrow's read interface for x/riskfund.
type RiskReader struct{ k Keeper }

func (k Keeper) RiskReader() RiskReader { return RiskReader{k} }

var _ riskfundtypes.RiskReader = RiskReader{}

func (r RiskReader) CurrentDay(ctx context.Context) (uint64, error) { return r.k.currentDay(ctx) }

// ProductRisk: status, price denom and insured value (sale proceeds kept / NFTs sold, rounded down),
// term, unpaid days and the last day the day closes dealt with, the current missed-day streak and
// the miner's missed days.
func (r RiskReader) ProductRisk(ctx context.Context, productID uint64) (riskfundtypes.ProductRisk, error) {
	out := riskfundtypes.ProductRisk{ProductID: productID, InsuredValue: math.ZeroInt()}
	e, err := r.k.getEscrow(ctx, productID)
	if err != nil {
		return out, err
	}
	held, err := r.k.hashnft.GetEscrow(ctx, productID)
	if err != nil {
		return out, err
	}
	switch e.Status {
	case types.ESCROW_STATUS_ACTIVE:
		out.Status = riskfundtypes.StatusActive
	case types.ESCROW_STATUS_SUSPENDED:
		out.Status = riskfundtypes.StatusSuspended
	case types.ESCROW_STATUS_TERMINATED:
		out.Status = riskfundtypes.StatusTerminated
	case types.ESCROW_STATUS_EXPIRED:
		out.Status = riskfundtypes.StatusExpired
	case types.ESCROW_STATUS_UNSPECIFIED:
		return out, errorsmod.Wrapf(types.ErrWrongStatus, "escrow of product %d has no status", productID)
	}
	out.TermDays, out.UnpaidDays, out.MissedInRow, out.NFTs = e.TermDays, e.UnpaidDays, e.MissedDaysInRow, e.Nfts
	if out.ClosedThrough, err = r.closedThrough(ctx, e); err != nil {
		return out, err
	}
	if len(held.PaidIn) > 0 && e.Nfts > 0 {
		p, err := r.k.hashnft.GetProduct(ctx, productID)
		if err != nil {
			return out, err
		}
		// Over the NFTs sold, not those created: an auction's proceeds are all paid in at its
		// settlement, its NFTs created over later blocks. A termination meanwhile pays back the
		// NFTs never created (refunded_undelivered) and lowers sold to the NFTs created.
		sold := max(p.Sold, e.Nfts)
		out.SaleDenoms = len(held.PaidIn)
		out.Denom = held.PaidIn[0].Denom
		proceeds := held.PaidIn[0].Amount.Sub(held.RefundedUndelivered.AmountOf(out.Denom))
		if proceeds.IsPositive() {
			out.InsuredValue = proceeds.Quo(math.NewIntFromUint64(sold))
		}
	}
	miner, err := r.k.addr("miner", e.Miner)
	if err != nil {
		return out, err
	}
	rec, err := r.k.minerRecord(ctx, miner, e.Miner)
	if err != nil {
		return out, err
	}
	out.MinerMissedDays = rec.MissedDays
	return out, nil
}

// closedThrough is the last day epoch the escrow's day closes dealt with: next_day - 1 (the close
// of next_day is the next to run; a failed close moves next_day on and its day is merged into the
// next one). A parked day close has no next_day: the resumption queues the close of the day after
// the current one, so every day up to the current one is dealt with (skipped).
func (r RiskReader) closedThrough(ctx context.Context, e types.ProductEscrow) (uint64, error) {
	if e.DayCloseParked {
		return r.k.currentDay(ctx)
	}
	if e.NextDay == 0 {
		return 0, nil
	}
	return e.NextDay - 1, nil
}
