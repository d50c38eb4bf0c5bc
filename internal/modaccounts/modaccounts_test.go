package modaccounts_test

import (
	"slices"
	"testing"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/internal/modaccounts"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	jointminetypes "github.com/dmexchain/dmex/x/jointmine/types"
	lendingtypes "github.com/dmexchain/dmex/x/lending/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// A module's own account is named after the module: the names here are the modules' names.
func TestModuleNamedAccountsAreTheModules(t *testing.T) {
	for name, module := range map[string]string{
		modaccounts.Dao: daotypes.ModuleName, modaccounts.Dmc: dmctypes.ModuleName, modaccounts.Hashnft: hashnfttypes.ModuleName,
		modaccounts.Escrow: escrowtypes.ModuleName, modaccounts.Oracle: oracletypes.ModuleName,
		modaccounts.Lending: lendingtypes.ModuleName, modaccounts.Amm: ammtypes.ModuleName,
		modaccounts.AmmBuyback: ammtypes.BuybackAccount, modaccounts.Jointmine: jointminetypes.ModuleName,
	} {
		if name != module {
			t.Errorf("account %q, module %q", name, module)
		}
	}
}

// The app creates every account named here with its permissions, and blocks each from bank
// sends (the books of each are kept by its module; only x/gov's account takes bank sends).
func TestTheAppTakesItsModuleAccountsFromHere(t *testing.T) {
	perms := app.ModuleAccountPermissions()
	blocked := app.BlockedAddresses()
	for name, want := range modaccounts.Permissions() {
		got, ok := perms[name]
		if !ok || !slices.Equal(got, want) {
			t.Errorf("app permissions of %s: %v (present %v), want %v", name, got, ok, want)
		}
		if !blocked[authtypes.NewModuleAddress(name).String()] {
			t.Errorf("%s is not blocked from bank sends", name)
		}
	}
	if blocked[authtypes.NewModuleAddress(govtypes.ModuleName).String()] {
		t.Error("x/gov's account is blocked; deposits need it open")
	}
}

func TestRevenueSourcesAndUsesAreKnown(t *testing.T) {
	for _, s := range []string{"channel_fee", "trading_fee", "lending_fee", "pool_share", "redemption_fee", "swap_fee", "pool_creation_fee", "buyback_return"} {
		if !modaccounts.IsRevenueSource(s) {
			t.Errorf("source %q unknown", s)
		}
	}
	for _, s := range []string{"", "tips", "buyback", "CHANNEL_FEE"} {
		if modaccounts.IsRevenueSource(s) {
			t.Errorf("%q is a source", s)
		}
	}
	if !modaccounts.IsRevenueUse("authority_spend") || !modaccounts.IsRevenueUse("buyback") || modaccounts.IsRevenueUse("channel_fee") {
		t.Error("uses")
	}
}
