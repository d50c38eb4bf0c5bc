package app

import (
	"encoding/json"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestexported "github.com/cosmos/cosmos-sdk/x/auth/vesting/exported"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// ValidateDMCBooks checks what no single module's genesis validation can: that the udmc in
// x/bank is exactly the allocation plus what mining minted minus what was burned, and that each
// vesting line of the allocation is a vesting account. The error says which figure is off.
func ValidateDMCBooks(cdc codec.Codec, appState map[string]json.RawMessage) error {
	var dmcGen dmctypes.GenesisState
	if err := cdc.UnmarshalJSON(appState[dmctypes.ModuleName], &dmcGen); err != nil {
		return fmt.Errorf("read %s genesis: %w", dmctypes.ModuleName, err)
	}
	if len(dmcGen.Allocation) == 0 {
		return fmt.Errorf("the genesis has no DMC allocation: build it with `dmexd genesis allocate <file>`")
	}
	allocated := math.ZeroInt()
	for _, l := range dmcGen.Allocation {
		allocated = allocated.Add(l.Amount)
	}
	want := allocated.Add(dmcGen.MintedByMining).Sub(dmcGen.Burned)

	bankGen := banktypes.GetGenesisStateFromAppState(cdc, appState)
	held := math.ZeroInt()
	for _, b := range bankGen.Balances {
		held = held.Add(b.Coins.AmountOf(BondDenom))
	}
	if !held.Equal(want) {
		return fmt.Errorf("DMC does not add up: the accounts hold %s%s, but the allocation is %s%s + %s mined - %s burned = %s%s (difference %s%s: DMC must come only from the allocation)",
			held, BondDenom, allocated, BondDenom, dmcGen.MintedByMining, dmcGen.Burned, want, BondDenom, held.Sub(want), BondDenom)
	}
	if supply := bankGen.Supply.AmountOf(BondDenom); !bankGen.Supply.Empty() && !supply.Equal(want) {
		return fmt.Errorf("DMC does not add up: bank supply says %s%s, the allocation and mining account for %s%s", supply, BondDenom, want, BondDenom)
	}
	if want.GT(dmcGen.Params.MaxSupply) {
		return fmt.Errorf("DMC supply %s%s is above the maximum %s%s", want, BondDenom, dmcGen.Params.MaxSupply, BondDenom)
	}

	authGen := authtypes.GetGenesisStateFromAppState(cdc, appState)
	accounts, err := authtypes.UnpackAccounts(authGen.Accounts)
	if err != nil {
		return err
	}
	byAddr := make(map[string]authtypes.GenesisAccount, len(accounts))
	for _, a := range accounts {
		byAddr[a.GetAddress().String()] = a
	}
	for i, l := range dmcGen.Allocation {
		if !l.Vesting {
			continue
		}
		if _, ok := byAddr[l.Address].(vestexported.VestingAccount); !ok {
			return fmt.Errorf("allocation line %d (%s %s): the account is not a vesting account in app_state.auth", i, l.Category, l.Address)
		}
	}
	return nil
}
