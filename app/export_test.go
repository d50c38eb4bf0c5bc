package app_test

import (
	"testing"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// A chain exported and imported keeps its authority, council, DMC books and balances, in
// either governance phase.
func TestExportImportKeepsAuthorityAndBooks(t *testing.T) {
	for _, handover := range []bool{false, true} {
		name := "council phase"
		if handover {
			name = "dao phase"
		}
		t.Run(name, func(t *testing.T) {
			e := testutil.New(t, testutil.Options{})
			auth, _ := e.App.DaoKeeper.GetAuthority(e.Ctx())
			if handover {
				gov := authtypes.NewModuleAddress(govtypes.ModuleName)
				e.CouncilPropose(4, &daotypes.MsgUpdateAuthority{Authority: auth.String(), NewAuthority: gov.String()})
			}
			for i := 0; i < 3; i++ {
				e.NextBlock()
			}
			// Every module's state is the same on the imported chain (testutil.RoundTrip); the
			// authority, the council and the DMC books, read through their keepers:
			imported := e.RoundTrip()
			b, ctxA, ctxB := imported.App, e.Ctx(), imported.Ctx()
			authA, _ := e.App.DaoKeeper.GetAuthority(ctxA)
			authB, err := b.DaoKeeper.GetAuthority(ctxB)
			if err != nil || !authA.Equals(authB) {
				t.Fatalf("authority %s after import, want %s (%v)", authB, authA, err)
			}
			phaseA, _ := e.App.DaoKeeper.Phase(ctxA)
			phaseB, _ := b.DaoKeeper.Phase(ctxB)
			if phaseA != phaseB {
				t.Fatalf("phase %s after import, want %s", phaseB, phaseA)
			}
			gA, _ := e.App.DaoKeeper.CouncilGroupID.Get(ctxA)
			gB, _ := b.DaoKeeper.CouncilGroupID.Get(ctxB)
			if gA != gB || gA == 0 {
				t.Fatalf("council group %d after import, want %d", gB, gA)
			}
			sA, err := dmckeeper.NewQueryServerImpl(e.App.DmcKeeper).Supply(ctxA, &dmctypes.QuerySupplyRequest{})
			if err != nil {
				t.Fatal(err)
			}
			sB, err := dmckeeper.NewQueryServerImpl(b.DmcKeeper).Supply(ctxB, &dmctypes.QuerySupplyRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if sA.String() != sB.String() {
				t.Fatalf("supply after import %v, want %v", sB, sA)
			}
			for _, acc := range e.Accounts {
				if a, b := e.App.BankKeeper.GetAllBalances(ctxA, acc.Addr), b.BankKeeper.GetAllBalances(ctxB, acc.Addr); !a.Equal(b) {
					t.Fatalf("balance of %s: %s after import, want %s", acc.Addr, b, a)
				}
			}
			if err := b.DmcKeeper.CheckSupply(ctxB); err != nil {
				t.Fatal(err)
			}
		})
	}
}
