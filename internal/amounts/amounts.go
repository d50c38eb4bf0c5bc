// Package amounts writes the amounts of DMEX's typed events in one format: a coin string as
// sdk.Coin.String() and sdk.Coins.String() write it ("12udmc", "3aifil,5uusdt"), readable with
// sdk.ParseCoinNormalized / sdk.ParseCoinsNormalized; a zero amount is "0udmc", never "" and
// never a bare integer.
package amounts

import (
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Coin is amt of denom as a coin string.
func Coin(denom string, amt math.Int) string {
	if amt.IsNil() {
		amt = math.ZeroInt()
	}
	return sdk.Coin{Denom: denom, Amount: amt}.String()
}

// Coins is c as a coin string; empty coins are "0" in denom (the denom the amount is kept in).
func Coins(c sdk.Coins, denom string) string {
	if c.IsZero() {
		return Coin(denom, math.ZeroInt())
	}
	return c.String()
}
