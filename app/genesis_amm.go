package app

import (
	"encoding/json"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	ammtypes "github.com/dmexchain/dmex/x/amm/types"
)

// ApplyGenesisPool opens an x/amm pool in a genesis (a local or test network's demo pools, SPEC
// §7): it moves tokenA and tokenB from the provider's genesis balance into the amm module
// account, creates the pool with them as its reserves and gives the provider its shares,
// floor(sqrt(a·b)) less the locked minimum_liquidity, as a genesis balance of amm/pool/{id} (in
// the bank supply too, when the genesis lists one). No creation fee is paid: no revenue exists
// before the first block. The pool's first price record is at genesisTime. It returns the pool.
func ApplyGenesisPool(cdc codec.Codec, appState map[string]json.RawMessage, provider sdk.AccAddress, tokenA, tokenB sdk.Coin, genesisTime time.Time) (ammtypes.Pool, error) {
	var gs ammtypes.GenesisState
	if err := cdc.UnmarshalJSON(appState[ammtypes.ModuleName], &gs); err != nil {
		return ammtypes.Pool{}, fmt.Errorf("read %s genesis: %w", ammtypes.ModuleName, err)
	}
	if tokenA.Denom > tokenB.Denom {
		tokenA, tokenB = tokenB, tokenA
	}
	for _, c := range []sdk.Coin{tokenA, tokenB} {
		if err := c.Validate(); err != nil || !c.IsPositive() {
			return ammtypes.Pool{}, fmt.Errorf("pool liquidity %s: want a positive amount of a valid denom", c)
		}
		if !gs.Params.Accepts(c.Denom) {
			return ammtypes.Pool{}, fmt.Errorf("denom %s is not accepted by x/amm (accepted: %v)", c.Denom, gs.Params.AcceptedDenoms)
		}
	}
	if tokenA.Denom == tokenB.Denom {
		return ammtypes.Pool{}, fmt.Errorf("a pool needs two different denoms, got %s twice", tokenA.Denom)
	}
	for _, p := range gs.Pools {
		if p.DenomA == tokenA.Denom && p.DenomB == tokenB.Denom {
			return ammtypes.Pool{}, fmt.Errorf("pool %d already holds %s/%s", p.Id, p.DenomA, p.DenomB)
		}
	}
	shares := ammtypes.InitialShares(tokenA.Amount, tokenB.Amount)
	if !shares.GT(gs.Params.MinimumLiquidity) {
		return ammtypes.Pool{}, fmt.Errorf("liquidity %s + %s gives %s shares, not above the locked minimum %s", tokenA, tokenB, shares, gs.Params.MinimumLiquidity)
	}
	id := max(gs.NextPoolId, 1)
	pool := ammtypes.Pool{
		Id: id, DenomA: tokenA.Denom, DenomB: tokenB.Denom, ReserveA: tokenA.Amount, ReserveB: tokenB.Amount,
		Shares: shares, LockedShares: gs.Params.MinimumLiquidity, SwapFeeBps: gs.Params.DefaultSwapFeeBps,
		Creator: provider.String(), CreatedHeight: 0,
	}
	providerShares := sdk.NewCoin(ammtypes.ShareDenom(id), shares.Sub(gs.Params.MinimumLiquidity))

	bankGen := banktypes.GetGenesisStateFromAppState(cdc, appState)
	paid := sdk.NewCoins(tokenA, tokenB)
	found := false
	for i, b := range bankGen.Balances {
		if b.Address != provider.String() {
			continue
		}
		rest, negative := b.Coins.SafeSub(paid...)
		if negative {
			return ammtypes.Pool{}, fmt.Errorf("%s holds %s at genesis, the pool needs %s", provider, b.Coins, paid)
		}
		bankGen.Balances[i].Coins = rest.Add(providerShares)
		found = true
	}
	if !found {
		return ammtypes.Pool{}, fmt.Errorf("%s has no genesis balance (add it with `dmexd genesis add-genesis-account` first)", provider)
	}
	ammAddr := authtypes.NewModuleAddress(ammtypes.ModuleName).String()
	credited := false
	for i, b := range bankGen.Balances {
		if b.Address == ammAddr {
			bankGen.Balances[i].Coins = b.Coins.Add(paid...)
			credited = true
		}
	}
	if !credited {
		bankGen.Balances = append(bankGen.Balances, banktypes.Balance{Address: ammAddr, Coins: paid})
	}
	if !bankGen.Supply.Empty() {
		bankGen.Supply = bankGen.Supply.Add(providerShares)
	}
	bankGen.Balances = banktypes.SanitizeGenesisBalances(bankGen.Balances)

	gs.Pools = append(gs.Pools, pool)
	gs.NextPoolId = id + 1
	gs.TwapRecords = append(gs.TwapRecords, ammtypes.TwapRecord{
		PoolId: id, Time: genesisTime, Height: 0, CumulativeA: math.LegacyZeroDec(), CumulativeB: math.LegacyZeroDec(),
	})
	var err error
	if appState[ammtypes.ModuleName], err = cdc.MarshalJSON(&gs); err != nil {
		return ammtypes.Pool{}, err
	}
	if appState[banktypes.ModuleName], err = cdc.MarshalJSON(bankGen); err != nil {
		return ammtypes.Pool{}, err
	}
	return pool, nil
}
