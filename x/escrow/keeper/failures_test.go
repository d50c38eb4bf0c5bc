package keeper_test

import (
	"context"
	"errors"
	"math/big"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/queue"
	queuetypes "github.com/dmexchain/dmex/internal/queue/types"
	"github.com/dmexchain/dmex/x/escrow/keeper"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// unitOracle answers by the product's power unit, which the tests below rewrite per product:
// "PANIC" panics, "ERR" fails, "HUGE" is a figure near 2^255 (more than LegacyDec arithmetic on
// it can hold), anything else has no data.
type unitOracle struct{}

func (unitOracle) MarketAverage(_ context.Context, _, unit string) (math.LegacyDec, bool, error) {
	switch unit {
	case "PANIC":
		panic("oracle figure unreadable")
	case "ERR":
		return math.LegacyDec{}, false, errors.New("oracle unavailable")
	case "HUGE":
		huge := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(1))
		return math.LegacyNewDecFromBigInt(huge), true, nil
	}
	return math.LegacyDec{}, false, nil
}

// failFixture is a keeper with unitOracle on a branch of the chain's state, and products whose
// power unit says how their day close goes.
type failFixture struct {
	*fixture
	ctx sdk.Context
	k   keeper.Keeper
	ms  types.MsgServer
}

func newFailFixture(t *testing.T, units ...string) (*failFixture, []uint64) {
	f := newFixture(t)
	nodes := []string{"f01111", "f02222", "f03333", "f04444", "f05678"}
	var ids []uint64
	for i := range units {
		p := f.product(10, 30, nodes[i])
		f.buy(f.e.Accounts[1], p, 2)
		ids = append(ids, p)
	}
	ff := &failFixture{fixture: f, k: f.newKeeper(unitOracle{})}
	ff.ctx, _ = f.e.Ctx().CacheContext()
	ff.ms = keeper.NewMsgServerImpl(ff.k)
	for i, u := range units {
		ff.setUnit(ids[i], u)
	}
	return ff, ids
}

func (ff *failFixture) setUnit(id uint64, unit string) {
	ff.t.Helper()
	hk := ff.e.App.HashnftKeeper
	p, err := hk.Products.Get(ff.ctx, id)
	if err != nil {
		ff.t.Fatal(err)
	}
	p.PowerUnit = unit
	if err := hk.Products.Set(ff.ctx, id, p); err != nil {
		ff.t.Fatal(err)
	}
}

func (ff *failFixture) get(id uint64) types.ProductEscrow {
	ff.t.Helper()
	e, err := ff.k.Escrows.Get(ff.ctx, id)
	if err != nil {
		ff.t.Fatal(err)
	}
	return e
}

// endDay runs the day epoch's end hook for day d, then BeginBlock, and checks the books.
func (ff *failFixture) endDay(d uint64) {
	ff.t.Helper()
	if err := ff.k.EpochHooks().AfterEpochEnd(ff.ctx, types.DayEpoch, int64(d)); err != nil {
		ff.t.Fatal(err)
	}
	if err := ff.k.BeginBlocker(ff.ctx); err != nil {
		ff.t.Fatal(err)
	}
	if got, err := ff.k.CurrentDay.Get(ff.ctx); err != nil || got != d {
		ff.t.Fatalf("current day %d (%v) after day %d ended", got, err, d)
	}
	if err := ff.k.CheckBooks(ff.ctx); err != nil {
		ff.t.Fatalf("books after day %d: %v", d, err)
	}
}

func (ff *failFixture) dayQueue() map[uint64]queue.Item[uint64] {
	ff.t.Helper()
	out := map[uint64]queue.Item[uint64]{}
	if err := ff.k.DayQueue.Walk(ff.ctx, func(it queue.Item[uint64]) (bool, error) { out[it.ID] = it; return false, nil }); err != nil {
		ff.t.Fatal(err)
	}
	return out
}

func (ff *failFixture) failures() []queuetypes.EventItemFailed {
	ff.t.Helper()
	var out []queuetypes.EventItemFailed
	for _, ev := range ff.ctx.EventManager().Events() {
		if ev.Type != "dmex.queue.v1.EventItemFailed" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abci.Event(ev))
		if err != nil {
			ff.t.Fatal(err)
		}
		out = append(out, *msg.(*queuetypes.EventItemFailed))
	}
	return out
}

// Among four products, one's day close panics, one's fails, one's oracle figure is near 2^255:
// the day still ends (current day recorded), the others' days close and release, and the two
// failing ones are retried the next day with next_day where the queue has them, so that a
// termination in between removes the right entry. The books hold after every day.
func TestDayCloseFailuresConfined(t *testing.T) {
	ff, ids := newFailFixture(t, "TiB", "PANIC", "ERR", "HUGE")
	ok, panics, fails, huge := ids[0], ids[1], ids[2], ids[3]
	d := ff.get(ok).NextDay
	ff.endDay(d)
	for _, id := range []uint64{ok, huge} {
		if e := ff.get(id); e.DaysElapsed != 1 || e.Released.IsZero() || e.NextDay != d+1 || e.BelowMarketDaysInRow != 0 {
			t.Fatalf("product %d's day did not close: %d days elapsed, released %s, next day %d", id, e.DaysElapsed, e.Released, e.NextDay)
		}
	}
	q := ff.dayQueue()
	for _, id := range []uint64{panics, fails} {
		e := ff.get(id)
		if e.DaysElapsed != 0 || !e.Released.IsZero() {
			t.Fatalf("product %d's failed day changed it: %d days, released %s", id, e.DaysElapsed, e.Released)
		}
		if e.NextDay != d+1 || q[id].Due != d+1 || q[id].Failures != 1 {
			t.Fatalf("product %d retried: next_day %d, queued %+v; want day %d, 1 failure", id, e.NextDay, q[id], d+1)
		}
	}
	if evs := ff.failures(); len(evs) != 2 || evs[0].Id != panics || evs[1].Id != fails || evs[0].Module != types.ModuleName {
		t.Fatalf("failure events: %+v", evs)
	}

	// The export carries the retry with its failure count, where next_day says.
	gs, err := ff.k.ExportGenesis(ff.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(); err != nil {
		t.Fatalf("exported genesis: %v", err)
	}
	var exported []types.QueueItem
	for _, it := range gs.DayQueue {
		if it.ProductId == panics || it.ProductId == fails {
			exported = append(exported, it)
		}
	}
	if len(exported) != 2 || exported[0] != (types.QueueItem{Due: d + 1, ProductId: panics, Failures: 1}) || exported[1].Failures != 1 {
		t.Fatalf("exported retries: %+v", exported)
	}

	// Terminating a product whose day close is waiting for its retry removes its entry (its unit
	// restored first: x/hashnft frees its power per unit).
	ff.setUnit(fails, "TiB")
	if _, err := ff.ms.TerminateEscrow(ff.ctx, &types.MsgTerminateEscrow{Authority: ff.auth, ProductId: fails}); err != nil {
		t.Fatal(err)
	}
	if _, queued := ff.dayQueue()[fails]; queued {
		t.Fatal("the terminated product is still in the day queue")
	}
	if err := ff.k.CheckBooks(ff.ctx); err != nil {
		t.Fatal(err)
	}
	ff.endDay(d + 1)
	if e := ff.get(ok); e.DaysElapsed != 2 {
		t.Fatalf("day 2: %d days elapsed", e.DaysElapsed)
	}
}

// A day close that fails MaxDayCloseFailures days in a row is parked: the escrow is suspended
// and says why, it leaves the day queue (the books agree), and the authority's resume queues it
// again from the next day. The others' days close meanwhile.
func TestDayCloseParkedAndResumed(t *testing.T) {
	ff, ids := newFailFixture(t, "TiB", "PANIC")
	ok, panics := ids[0], ids[1]
	d := ff.get(ok).NextDay
	for i := uint64(0); i < uint64(types.MaxDayCloseFailures); i++ {
		ff.endDay(d + i)
	}
	e := ff.get(panics)
	if e.Status != types.ESCROW_STATUS_SUSPENDED || !e.DayCloseParked || e.DaysElapsed != 0 {
		t.Fatalf("after %d failed days: %s (%q), parked %v, %d days", types.MaxDayCloseFailures, e.Status, e.StatusReason, e.DayCloseParked, e.DaysElapsed)
	}
	if _, queued := ff.dayQueue()[panics]; queued {
		t.Fatal("the parked product is still in the day queue")
	}
	evs := ff.failures()
	last := evs[len(evs)-1]
	if len(evs) != int(types.MaxDayCloseFailures) || !last.Parked || last.Id != panics || last.Failures != types.MaxDayCloseFailures || last.ParkError != "" {
		t.Fatalf("failure events: %+v", evs)
	}
	if got := ff.get(ok).DaysElapsed; got != types.MaxDayCloseFailures {
		t.Fatalf("the healthy product closed %d days", got)
	}
	// Parked days cost nothing: another day passes without the product.
	ff.endDay(d + 3)

	ff.setUnit(panics, "TiB")
	if _, err := ff.ms.ResumeEscrow(ff.ctx, &types.MsgResumeEscrow{Authority: ff.auth, ProductId: panics}); err != nil {
		t.Fatal(err)
	}
	if e := ff.get(panics); e.Status != types.ESCROW_STATUS_ACTIVE || e.DayCloseParked || e.NextDay != d+4 {
		t.Fatalf("after the resume: %s, parked %v, next day %d", e.Status, e.DayCloseParked, e.NextDay)
	}
	ff.endDay(d + 4)
	if e := ff.get(panics); e.DaysElapsed != 1 || e.Released.IsZero() {
		t.Fatalf("after the resume's first day: %d days, released %s", e.DaysElapsed, e.Released)
	}
}

// Among three products with rewards to pay, one's round panics (an NFT's owed amount at the
// integer limit) and one's fails (an NFT's position missing): the healthy product's holders are
// paid at once; the failing ones are retried the next day with their flags unchanged, then parked
// (out of the payout queue, payout_parked) and the books hold throughout; once repaired, the
// authority's resume pays them.
func TestPayoutFailuresConfined(t *testing.T) {
	ff, ids := newFailFixture(t, "TiB", "TiB", "TiB")
	ok, panics, fails := ids[0], ids[1], ids[2]
	alice := ff.e.Accounts[1]
	nftOf := func(product uint64) uint64 {
		var id uint64
		err := ff.e.App.HashnftKeeper.WalkProductNFTs(ff.ctx, product, 0, func(n hashnfttypes.NFT) (bool, error) { id = n.Id; return true, nil })
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	pk := ff.k.Positions
	bad, err := pk.Get(ff.ctx, nftOf(panics))
	if err != nil {
		t.Fatal(err)
	}
	good := bad
	bad.OwedScaled = math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	if err := pk.Set(ff.ctx, bad.NftId, bad); err != nil {
		t.Fatal(err)
	}
	missing, err := pk.Get(ff.ctx, nftOf(fails))
	if err != nil {
		t.Fatal(err)
	}
	if err := pk.Remove(ff.ctx, missing.NftId); err != nil {
		t.Fatal(err)
	}
	a0 := ff.e.App.BankKeeper.GetBalance(ff.ctx, alice.Addr, "aifil").Amount
	for _, id := range ids {
		if _, err := ff.ms.DepositRewards(ff.ctx, &types.MsgDepositRewards{Miner: ff.miner.Addr.String(), ProductId: id, Amount: sdk.NewInt64Coin("aifil", 100)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ff.k.BeginBlocker(ff.ctx); err != nil {
		t.Fatal(err)
	}
	if err := ff.k.CheckBooks(ff.ctx); err != nil {
		t.Fatal(err)
	}
	eq(t, "the healthy product's payouts", ff.e.App.BankKeeper.GetBalance(ff.ctx, alice.Addr, "aifil").Amount.Sub(a0), math.NewInt(100))
	if e := ff.get(ok); e.PayoutQueued || !e.RewardsPaid.Equal(math.NewInt(100)) {
		t.Fatalf("healthy product: queued %v, paid %s", e.PayoutQueued, e.RewardsPaid)
	}
	for _, id := range []uint64{panics, fails} {
		if e := ff.get(id); !e.PayoutQueued || e.PayoutParked || !e.RewardsPaid.IsZero() {
			t.Fatalf("product %d after a failed round: queued %v, parked %v, paid %s", id, e.PayoutQueued, e.PayoutParked, e.RewardsPaid)
		}
	}
	d, err := ff.k.CurrentDay.Get(ff.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := uint64(1); i < uint64(types.MaxPayoutFailures); i++ {
		ff.endDay(d + i)
	}
	for _, id := range []uint64{panics, fails} {
		if e := ff.get(id); e.PayoutQueued || e.RoundOpen || !e.PayoutParked {
			t.Fatalf("product %d after %d failed rounds: queued %v, open %v, parked %v", id, types.MaxPayoutFailures, e.PayoutQueued, e.RoundOpen, e.PayoutParked)
		}
	}
	var parked []uint64
	for _, ev := range ff.failures() {
		if ev.Parked && ev.Queue == "payout_queue" {
			parked = append(parked, ev.Id)
		}
	}
	if len(parked) != 2 || parked[0] != panics || parked[1] != fails {
		t.Fatalf("parked: %v", parked)
	}

	// Repaired (e.g. by an upgrade), the authority's resume queues both rounds again.
	if err := pk.Set(ff.ctx, good.NftId, good); err != nil {
		t.Fatal(err)
	}
	if err := pk.Set(ff.ctx, missing.NftId, missing); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint64{panics, fails} {
		if _, err := ff.ms.ResumeEscrow(ff.ctx, &types.MsgResumeEscrow{Authority: ff.auth, ProductId: id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ff.k.BeginBlocker(ff.ctx); err != nil {
		t.Fatal(err)
	}
	if err := ff.k.CheckBooks(ff.ctx); err != nil {
		t.Fatal(err)
	}
	eq(t, "all payouts", ff.e.App.BankKeeper.GetBalance(ff.ctx, alice.Addr, "aifil").Amount.Sub(a0), math.NewInt(300))
}
