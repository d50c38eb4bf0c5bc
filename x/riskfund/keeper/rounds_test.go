package keeper_test

import (
	"fmt"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// reimport writes f's exported genesis into a fresh store and checks that the state read back
// is the same, including the indexes genesis does not list (owed claims, open compensations).
func reimport(t *testing.T, f *fixture) {
	t.Helper()
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(); err != nil {
		t.Fatalf("exported genesis invalid: %v", err)
	}
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t2")).Ctx
	k2 := keeper.NewKeeper(moduletestutil.MakeTestEncodingConfig().Codec, runtime.NewKVStoreService(key), fakeAuth{}, fakeAccounts{}, f.bank, f.risk, f.nfts)
	if err := k2.InitGenesis(ctx, *gs); err != nil {
		t.Fatalf("import: %v", err)
	}
	gs2, err := k2.ExportGenesis(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gs.String() != gs2.String() {
		t.Fatalf("export -> import -> export differs:\n%s\n%s", gs, gs2)
	}
	if a, b := keysOf(t, f.ctx, f.k.OwedClaims), keysOf(t, ctx, k2.OwedClaims); a != b {
		t.Fatalf("owed claims after import %s, before %s", b, a)
	}
	if a, b := keysOf(t, f.ctx, f.k.CompQueue), keysOf(t, ctx, k2.CompQueue); a != b {
		t.Fatalf("open compensations after import %s, before %s", b, a)
	}
	if a, b := keysOf(t, f.ctx, f.k.StartQueue), keysOf(t, ctx, k2.StartQueue); a != b {
		t.Fatalf("start queue after import %s, before %s", b, a)
	}
}

func keysOf[K any](t *testing.T, ctx sdk.Context, ks collections.KeySet[K]) string {
	t.Helper()
	var s string
	if err := ks.Walk(ctx, nil, func(k K) (bool, error) {
		s += " " + collectionsKeyString(k)
		return false, nil
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

func collectionsKeyString(k any) string {
	if v, ok := k.(collections.Pair[uint64, uint64]); ok {
		return fmt.Sprintf("%d/%d", v.K1(), v.K2())
	}
	return fmt.Sprint(k)
}

// block runs one block of rounds; a round must never fail (a failing round is rolled back by
// internal/blockhook and the same round fails again in the next block: the fund is stuck). After
// each block the books must add up and the state must survive export -> import.
func (f *fixture) block(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if err := f.k.ProcessRounds(f.ctx); err != nil {
			t.Fatalf("round failed (the fund's rounds would be stuck): %v", err)
		}
		f.checkBooks(t)
		reimport(t, f)
	}
}

// Claim runs whose phase 2 spans blocks while money for claims is drawn elsewhere (issue #14):
// every claim gets exactly its pro-rata share, the rounds progress (runs end, owed cover is paid
// when the denom arrives, a compensation is paid after), the books add up after every block.
func TestClaimRunPhase2AcrossBlocks(t *testing.T) {
	// event: after block afterBlock (0: before the first), product is terminated or amount
	// deposited.
	type event struct {
		afterBlock int
		product    uint64
		deposit    int64
	}
	cases := []struct {
		name    string
		rpb     uint32
		insure  []uint64
		drainTo int64
		events  []event
		blocks  int // until every run is over
		// what each insured NFT's holder received when the runs are over
		share map[uint64]int64
		owed  int64
	}{
		{
			// The example: 2 claims of 1,000,000, the fund holds 1,000,000: 500,000 each.
			// Without the fix the owed-cover round tops NFT 1 up with NFT 2's share.
			name: "own run's first claim topped up", rpb: 1, insure: []uint64{1, 2}, drainTo: 1_000_000,
			events: []event{{0, 1, 0}}, blocks: 6,
			share: map[uint64]int64{1: 500_000, 2: 500_000}, owed: 1_000_000,
		},
		{
			// Product 2's 7 claims share 3,500,000 (500,000 each) over 7 blocks of phase 2;
			// product 1 is terminated meanwhile, its claim gets nothing now (product 2's claims
			// were owed first) and becomes owed while product 2's run still pays.
			name: "another product's claim owed during phase 2", rpb: 2, insure: []uint64{1, 4, 5, 6, 7, 8, 9, 10}, drainTo: 3_500_000,
			events: []event{{0, 2, 0}, {4, 1, 0}}, blocks: 12,
			share: map[uint64]int64{1: 0, 4: 500_000, 5: 500_000, 6: 500_000, 7: 500_000, 8: 500_000, 9: 500_000, 10: 500_000},
			owed:  4_500_000,
		},
		{
			// 200,000 arrive after NFT 1 got its share: the owed-cover round waits for the run
			// (NFT 2 and 3 get theirs first), then tops NFT 1 up.
			name: "deposit during phase 2", rpb: 1, insure: []uint64{1, 2, 3}, drainTo: 1_500_000,
			events: []event{{0, 1, 0}, {4, 0, 200_000}}, blocks: 8,
			share: map[uint64]int64{1: 700_000, 2: 500_000, 3: 500_000}, owed: 1_300_000,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			p := types.DefaultParams()
			p.CapacityBps, p.WaitingDays, p.RoundsPerBlock = 10_000, 0, tc.rpb
			if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p}); err != nil {
				t.Fatal(err)
			}
			holder := func(nft uint64) sdk.AccAddress { return f.hold[nft-1] }
			for _, id := range tc.insure {
				if err := f.insure(id, holder(id)); err != nil {
					t.Fatal(err)
				}
			}
			f.startCovers(t)
			f.drainTo(t, tc.drainTo) // a shortfall
			before := map[uint64]int64{}
			for _, id := range tc.insure {
				before[id] = bal(f, holder(id))
			}
			happen := func(blk int) {
				for _, ev := range tc.events {
					switch {
					case ev.afterBlock != blk:
					case ev.deposit > 0:
						f.fund(t, ev.deposit)
					default:
						f.risk.products[ev.product].UnpaidDays = 100 // full cover: the insured value
						f.risk.products[ev.product].Status = types.StatusTerminated
						if err := f.k.BeforeProductTerminated(f.ctx, ev.product); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			happen(0)
			for blk := 1; blk <= tc.blocks; blk++ {
				f.block(t, 1)
				happen(blk)
			}
			if err := f.k.ClaimRuns.Walk(f.ctx, nil, func(id uint64, _ types.ClaimRun) (bool, error) {
				return true, fmt.Errorf("claim run of product %d still open after %d blocks", id, tc.blocks)
			}); err != nil {
				t.Fatal(err)
			}
			for _, id := range tc.insure {
				if got := bal(f, holder(id)) - before[id]; got != tc.share[id] {
					t.Fatalf("NFT %d received %d, its pro-rata share is %d", id, got, tc.share[id])
				}
			}
			b := f.books(t)
			if !b.Owed.Equal(math.NewInt(tc.owed)) || !b.Balance.IsZero() || !b.Committed.IsZero() || !b.Allotted.IsZero() {
				t.Fatalf("books after the runs %v, want owed %d, balance 0, nothing allotted", b, tc.owed)
			}

			// The denom arrives: owed cover is paid in full, then a compensation is paid.
			f.fund(t, tc.owed+700_000)
			f.block(t, len(tc.insure))
			for _, id := range tc.insure {
				want := int64(1_000_000)
				if got := bal(f, holder(id)) - before[id]; got != want {
					t.Fatalf("NFT %d received %d in all, its cover is %d", id, got, want)
				}
			}
			if b = f.books(t); !b.Owed.IsZero() || !b.Balance.Equal(math.NewInt(700_000)) {
				t.Fatalf("books after owed cover %v", b)
			}
			if _, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: 1, Amount: sdk.NewInt64Coin(denom, 300_000)}); err != nil {
				t.Fatal(err)
			}
			h := bal(f, f.hold[2]) // NFT 3 of product 1 is not insured
			f.block(t, 3)
			if got := bal(f, f.hold[2]) - h; got != 100_000 {
				t.Fatalf("compensation part of NFT 3: %d, want 100,000", got)
			}
			if b = f.books(t); !b.Reserved.IsZero() || !b.Balance.Equal(math.NewInt(400_000)) {
				t.Fatalf("books after the compensation %v", b)
			}
		})
	}
}

// midRun is the example stopped after block 3: product 1's run is in phase 2 with
// pay_num 1,000,000, cursor 1; NFT 1 got 500,000 (owed 500,000), 500,000 still allotted.
func midRun(t *testing.T) *fixture {
	t.Helper()
	f := setup(t)
	p := types.DefaultParams()
	p.CapacityBps, p.WaitingDays, p.RoundsPerBlock = 10_000, 0, 1
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint64{1, 2} {
		if err := f.insure(id, f.hold[id-1]); err != nil {
			t.Fatal(err)
		}
	}
	f.startCovers(t)
	f.drainTo(t, 1_000_000)
	f.risk.products[1].UnpaidDays = 100
	f.risk.products[1].Status = types.StatusTerminated
	if err := f.k.BeforeProductTerminated(f.ctx, 1); err != nil {
		t.Fatal(err)
	}
	f.block(t, 3)
	run, err := f.k.ClaimRuns.Get(f.ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if b := f.books(t); run.Phase != 2 || run.Cursor != 1 || !run.Paid.Equal(math.NewInt(500_000)) || !b.Allotted.Equal(math.NewInt(500_000)) {
		t.Fatalf("mid-run state: run %v, books %v", run, b)
	}
	return f
}

// startCovers runs blocks until every queued policy's snapshot at cover start is taken (bought
// at day 10 with no waiting period, the products' day 10 closed: the counter, 0, is final).
func (f *fixture) startCovers(t *testing.T) {
	t.Helper()
	for i := 0; keysOf(t, f.ctx, f.k.StartQueue) != ""; i++ {
		if i > 10 {
			t.Fatal("start queue not emptied")
		}
		f.block(t, 1)
	}
}

// drainTo moves the fund's balance down to amt directly: a shortfall no message can cause.
func (f *fixture) drainTo(t *testing.T, amt int64) {
	t.Helper()
	b := f.books(t)
	take := b.Balance.SubRaw(amt)
	if err := f.bank.move(modAddr, sdk.AccAddress([]byte("drain_______________")), sdk.NewCoins(sdk.NewCoin(denom, take))); err != nil {
		t.Fatal(err)
	}
	b.Balance = math.NewInt(amt)
	if err := f.k.Books.Set(f.ctx, denom, b); err != nil {
		t.Fatal(err)
	}
}

// The last guard: if the books cannot pay a phase-2 share (here the balance is taken below
// what is allotted), the payment is capped, the round does not fail, the rest stays owed and
// the run's allotment is released at its end.
func TestPhase2PaymentCappedNeverFails(t *testing.T) {
	f := midRun(t)
	f.drainTo(t, 200_000)
	h2 := bal(f, f.hold[1])
	if err := f.k.ProcessRounds(f.ctx); err != nil {
		t.Fatalf("round failed: %v", err)
	}
	if got := bal(f, f.hold[1]) - h2; got != 200_000 {
		t.Fatalf("NFT 2 received %d, want its share capped at the balance 200,000", got)
	}
	if has, _ := f.k.ClaimRuns.Has(f.ctx, 1); has {
		t.Fatal("claim run not over")
	}
	if has, _ := f.k.OwedClaims.Has(f.ctx, collections.Join(uint64(1), uint64(2))); !has {
		t.Fatal("NFT 2's unpaid cover not owed")
	}
	if b := f.books(t); !b.Allotted.IsZero() || !b.Balance.IsZero() || !b.Owed.Equal(math.NewInt(500_000+800_000)) {
		t.Fatalf("books after the capped run %v", b)
	}
	f.checkBooks(t)
	reimport(t, f)
}

// Genesis validation of allotted and claim runs: each row breaks one rule of a mid-run export.
func TestGenesisClaimRunsValidation(t *testing.T) {
	cases := []struct {
		name    string
		want    string
		breakIt func(gs *types.GenesisState)
	}{
		{"allotted missing", "negative or missing", func(gs *types.GenesisState) { gs.Books[0].Allotted = math.Int{} }},
		{"allotted negative", "negative or missing", func(gs *types.GenesisState) { gs.Books[0].Allotted = math.NewInt(-1) }},
		{"allotted not the runs' pay_num - paid", "allotted of uusdt", func(gs *types.GenesisState) { gs.Books[0].Allotted = math.NewInt(499_999) }},
		{"reserved + allotted above balance", "above the balance", func(gs *types.GenesisState) { gs.Books[0].Balance = math.NewInt(499_999) }},
		{"run paid not its claims' paid", "its claims' paid", func(gs *types.GenesisState) {
			gs.ClaimRuns[0].Paid = math.NewInt(400_000)
			gs.Books[0].Allotted = math.NewInt(600_000)
		}},
		{"run paid missing", "not 0 <= paid", func(gs *types.GenesisState) { gs.ClaimRuns[0].Paid = math.Int{} }},
		{"run paid above pay_num", "not 0 <= paid", func(gs *types.GenesisState) { gs.ClaimRuns[0].PayNum = math.NewInt(400_000) }},
		{"run total not its claims' cover", "its claims' cover", func(gs *types.GenesisState) { gs.ClaimRuns[0].TotalCover = math.NewInt(3_000_000) }},
		{"claim paid beyond the cursor", "beyond the cursor", func(gs *types.GenesisState) { gs.ClaimRuns[0].Cursor = 0 }},
		{"phase 1 with a pay_num", "in phase 1 with pay_num", func(gs *types.GenesisState) { gs.ClaimRuns[0].Phase = 1 }},
		{"run in another denom", "a denom without books", func(gs *types.GenesisState) { gs.ClaimRuns[0].Denom = "udmc" }},
	}
	f := midRun(t)
	good, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var gs types.GenesisState
			if err := gs.Unmarshal(mustMarshal(t, good)); err != nil {
				t.Fatal(err)
			}
			tc.breakIt(&gs)
			if err := gs.Validate(); !types.ErrInvalidGenesis.Is(err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want ErrInvalidGenesis with %q", err, tc.want)
			}
		})
	}
}

func mustMarshal(t *testing.T, gs *types.GenesisState) []byte {
	t.Helper()
	bz, err := gs.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return bz
}
