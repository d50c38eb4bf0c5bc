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
