package app

import (
	"fmt"
	"strings"
	"testing"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/runtime"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// recovered runs fn and returns what it panicked with ("" if it did not).
func recovered(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	fn()
	return ""
}

// New ends the keepers' wiring with mustBeWired: a keeper missing a required registration stops
// the app with a message naming each missing one, and once New has returned the registrations
// are closed (so New did check them).
func TestMissingRegistrationPanics(t *testing.T) {
	a := New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	hk := func() hashnftkeeper.Keeper {
		return hashnftkeeper.NewKeeper(a.appCodec, runtime.NewKVStoreService(a.keys[hashnfttypes.StoreKey]),
			a.DaoKeeper, a.AccountKeeper, a.BankKeeper, a.DmcKeeper, nil)
	}
	ek := func(h hashnftkeeper.Keeper) escrowkeeper.Keeper {
		return escrowkeeper.NewKeeper(a.appCodec, runtime.NewKVStoreService(a.keys[escrowtypes.StoreKey]),
			a.DaoKeeper, a.AccountKeeper, a.BankKeeper, &a.EpochsKeeper, h, h, nil)
	}

	// Nothing registered: each of x/hashnft's four required registrations is named.
	msg := recovered(func() { mustBeWired(hk()) })
	for _, want := range []string{"app: keeper wiring incomplete", "RegisterNFTHooks", "RegisterEarningsReader", "RegisterRewardDenoms", "RegisterRiskFund"} {
		if !strings.Contains(msg, want) {
			t.Fatalf("unwired x/hashnft: panic %q, want it to name %q", msg, want)
		}
	}

	// Everything as in New but the termination listener: x/escrow's is named, and only it.
	h := hk()
	e := ek(h)
	h.RegisterNFTHooks(e.NFTHooks())
	h.RegisterEarningsReader(e)
	h.RegisterRewardDenoms(e)
	h.RegisterRiskFund(a.RiskfundKeeper)
	msg = recovered(func() { mustBeWired(h, e) })
	if !strings.Contains(msg, "x/escrow: no termination hooks registered (RegisterTerminationHooks") || strings.Contains(msg, "x/hashnft: no") {
		t.Fatalf("x/escrow without its termination listener: panic %q", msg)
	}

	// Fully wired: no panic.
	h, e = hk(), ek(hk())
	h.RegisterNFTHooks(e.NFTHooks())
	h.RegisterEarningsReader(e)
	h.RegisterRewardDenoms(e)
	h.RegisterRiskFund(a.RiskfundKeeper)
	e.RegisterTerminationHooks(h.ProductEndHooks())
	if msg := recovered(func() { mustBeWired(h, e) }); msg != "" {
		t.Fatalf("wired keepers: panic %q", msg)
	}

	// The app's own keepers were checked in New: a registration now is refused.
	if msg := recovered(func() { a.HashnftKeeper.RegisterNFTHooks(a.EscrowKeeper.NFTHooks()) }); !strings.Contains(msg, "after the app's wiring was checked") {
		t.Fatalf("registering with x/hashnft after New: panic %q", msg)
	}
	if msg := recovered(func() { a.EscrowKeeper.RegisterTerminationHooks(a.HashnftKeeper.ProductEndHooks()) }); !strings.Contains(msg, "after the app's wiring was checked") {
		t.Fatalf("registering with x/escrow after New: panic %q", msg)
	}
}
