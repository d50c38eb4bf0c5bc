package testutil

import (
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// EventAttr is the value of key in the first event of type typ (a typed event's proto name,
// "dmex.dmc.v1.EventBlockMined"), unquoted; "" when there is none.
func EventAttr(events []abci.Event, typ, key string) string {
	for _, ev := range events {
		if ev.Type != typ {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == key {
				return strings.Trim(a.Value, `"`)
			}
		}
	}
	return ""
}

// EventCoin fails unless the first event of type typ has an amount key that parses as one coin
// (sdk.ParseCoinNormalized: "12udmc", never a bare integer or ""), and returns it.
func EventCoin(tb testing.TB, events []abci.Event, typ, key string) sdk.Coin {
	tb.Helper()
	s := EventAttr(events, typ, key)
	c, err := sdk.ParseCoinNormalized(s)
	if err != nil {
		tb.Fatalf("%s.%s is %q, not a coin string: %v", typ, key, s, err)
	}
	return c
}
