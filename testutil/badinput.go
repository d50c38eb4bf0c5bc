package testutil

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/app"
)

// BadInput is one row of a bad-input table: a message a user (or a proposal's execution) could
// send, the registered error it must fail with, and a part of the error's message that names the
// wrong value ("" when the error need not name one).
type BadInput struct {
	Name string
	Msg  sdk.Msg
	Err  *errorsmod.Error
	Says string
}

// BadInputs runs each row as a subtest: it delivers the row's message through the app's message
// router in a branch of ctx, as BaseApp runs a transaction's message, and asserts that
//   - it fails with the row's error (errors.Is);
//   - a client sees that error's ABCI code and codespace, as BaseApp turns the error into the
//     transaction's result (never code 1 in codespace "undefined");
//   - the error's message contains the row's Says;
//   - no store of any module changed in the branch: every KV store of the app hashes the same
//     after the message as before (a handler that writes and then fails is caught here, even
//     though a transaction would drop its writes).
//
// The signature and fee checks of the ante handler are not run: the rows are what the message
// handlers must reject, whoever signs (authority messages come from a proposal's execution,
// which no ante handler sees).
func BadInputs(t *testing.T, a *app.App, ctx sdk.Context, rows []BadInput) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.Name, func(t *testing.T) {
			if msg := checkBadInput(a, ctx, row); msg != "" {
				t.Fatal(msg)
			}
		})
	}
}

// checkBadInput is BadInputs for one row: what is wrong with it, or "".
func checkBadInput(a *app.App, ctx sdk.Context, row BadInput) string {
	if row.Err == nil {
		return "row has no registered error to expect"
	}
	handler := a.MsgServiceRouter().Handler(row.Msg)
	if handler == nil {
		return fmt.Sprintf("no handler for %T", row.Msg)
	}
	branch, _ := ctx.CacheContext() // dropped, as BaseApp drops a failed message's writes
	before := StoreHashes(a, branch)
	_, err := handler(branch, row.Msg)
	if err == nil {
		return fmt.Sprintf("%T succeeded, want %v", row.Msg, row.Err)
	}
	if !errors.Is(err, row.Err) {
		return fmt.Sprintf("error %v, want %v", err, row.Err)
	}
	space, code, _ := errorsmod.ABCIInfo(err, false)
	if code != row.Err.ABCICode() || space != row.Err.Codespace() || code <= 1 || space == errorsmod.UndefinedCodespace {
		return fmt.Sprintf("error %q reaches the client as code %d in codespace %q, want %d in %q",
			err, code, space, row.Err.ABCICode(), row.Err.Codespace())
	}
	if !strings.Contains(err.Error(), row.Says) {
		return fmt.Sprintf("error %q does not say %q", err, row.Says)
	}
	if changed := ChangedStores(before, StoreHashes(a, branch)); len(changed) > 0 {
		return fmt.Sprintf("%T failed (%v) but changed the stores %v", row.Msg, err, changed)
	}
	return ""
}

// StoreHashes is a hash of every KV store of the app as ctx reads it, by store name.
func StoreHashes(a *app.App, ctx sdk.Context) map[string][32]byte {
	root, ok := a.CommitMultiStore().(*rootmulti.Store)
	if !ok {
		panic(fmt.Sprintf("testutil: expected the SDK's rootmulti store, got %T", a.CommitMultiStore()))
	}
	out := map[string][32]byte{}
	for name, key := range root.StoreKeysByName() {
		kv, ok := key.(*storetypes.KVStoreKey)
		if !ok {
			continue // transient and memory stores are not state
		}
		out[name] = hashStore(ctx.MultiStore().GetKVStore(kv))
	}
	return out
}

func hashStore(s storetypes.KVStore) [32]byte {
	h := sha256.New()
	it := s.Iterator(nil, nil)
	defer it.Close()
	var n [8]byte
	for ; it.Valid(); it.Next() {
		for _, b := range [][]byte{it.Key(), it.Value()} {
			binary.BigEndian.PutUint64(n[:], uint64(len(b)))
			h.Write(n[:])
			h.Write(b)
		}
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// ChangedStores lists, sorted, the stores whose hashes differ between before and after.
func ChangedStores(before, after map[string][32]byte) []string {
	var out []string
	for name, h := range after {
		if before[name] != h {
			out = append(out, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
