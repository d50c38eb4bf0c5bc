package amounts_test

import (
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
)

func TestAmountsParseAsCoins(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{amounts.Coin("udmc", math.NewInt(12)), "12udmc"},
		{amounts.Coin("udmc", math.ZeroInt()), "0udmc"},
		{amounts.Coin("udmc", math.Int{}), "0udmc"},
		{amounts.Coins(nil, "aifil"), "0aifil"},
		{amounts.Coins(sdk.NewCoins(), "aifil"), "0aifil"},
		{amounts.Coins(sdk.NewCoins(sdk.NewInt64Coin("aifil", 3), sdk.NewInt64Coin("uusdt", 5)), "aifil"), "3aifil,5uusdt"},
	} {
		if tc.got != tc.want {
			t.Fatalf("got %q, want %q", tc.got, tc.want)
		}
		if _, err := sdk.ParseCoinsNormalized(tc.got); err != nil {
			t.Fatalf("%q does not parse as coins: %v", tc.got, err)
		}
	}
}
