package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/types"
)

// Through the real app, with every module's books (x/lending's among them) checked after every
// block by testutil: a lender offers uusdt against any NFT of a product; A takes it with one NFT
// and keeps receiving its daily rewards while it is locked; A repays in two parts and gets the NFT
// back, unlocked; the fee on interest reaches the revenue ledger. B takes a second loan and does
// not repay: at the grace end the loan forecloses by itself, the NFT is the lender's, and the
// next day's rewards reach the lender.
func TestLoanThroughTheApp(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 4, NodePower: map[string]int64{"f01234": 1_000}})
	miner, a, b, lender := e.Accounts[0], e.Accounts[1], e.Accounts[2], e.Accounts[3]
	ctx := e.Ctx
	auth, err := e.App.DaoKeeper.GetAuthority(ctx())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range e.App.BooksChecks() {
		found = found || (c.Module == types.ModuleName && c.Name == "books")
	}
	if !found {
		t.Fatal("x/lending's books check is not among the checks testutil runs after every block")
	}

	// A 30-day product of 10 NFTs at 1,000,000uusdt; A and B buy one each.
	product := approvedProduct(t, e, miner, auth.String())
	nftOf := func(who *testutil.Account) hashnfttypes.NFT { return onlyNFTOf(t, e, who) }
	for _, who := range []*testutil.Account{a, b} {
		e.MustDeliver(who, &hashnfttypes.MsgBuyNFTs{Buyer: who.Addr.String(), ProductId: product, Quantity: 1, MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000_000)})
	}
	aNFT, bNFT := nftOf(a), nftOf(b)
	bal := func(who *testutil.Account, denom string) math.Int {
		return e.App.BankKeeper.GetBalance(ctx(), who.Addr, denom).Amount
	}
	day := func() {
		t.Helper()
		e.MustDeliver(miner, &escrowtypes.MsgDepositRewards{Miner: miner.Addr.String(), ProductId: product, Amount: sdk.NewCoin("aifil", math.NewIntWithDecimal(10, 18))})
		e.PassTime(24 * time.Hour)
		for range 3 {
			e.NextBlock()
		}
	}
	day() // the first day's rewards start the product's cash flow

	// The lender offers 500,000uusdt for 5 days at 50,000 interest, two loans, against any NFT of
	// the product: 1,000,000 is locked at once.
	term := 5 * 24 * time.Hour
	l0 := bal(lender, "uusdt")
	e.MustDeliver(lender, &types.MsgCreateOffer{
		Lender: lender.Addr.String(), Principal: sdk.NewInt64Coin("uusdt", 500_000), Interest: math.NewInt(50_000), Term: term,
		Collateral: types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_PRODUCT, ProductId: product}, MaxLoans: 2,
		Expiry: ctx().BlockTime().Add(48 * time.Hour),
	})
	if got := l0.Sub(bal(lender, "uusdt")); !got.Equal(math.NewInt(1_000_000)) {
		t.Fatalf("locked by the offer: %s", got)
	}

	// A takes it with her NFT: the principal arrives in the same transaction, the NFT is locked
	// and still hers.
	a0 := bal(a, "uusdt")
	e.MustDeliver(a, &types.MsgTakeOffer{Borrower: a.Addr.String(), OfferId: 1, NftId: aNFT.Id})
	if got := bal(a, "uusdt").Sub(a0); !got.Equal(math.NewInt(500_000)) {
		t.Fatalf("principal received: %s", got)
	}
	if n := nftOf(a); n.LockedBy != types.ModuleName {
		t.Fatalf("A's NFT while collateral: %+v", n)
	}
	// A locked NFT cannot be listed.
	testutil.BadInputs(t, e.App, ctx(), []testutil.BadInput{{
		Name: "list a collateral NFT", Err: hashnfttypes.ErrNFTLocked,
		Msg: &hashnfttypes.MsgListNFT{Owner: a.Addr.String(), NftId: aNFT.Id, Price: sdk.NewInt64Coin("uusdt", 1)},
	}})

	// Its rewards keep reaching A.
	r0 := bal(a, "aifil")
	day()
	if !bal(a, "aifil").GT(r0) {
		t.Fatalf("A's rewards while her NFT is collateral: %s, before %s", bal(a, "aifil"), r0)
	}

	// A repays in two parts: 30,000 (interest first), then the rest; the fee is 10% of the
	// interest, 5,000 in all, to the revenue ledger; the NFT comes back only with the last part.
	rev0, err := e.App.DmcKeeper.RevenueBalanceOf(ctx(), "uusdt")
	if err != nil {
		t.Fatal(err)
	}
	l1 := bal(lender, "uusdt")
	e.MustDeliver(a, &types.MsgRepay{Payer: a.Addr.String(), LoanId: 1, Amount: sdk.NewInt64Coin("uusdt", 30_000)})
	loan, err := e.App.LendingKeeper.Loans.Get(ctx(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if owed := loan.Principal.Amount.Add(loan.Interest).Sub(loan.PrincipalRepaid).Sub(loan.InterestRepaid); !owed.Equal(math.NewInt(520_000)) || loan.Status != types.LoanStatus_LOAN_STATUS_ACTIVE {
		t.Fatalf("after 30,000: owed %s, %s", owed, loan.Status)
	}
	if n := nftOf(a); n.LockedBy != types.ModuleName {
		t.Fatal("the NFT came back before the loan was repaid")
	}
	e.MustDeliver(a, &types.MsgRepay{Payer: a.Addr.String(), LoanId: 1, Amount: sdk.NewInt64Coin("uusdt", 520_000)})
	if n := nftOf(a); n.LockedBy != "" {
		t.Fatalf("A's NFT after repaying: %+v", n)
	}
	rev1, err := e.App.DmcKeeper.RevenueBalanceOf(ctx(), "uusdt")
	if err != nil {
		t.Fatal(err)
	}
	if fee := rev1.Sub(rev0); !fee.Equal(math.NewInt(5_000)) {
		t.Fatalf("fee to revenue: %s, want 5000", fee)
	}
	if got := bal(lender, "uusdt").Sub(l1); !got.Equal(math.NewInt(545_000)) {
		t.Fatalf("lender received %s, want 550,000 less the 5,000 fee", got)
	}

	// B takes the second loan and never repays. Before the grace end nothing happens; at it, the
	// loan forecloses with no one's transaction: the NFT is the lender's, unlocked.
	e.MustDeliver(b, &types.MsgTakeOffer{Borrower: b.Addr.String(), OfferId: 1, NftId: bNFT.Id})
	if _, err := e.App.LendingKeeper.Offers.Get(ctx(), 1); err == nil {
		t.Fatal("the offer is still open after its last loan")
	}
	loan, err = e.App.LendingKeeper.Loans.Get(ctx(), 2)
	if err != nil {
		t.Fatal(err)
	}
	e.NextBlockAt(loan.GraceEnd.Add(-time.Second))
	if got, _ := e.App.LendingKeeper.Loans.Get(ctx(), 2); got.Status != types.LoanStatus_LOAN_STATUS_ACTIVE {
		t.Fatalf("loan before its grace end: %s", got.Status)
	}
	e.NextBlockAt(loan.GraceEnd)
	e.NextBlock()
	if got, _ := e.App.LendingKeeper.Loans.Get(ctx(), 2); got.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatalf("loan after its grace end: %s", got.Status)
	}
	n, err := e.App.HashnftKeeper.GetNFT(ctx(), bNFT.Id)
	if err != nil {
		t.Fatal(err)
	}
	if n.Owner != lender.Addr.String() || n.LockedBy != "" {
		t.Fatalf("B's NFT after the foreclosure: %+v", n)
	}
	testutil.BadInputs(t, e.App, ctx(), []testutil.BadInput{{
		Name: "repay a foreclosed loan", Err: types.ErrLoanClosed, Says: "FORECLOSED",
		Msg: &types.MsgRepay{Payer: b.Addr.String(), LoanId: 2, Amount: sdk.NewInt64Coin("uusdt", 1)},
	}})
	// The NFT's next rewards reach the lender.
	r1 := bal(lender, "aifil")
	day()
	if !bal(lender, "aifil").GT(r1) {
		t.Fatalf("the lender's rewards from the foreclosed NFT: %s, before %s", bal(lender, "aifil"), r1)
	}
}

// approvedProduct has the council accept uusdt as a sale denom and approve miner's 30-day
// product of 10 NFTs of 4 TiB at 1,000,000uusdt on node f01234; it returns the product's id.
func approvedProduct(t *testing.T, e *testutil.Env, miner *testutil.Account, auth string) uint64 {
	t.Helper()
	hp, err := e.App.HashnftKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	hp.AcceptedDenoms = append(hp.AcceptedDenoms, "uusdt")
	e.CouncilPropose(4, &hashnfttypes.MsgUpdateParams{Authority: auth, Params: hp})
	e.MustDeliver(miner, &hashnfttypes.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: 10,
		TermDays: 30, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("uusdt", 1_000_000),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	app, err := e.App.HashnftKeeper.NextApplicationID.Peek(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: auth, ApplicationId: app - 1})
	next, err := e.App.HashnftKeeper.NextProductID.Peek(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	return next - 1
}

// onlyNFTOf is the one NFT who holds.
func onlyNFTOf(t *testing.T, e *testutil.Env, who *testutil.Account) hashnfttypes.NFT {
	t.Helper()
	var out []hashnfttypes.NFT
	if err := e.App.HashnftKeeper.WalkOwnerNFTs(e.Ctx(), who.Addr, func(n hashnfttypes.NFT) (bool, error) {
		out = append(out, n)
		return false, nil
	}); err != nil || len(out) != 1 {
		t.Fatalf("NFTs of %s: %v (%v)", who.Addr, out, err)
	}
	return out[0]
}
