package testutil

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// A chain with oracle records survives the round trip, and the imported chain takes
// transactions from the same accounts.
func TestRoundTripKeepsTheChain(t *testing.T) {
	e := New(t, Options{Accounts: 2, NodePower: map[string]int64{"f01234": 100}})
	a, b := e.Accounts[0], e.Accounts[1]
	e.MustDeliver(a, banktypes.NewMsgSend(a.Addr, b.Addr, sdk.NewCoins(sdk.NewInt64Coin("uusdt", 5))))
	imported := e.RoundTrip()
	if imported.App == e.App || imported.App.LastBlockHeight() != e.App.LastBlockHeight() {
		t.Fatalf("imported chain at height %d, the original at %d", imported.App.LastBlockHeight(), e.App.LastBlockHeight())
	}
	ia, ib := imported.Accounts[0], imported.Accounts[1]
	imported.MustDeliver(ia, banktypes.NewMsgSend(ia.Addr, ib.Addr, sdk.NewCoins(sdk.NewInt64Coin("uusdt", 7))))
	e.MustDeliver(a, banktypes.NewMsgSend(a.Addr, b.Addr, sdk.NewCoins(sdk.NewInt64Coin("uusdt", 7))))
	if diff := SameExport(e.Export().AppState, imported.Export().AppState); diff != "" {
		t.Fatalf("the same transaction on both chains: %s", diff)
	}
}

// A module that forgets a record in its export fails the round trip, naming the module: here
// x/oracle's export loses its node days.
func TestRoundTripCatchesAForgottenRecord(t *testing.T) {
	e := New(t, Options{Accounts: 1, NodePower: map[string]int64{"f01234": 100}})
	e.editExport = func(gen map[string]json.RawMessage) {
		var oracle map[string]json.RawMessage
		must(t, json.Unmarshal(gen["oracle"], &oracle))
		if string(oracle["node_days"]) == "[]" {
			t.Fatal("no node day to drop")
		}
		oracle["node_days"] = json.RawMessage("[]")
		bz, err := json.Marshal(oracle)
		must(t, err)
		gen["oracle"] = bz
	}
	failure := fatalOf(t, func(tb testing.TB) { e.TB = tb; e.RoundTrip() })
	if !strings.Contains(failure, "modules [oracle] differ") || !strings.Contains(failure, "node_days") {
		t.Fatalf("round trip of a faulty export: %q", failure)
	}
	t.Log(failure)
}

// fatalOf runs f with a testing.TB whose Fatal stops f, and returns what f failed with ("" if
// it did not).
func fatalOf(t *testing.T, f func(testing.TB)) string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r.failure
}

type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatal(args ...any) {
	r.failure = fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
