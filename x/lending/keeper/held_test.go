package keeper_test

import (
	"errors"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/lending/types"
)

// payer stands for a module paying a termination payment (x/escrow, x/riskfund).
var payer = sdk.AccAddress([]byte("payer_module________"))

// pay does what x/hashnft's PayNFTHolder does for a payee that is lending's account: the coins
// arrive in the module account, then the custodian books them for the NFT.
func (f *fixture) pay(nft uint64, amt int64) error {
	f.t.Helper()
	coins := sdk.NewCoins(sdk.NewInt64Coin(usdt, amt))
	f.bank.bal[payer.String()] = f.bank.bal[payer.String()].Add(coins...)
	if err := f.bank.SendCoins(f.ctx, payer, modAddr, coins); err != nil {
		f.t.Fatal(err)
	}
	return f.k.Custodian().Hold(f.ctx, nft, coins)
}

func (f *fixture) mustPay(nft uint64, amt int64) {
	f.t.Helper()
	if err := f.pay(nft, amt); err != nil {
		f.t.Fatal(err)
	}
	f.checkBooks()
}

func (f *fixture) heldBooks() math.Int {
	f.t.Helper()
	b, err := f.k.Books.Get(f.ctx, usdt)
	if err != nil {
		f.t.Fatal(err)
	}
	return b.Held
}

func (f *fixture) holds(nft uint64) bool {
	f.t.Helper()
	ok, err := f.k.Custodian().Holds(f.ctx, f.nft(nft))
	if err != nil {
		f.t.Fatal(err)
	}
	return ok
}

// Alice borrows against NFT 1, bob against NFT 3. A refund (50) and a cover (200) for NFT 1 and a
// compensation (30) for NFT 3 are held with the loans, in the books. Alice repays: she gets 250
// with her NFT. Bob does not: the lender gets NFT 3 and 30. A cover recorded while the loans were
// active and paid after they closed reaches whoever got the NFT: alice (40), the lender (20).
func TestHeldWithTheLoanAndReleased(t *testing.T) {
	f := setup(t)
	o := f.createOffer(productOffer(f.lender, 1, 2))
	l1 := f.take(f.alice, o, 1)
	l2 := f.take(f.bob, o, 3)
	if _, err := f.msg.CreateRequest(f.ctx, request(f.carol, []uint64{9}, 0)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		nft  uint64
		want bool
	}{{1, true}, {3, true}, {2, false}, {9, false}} { // 2: not locked; 9: locked by an open request
		if got := f.holds(c.nft); got != c.want {
			t.Fatalf("Holds(NFT %d) = %v, want %v", c.nft, got, c.want)
		}
	}

	f.mustPay(1, 50)
	f.mustPay(1, 200)
	f.mustPay(3, 30)
	heldOf := func(id uint64) sdk.Coins { return f.loan(id).Loan.Held }
	if got := heldOf(l1); !got.Equal(sdk.NewCoins(sdk.NewInt64Coin(usdt, 250))) {
		t.Fatalf("loan %d holds %s, want 250uusdt", l1, got)
	}
	if got := heldOf(l2); !got.Equal(sdk.NewCoins(sdk.NewInt64Coin(usdt, 30))) {
		t.Fatalf("loan %d holds %s, want 30uusdt", l2, got)
	}
	if got := f.heldBooks(); !got.Equal(math.NewInt(280)) {
		t.Fatalf("books hold %s, want 280", got)
	}
	alice0 := f.balance(f.alice, usdt)
	if alice0 != 1_001_000 {
		t.Fatalf("alice holds %d: a held payment reached her", alice0)
	}

	// Alice repays in full: the held 250 comes back with the NFT.
	f.repay(f.alice, l1, 1100)
	if got := f.balance(f.alice, usdt); got != alice0-1100+250 {
		t.Fatalf("alice holds %d after repaying, want %d", got, alice0-1100+250)
	}
	if got := f.heldBooks(); !got.Equal(math.NewInt(30)) {
		t.Fatalf("books hold %s after the repayment, want 30", got)
	}
	if f.holds(1) {
		t.Fatal("lending still holds payments for the repaid NFT 1")
	}

	// Bob's loan forecloses: the lender gets NFT 3 and the 30 held for it.
	lender0 := f.balance(f.lender, usdt)
	f.advance(38 * day)
	if got := f.loan(l2).Loan.Status; got != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatalf("loan %d: %s", l2, got)
	}
	if got := f.balance(f.lender, usdt); got != lender0+30 {
		t.Fatalf("lender holds %d, want %d", got, lender0+30)
	}
	if got := f.heldBooks(); !got.IsZero() {
		t.Fatalf("books hold %s after both loans closed", got)
	}

	// Claims recorded while the loans were active, paid now: forwarded to alice and the lender.
	alice1, lender1 := f.balance(f.alice, usdt), f.balance(f.lender, usdt)
	f.mustPay(1, 40)
	f.mustPay(3, 20)
	if got := f.balance(f.alice, usdt); got != alice1+40 {
		t.Fatalf("alice holds %d, want the late 40 forwarded", got)
	}
	if got := f.balance(f.lender, usdt); got != lender1+20 {
		t.Fatalf("lender holds %d, want the late 20 forwarded", got)
	}
	if got := f.heldBooks(); !got.IsZero() {
		t.Fatalf("forwarded payments stayed in the books: %s", got)
	}
	if got := heldOf(l1); !got.Equal(sdk.NewCoins(sdk.NewInt64Coin(usdt, 290))) {
		t.Fatalf("loan %d's record of what went with the NFT: %s, want 290", l1, got)
	}
	if got := f.balance(modAddr, usdt); got != 0 {
		t.Fatalf("module account keeps %d uusdt", got)
	}
}

// Bad payments: for an NFT that was never collateral, and an invalid amount; neither changes
// anything. Coins that arrive without being booked break the books check.
func TestHoldRefusals(t *testing.T) {
	f := setup(t)
	f.take(f.alice, f.createOffer(productOffer(f.lender, 1, 1)), 1)
	before := f.snapshot()
	if err := f.k.Custodian().Hold(f.ctx, 2, sdk.NewCoins(sdk.NewInt64Coin(usdt, 5))); !types.ErrLoanNotFound.Is(err) {
		t.Fatalf("hold for NFT 2 (never collateral): %v", err)
	}
	if err := f.k.Custodian().Hold(f.ctx, 1, sdk.Coins{sdk.Coin{Denom: usdt, Amount: math.NewInt(-1)}}); !types.ErrInvalidAmount.Is(err) {
		t.Fatalf("hold of a negative amount: %v", err)
	}
	if after := f.snapshot(); after != before {
		t.Fatal("a refused hold changed the state")
	}
	f.bank.bal[modAddr.String()] = f.bank.bal[modAddr.String()].Add(sdk.NewInt64Coin(usdt, 5))
	if err := f.k.CheckBooks(f.ctx); !types.ErrBooksMismatch.Is(err) {
		t.Fatalf("books with 5uusdt not booked: %v", err)
	}
}

// Held coins survive export and import, the NFTs' last loans are rebuilt, and validation
// refuses books whose held total differs from the loans'.
func TestGenesisHeld(t *testing.T) {
	f := setup(t)
	o := f.createOffer(productOffer(f.lender, 1, 2))
	l1 := f.take(f.alice, o, 1)
	l2 := f.take(f.bob, o, 3)
	f.mustPay(1, 70)
	f.mustPay(3, 5)
	f.repay(f.bob, l2, 1100)
	f.mustPay(3, 6) // forwarded to bob, recorded on loan 2 only
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	g := setup(t)
	if err := g.k.InitGenesis(g.ctx, *gs); err != nil {
		t.Fatal(err)
	}
	gs2, err := g.k.ExportGenesis(g.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := gs.String(), gs2.String(); a != b {
		t.Fatalf("round trip differs:\n%s\n%s", a, b)
	}
	for nft, want := range map[uint64]uint64{1: l1, 3: l2} {
		if got, err := g.k.LoanByNFT.Get(g.ctx, nft); err != nil || got != want {
			t.Fatalf("NFT %d's last loan after import: %d (%v), want %d", nft, got, err, want)
		}
	}
	if _, err := g.k.LoanByNFT.Get(g.ctx, 2); !errors.Is(err, collections.ErrNotFound) {
		t.Fatalf("NFT 2 was never collateral; its last loan after import: %v", err)
	}

	bad := func(name string, edit func(gs *types.GenesisState)) {
		t.Helper()
		c, err := f.k.ExportGenesis(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		edit(c)
		if err := c.Validate(); !types.ErrInvalidGenesis.Is(err) {
			t.Fatalf("%s: %v", name, err)
		}
	}
	bad("books hold more", func(gs *types.GenesisState) {
		for i := range gs.Books {
			if gs.Books[i].Denom == usdt {
				gs.Books[i].Held = gs.Books[i].Held.AddRaw(1)
			}
		}
	})
	bad("an active loan holds more", func(gs *types.GenesisState) {
		for i := range gs.Loans {
			if gs.Loans[i].Id == l1 {
				gs.Loans[i].Held = gs.Loans[i].Held.Add(sdk.NewInt64Coin(usdt, 1))
			}
		}
	})
	bad("invalid held coins", func(gs *types.GenesisState) {
		for i := range gs.Loans {
			if gs.Loans[i].Id == l1 {
				gs.Loans[i].Held = sdk.Coins{sdk.Coin{Denom: usdt, Amount: math.NewInt(-3)}}
			}
		}
	})
}

// A parked loan keeps holding: a payment while parked is held, and a successful retry of the
// foreclosure pays everything held to the lender with the NFT.
func TestHeldByAParkedLoan(t *testing.T) {
	f := setup(t)
	loanID := f.take(f.bob, f.createOffer(productOffer(f.lender, 1, 1)), 3)
	f.mustPay(3, 10)
	f.nfts.failMoves = true
	f.advance(37 * day)
	for i := 0; i < types.MaxForeclosureFailures-1; i++ {
		f.advance(types.ForeclosureRetry)
	}
	if s := f.loan(loanID).Loan.Status; s != types.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED {
		t.Fatalf("fixture: status %s", s)
	}
	if !f.holds(3) {
		t.Fatal("a parked loan's NFT is not held")
	}
	f.mustPay(3, 5)
	if got := f.heldBooks(); !got.Equal(math.NewInt(15)) {
		t.Fatalf("books hold %s while parked, want 15", got)
	}
	lender0, bob0 := f.balance(f.lender, usdt), f.balance(f.bob, usdt)
	f.nfts.failMoves = false
	if _, err := f.msg.RetryForeclosure(f.ctx, &types.MsgRetryForeclosure{Signer: f.carol.String(), LoanId: loanID}); err != nil {
		t.Fatal(err)
	}
	f.checkBooks()
	if got := f.balance(f.lender, usdt); got != lender0+15 {
		t.Fatalf("lender holds %d after the retry, want %d", got, lender0+15)
	}
	if got := f.balance(f.bob, usdt); got != bob0 {
		t.Fatalf("bob holds %d, want %d", got, bob0)
	}
	if got := f.heldBooks(); !got.IsZero() {
		t.Fatalf("books hold %s after the retry", got)
	}
}
