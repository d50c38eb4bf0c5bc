package types

import errorsmod "cosmossdk.io/errors"

func DefaultGenesis() *GenesisState { return &GenesisState{Params: DefaultParams()} }

// Validate checks the params, that every position belongs to a listed escrow, and that the queues
// hold exactly the products they should: every open escrow whose day close is not parked once
// in the day queue at its next_day, and every escrow with payout_queued once in the payout queue.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	escrows := map[uint64]ProductEscrow{}
	for _, e := range gs.Escrows {
		if _, dup := escrows[e.ProductId]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "escrow of product %d listed twice", e.ProductId)
		}
		escrows[e.ProductId] = e
	}
	nft := map[uint64]bool{}
	for _, p := range gs.Positions {
		if _, ok := escrows[p.ProductId]; !ok || nft[p.NftId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position of NFT %d: product %d unknown or NFT listed twice", p.NftId, p.ProductId)
		}
		nft[p.NftId] = true
	}
	days := map[uint64]QueueItem{}
	for _, it := range gs.DayQueue {
		e, ok := escrows[it.ProductId]
		if _, dup := days[it.ProductId]; dup || !ok || !e.InDayQueue() || it.Due != e.NextDay {
			return errorsmod.Wrapf(ErrInvalidGenesis, "day queue entry of product %d at day %d: product unknown, listed twice, not open, parked or not at its next day", it.ProductId, it.Due)
		}
		days[it.ProductId] = it
	}
	payouts := map[uint64]bool{}
	for _, it := range gs.PayoutQueue {
		if e, ok := escrows[it.ProductId]; payouts[it.ProductId] || !ok || !e.PayoutQueued {
			return errorsmod.Wrapf(ErrInvalidGenesis, "payout queue entry of product %d: product unknown, listed twice or not payout_queued", it.ProductId)
		}
		payouts[it.ProductId] = true
	}
	for _, e := range gs.Escrows {
		if _, ok := days[e.ProductId]; ok != e.InDayQueue() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "product %d is %s (day close parked %v) with no day queue entry", e.ProductId, e.Status, e.DayCloseParked)
		}
		if payouts[e.ProductId] != e.PayoutQueued {
			return errorsmod.Wrapf(ErrInvalidGenesis, "product %d is payout_queued with no payout queue entry", e.ProductId)
		}
	}
	return nil
}

// InDayQueue says whether the escrow's next day waits in the day queue (at next_day): it is open
// and its day close is not parked.
func (e ProductEscrow) InDayQueue() bool {
	return (e.Status == ESCROW_STATUS_ACTIVE || e.Status == ESCROW_STATUS_SUSPENDED) && !e.DayCloseParked
}
