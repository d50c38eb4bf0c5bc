package blockhook_test

import (
	"errors"
	"testing"

	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/blockhook"
)

func TestRunWritesOnlyOnSuccess(t *testing.T) {
	key := storetypes.NewKVStoreKey("test")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("t"))
	for _, tc := range []struct {
		name    string
		fn      func(sdk.Context) error
		written bool
	}{
		{"success", func(c sdk.Context) error { c.KVStore(key).Set([]byte("k"), []byte("ok")); return nil }, true},
		{"error", func(c sdk.Context) error { c.KVStore(key).Set([]byte("k"), []byte("x")); return errors.New("boom") }, false},
		{"panic", func(c sdk.Context) error { c.KVStore(key).Set([]byte("k"), []byte("x")); panic("boom") }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx.KVStore(key).Delete([]byte("k"))
			ctx = ctx.WithEventManager(sdk.NewEventManager())
			blockhook.Run(ctx, "m", "h", tc.fn)
			if got := ctx.KVStore(key).Has([]byte("k")); got != tc.written {
				t.Fatalf("written = %v, want %v", got, tc.written)
			}
			failed := len(ctx.EventManager().Events()) > 0 && ctx.EventManager().Events()[0].Type == blockhook.EventTypeHookFailed
			if failed == tc.written {
				t.Fatalf("failure event = %v for %s", failed, tc.name)
			}
		})
	}
}

// Out of gas of the caller's own gas meter (a transaction's) is not the hook's failure: the
// transaction has no gas left, so Run re-panics and BaseApp aborts it with ErrOutOfGas. In a
// block (infinite gas meter) a hook's own out-of-gas is still caught.
func TestRunLetsTheTransactionRunOutOfGas(t *testing.T) {
	key := storetypes.NewKVStoreKey("test")
	base := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("t"))
	write := func(c sdk.Context) error { c.KVStore(key).Set([]byte("k"), []byte("x")); return nil }

	for _, tc := range []struct {
		name  string
		limit storetypes.Gas
		fn    func(sdk.Context) error
	}{
		{"out of gas", 10, write},
		{"gas overflow", 1_000_000, func(c sdk.Context) error {
			c.GasMeter().ConsumeGas(1, "before")
			c.GasMeter().ConsumeGas(^storetypes.Gas(0), "overflow")
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := base.WithGasMeter(storetypes.NewGasMeter(tc.limit)).WithEventManager(sdk.NewEventManager())
			defer func() {
				r := recover()
				switch r.(type) {
				case storetypes.ErrorOutOfGas, storetypes.ErrorGasOverflow:
				default:
					t.Fatalf("recovered %v (%T), want the gas panic to reach the caller", r, r)
				}
				if ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).KVStore(key).Has([]byte("k")) {
					t.Fatal("the hook's write was kept")
				}
				if n := len(ctx.EventManager().Events()); n != 0 {
					t.Fatalf("%d events, want none", n)
				}
			}()
			blockhook.Run(ctx, "m", "h", tc.fn)
			t.Fatal("Run returned")
		})
	}

	// A block's infinite meter: a hook that runs its work under its own limited meter and runs
	// out is a failed hook like any other.
	ctx := base.WithGasMeter(storetypes.NewInfiniteGasMeter()).WithEventManager(sdk.NewEventManager())
	blockhook.Run(ctx, "m", "h", func(c sdk.Context) error {
		return write(c.WithGasMeter(storetypes.NewGasMeter(10)))
	})
	if ev := ctx.EventManager().Events(); len(ev) != 1 || ev[0].Type != blockhook.EventTypeHookFailed {
		t.Fatalf("events %v, want one %s", ev, blockhook.EventTypeHookFailed)
	}
}
