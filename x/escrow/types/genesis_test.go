package types_test

import (
	"errors"
	"testing"

	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/escrow/types"
)

// The queues in a genesis must agree with the escrows: each open escrow (day close not parked)
// once in the day queue at its next_day, each payout_queued escrow once in the payout queue.
func TestGenesisQueuesAgreeWithEscrows(t *testing.T) {
	escrow := func(id uint64, status types.EscrowStatus, next uint64, payout bool) types.ProductEscrow {
		z := math.ZeroInt()
		return types.ProductEscrow{ProductId: id, Status: status, NextDay: next, PayoutQueued: payout,
			TotalPower: z, Index: z, Residual: z, Deposited: z, RewardsPaid: z, DepositedToday: z, RoundIndex: z}
	}
	valid := func() types.GenesisState {
		parked := escrow(3, types.ESCROW_STATUS_SUSPENDED, 0, false)
		parked.DayCloseParked = true
		return types.GenesisState{
			Params:      types.DefaultParams(),
			Escrows:     []types.ProductEscrow{escrow(1, types.ESCROW_STATUS_ACTIVE, 5, true), escrow(2, types.ESCROW_STATUS_EXPIRED, 4, false), parked},
			DayQueue:    []types.QueueItem{{Due: 5, ProductId: 1, Failures: 2}},
			PayoutQueue: []types.QueueItem{{Due: 4, ProductId: 1}},
		}
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid genesis: %v", err)
	}
	for _, row := range []struct {
		name   string
		change func(*types.GenesisState)
	}{
		{"an open escrow not in the day queue", func(gs *types.GenesisState) { gs.DayQueue = nil }},
		{"a day entry off next_day", func(gs *types.GenesisState) { gs.DayQueue[0].Due = 6 }},
		{"a day entry twice", func(gs *types.GenesisState) { gs.DayQueue = append(gs.DayQueue, types.QueueItem{Due: 5, ProductId: 1}) }},
		{"a day entry of an expired escrow", func(gs *types.GenesisState) { gs.DayQueue = append(gs.DayQueue, types.QueueItem{Due: 4, ProductId: 2}) }},
		{"a day entry of a parked day close", func(gs *types.GenesisState) { gs.DayQueue = append(gs.DayQueue, types.QueueItem{Due: 0, ProductId: 3}) }},
		{"a day entry of an unknown product", func(gs *types.GenesisState) { gs.DayQueue = append(gs.DayQueue, types.QueueItem{Due: 5, ProductId: 9}) }},
		{"payout_queued without an entry", func(gs *types.GenesisState) { gs.PayoutQueue = nil }},
		{"a payout entry without payout_queued", func(gs *types.GenesisState) {
			gs.PayoutQueue = append(gs.PayoutQueue, types.QueueItem{Due: 4, ProductId: 2})
		}},
		{"params with no payouts per block", func(gs *types.GenesisState) { gs.Params.PayoutsPerBlock = 0 }},
	} {
		t.Run(row.name, func(t *testing.T) {
			gs := valid()
			row.change(&gs)
			err := gs.Validate()
			if !errors.Is(err, types.ErrInvalidGenesis) && !errors.Is(err, types.ErrInvalidParams) {
				t.Fatalf("got %v", err)
			}
			t.Log(err)
		})
	}
}
