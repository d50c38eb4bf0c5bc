package keeper_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"testing"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

// booksAccesses counts the reads and writes of the books in a store trace.
func booksAccesses(t *testing.T, trace *bytes.Buffer) (reads, writes int) {
	t.Helper()
	sc := bufio.NewScanner(trace)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var op struct {
			Operation string `json:"operation"`
			Key       string `json:"key"`
		}
		if err := json.Unmarshal(sc.Bytes(), &op); err != nil {
			t.Fatal(err)
		}
		key, err := base64.StdEncoding.DecodeString(op.Key)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(key, types.BooksKey.Bytes()) {
			continue
		}
		switch op.Operation {
		case "read":
			reads++
		case "write":
			writes++
		}
	}
	trace.Reset()
	return reads, writes
}

// A block's rounds read a denom's books once and write them once, however many claims they
// record or pay and NFTs they compensate: rewriting the books for every step made a block's store
// gas grow with the digits of the fund's amounts (+1.6% from 1,000 to 100,000 NFTs in
// BenchmarkRiskFundRounds). The claims and the compensation are still paid in full.
func TestRoundsWriteBooksOncePerBlock(t *testing.T) {
	f := setup(t)
	params, err := f.k.Params.Get(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	params.RoundsPerBlock = 20
	if err := f.k.Params.Set(f.ctx, params); err != nil {
		t.Fatal(err)
	}
	f.fund(t, 10_000_000) // capacity for 7 policies
	// Product 2's 7 NFTs (ids 4..10, held by holders 3..9) insured; 43 of its 100 days unpaid after cover start.
	for id := uint64(4); id <= 10; id++ {
		if err := f.insure(id, f.hold[id-1]); err != nil {
			t.Fatal(err)
		}
	}
	before := make([]int64, len(f.hold))
	for i, h := range f.hold {
		before[i] = bal(f, h)
	}
	// Cover starts after the close of day 17 (bought on day 10, 7 waiting days): the snapshot of
	// the counter (0) is taken; 43 unpaid days follow before the termination on day 60.
	f.risk.day, f.risk.products[2].ClosedThrough = 17, 17
	f.rounds(t, 1)
	f.risk.day, f.risk.products[2].ClosedThrough = 60, 60
	f.risk.products[2].Status, f.risk.products[2].UnpaidDays = types.StatusTerminated, 43
	if err := f.k.BeforeProductTerminated(f.ctx, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: 2, Amount: sdk.NewInt64Coin(denom, 700)}); err != nil {
		t.Fatal(err)
	}
	ms, ok := f.ctx.MultiStore().(interface {
		SetTracer(io.Writer) storetypes.MultiStore
	})
	if !ok {
		t.Fatalf("multi-store %T cannot trace", f.ctx.MultiStore())
	}
	var trace bytes.Buffer
	ms.SetTracer(&trace)
	defer ms.SetTracer(nil)
	// Block 1 records the 7 claims (and opens phase 2), block 2 pays them and the compensation's
	// 7 parts, block 3 has nothing to do.
	for block, want := range []int{1, 1, 0} {
		f.rounds(t, 1)
		reads, writes := booksAccesses(t, &trace)
		if reads != want || writes != want {
			t.Errorf("block %d: the books read %d times and written %d times, want %d and %d", block+1, reads, writes, want, want)
		}
	}
	if n, err := f.k.ClaimRuns.Has(f.ctx, 2); err != nil || n {
		t.Fatalf("product 2's claim run still open (%v)", err)
	}
	f.checkBooks(t)
	// Cover: 1,000,000 × 43 / 100 = 430,000 each; compensation 100 each.
	for id := 4; id <= 10; id++ {
		if got := bal(f, f.hold[id-1]) - before[id-1]; got != 430_000+100 {
			t.Errorf("holder of NFT %d received %d, want 430,100", id, got)
		}
	}
	if b := f.books(t); !b.Owed.IsZero() || !b.Reserved.IsZero() || !b.Committed.IsZero() || !b.Allotted.Equal(math.ZeroInt()) {
		t.Errorf("books after the rounds: %v", b)
	}
}
