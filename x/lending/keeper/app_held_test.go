package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/testutil"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/types"
	riskfundkeeper "github.com/dmexchain/dmex/x/riskfund/keeper"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// Through the real app, every module's books checked after every block (testutil): A, B and C
// buy one NFT each of a 30-day uusdt product; A and B insure theirs and borrow against them from
// one offer; C's NFT stays free. The miner stops paying and the council terminates the product,
// then compensates its holders. The escrow refunds, the insured covers and the compensation of
// A's and B's NFTs are held with their loans (in x/lending's account and books), not paid to A
// or B; C is paid as before. A repays: the held coins come back to her with the NFT. B does not:
// at the grace end the lender gets B's NFT and what was held for it.
func TestTerminationPaymentsHeldWithTheLoan(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 6, NodePower: map[string]int64{"f01234": 1_000}})
	miner, a, b, c, lender, sponsor := e.Accounts[0], e.Accounts[1], e.Accounts[2], e.Accounts[3], e.Accounts[4], e.Accounts[5]
	ctx := e.Ctx
	authAddr, err := e.App.DaoKeeper.GetAuthority(ctx())
	if err != nil {
		t.Fatal(err)
	}
	auth := authAddr.String()
	lendingAcc := authtypes.NewModuleAddress(types.ModuleName)
	bal := func(who sdk.AccAddress) math.Int { return e.App.BankKeeper.GetBalance(ctx(), who, "uusdt").Amount }
	eq := func(what string, got, want math.Int) {
		t.Helper()
		if !got.Equal(want) {
			t.Fatalf("%s: %s, want %s", what, got, want)
		}
	}

	p := approvedProduct(t, e, miner, auth)
	nftOf := func(who *testutil.Account) hashnfttypes.NFT { return onlyNFTOf(t, e, who) }
	for _, who := range []*testutil.Account{a, b, c} {
		e.MustDeliver(who, &hashnfttypes.MsgBuyNFTs{Buyer: who.Addr.String(), ProductId: p, Quantity: 1, MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000_000)})
	}
	aNFT, bNFT, cNFT := nftOf(a), nftOf(b), nftOf(c)

	// The fund can cover two NFTs; A and B insure theirs.
	e.MustDeliver(sponsor, &riskfundtypes.MsgDeposit{Sender: sponsor.Addr.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin("uusdt", 5_000_000))})
	rq := riskfundkeeper.NewQueryServerImpl(e.App.RiskfundKeeper)
	for _, pair := range []struct {
		who *testutil.Account
		nft uint64
	}{{a, aNFT.Id}, {b, bNFT.Id}} {
		quote, err := rq.PremiumQuote(ctx(), &riskfundtypes.QueryPremiumQuoteRequest{ProductId: p})
		if err != nil {
			t.Fatal(err)
		}
		e.MustDeliver(pair.who, &riskfundtypes.MsgInsureNFT{Holder: pair.who.Addr.String(), NftId: pair.nft, MaxPremium: quote.Premium})
	}

	// One offer, two loans of 100,000 for 20 days at 10,000 interest: A and B take one each.
	e.MustDeliver(lender, &types.MsgCreateOffer{
		Lender: lender.Addr.String(), Principal: sdk.NewInt64Coin("uusdt", 100_000), Interest: math.NewInt(10_000), Term: 20 * 24 * time.Hour,
		Collateral: types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_PRODUCT, ProductId: p}, MaxLoans: 2,
		Expiry: ctx().BlockTime().Add(48 * time.Hour),
	})
	e.MustDeliver(a, &types.MsgTakeOffer{Borrower: a.Addr.String(), OfferId: 1, NftId: aNFT.Id})
	e.MustDeliver(b, &types.MsgTakeOffer{Borrower: b.Addr.String(), OfferId: 1, NftId: bNFT.Id})

	// The waiting period with deposits, then the miner stops: suspended after seven days.
	day := func(deposit bool) {
		t.Helper()
		if deposit {
			e.MustDeliver(miner, &escrowtypes.MsgDepositRewards{Miner: miner.Addr.String(), ProductId: p, Amount: sdk.NewInt64Coin("aifil", 1_000)})
		}
		e.PassTime(24 * time.Hour)
		for range 3 {
			e.NextBlock()
		}
	}
	for range riskfundtypes.DefaultParams().WaitingDays {
		day(true)
	}
	for range 7 {
		day(false)
	}

	// The council terminates the product: refunds and covers are paid in the next blocks.
	a0, b0, c0, l0 := bal(a.Addr), bal(b.Addr), bal(c.Addr), bal(lendingAcc)
	e.CouncilPropose(4, &escrowtypes.MsgTerminateEscrow{Authority: auth, ProductId: p, Reason: "node offline"})
	for range 5 {
		e.NextBlock()
	}
	refunded := func(n hashnfttypes.NFT) math.Int {
		t.Helper()
		pos, err := e.App.EscrowKeeper.Positions.Get(ctx(), n.Id)
		if err != nil {
			t.Fatal(err)
		}
		if !pos.Refunded.IsAllPositive() {
			t.Fatalf("NFT %d was not refunded: %s", n.Id, pos.Refunded)
		}
		return pos.Refunded.AmountOf("uusdt")
	}
	claims, err := rq.Claims(ctx(), &riskfundtypes.QueryClaimsRequest{ProductId: p})
	if err != nil {
		t.Fatal(err)
	}
	cover := map[uint64]math.Int{}
	for _, cl := range claims.Claims {
		if cl.Recipient != lendingAcc.String() || !cl.Paid.Equal(cl.Cover) || !cl.Cover.IsPositive() {
			t.Fatalf("claim %+v: want its cover paid in full to x/lending's account %s", cl, lendingAcc)
		}
		cover[cl.NftId] = cl.Cover
	}
	if len(cover) != 2 || cover[aNFT.Id].IsNil() || cover[bNFT.Id].IsNil() {
		t.Fatalf("claims %+v, want A's and B's NFTs", claims.Claims)
	}
	eq("A paid nothing directly", bal(a.Addr), a0)
	eq("B paid nothing directly", bal(b.Addr), b0)
	eq("C (no loan) refunded as before", bal(c.Addr).Sub(c0), refunded(cNFT))

	// The council compensates the product's three holders: A's and B's parts are held too.
	comp := math.NewInt(300_002)
	e.CouncilPropose(4, &riskfundtypes.MsgCompensate{Authority: auth, ProductId: p, Amount: sdk.NewCoin("uusdt", comp)})
	for range 3 {
		e.NextBlock()
	}
	share := func(n hashnfttypes.NFT) math.Int { return riskfundkeeper.Share(comp, 3, n.Serial) }
	eq("C's compensation", bal(c.Addr).Sub(c0).Sub(refunded(cNFT)), share(cNFT))
	eq("A still paid nothing", bal(a.Addr), a0)

	wantHeld := func(n hashnfttypes.NFT) math.Int { return refunded(n).Add(cover[n.Id]).Add(share(n)) }
	loan := func(id uint64) types.Loan {
		t.Helper()
		l, err := e.App.LendingKeeper.Loans.Get(ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	eq("loan 1 holds A's refund, cover and compensation", loan(1).Held.AmountOf("uusdt"), wantHeld(aNFT))
	eq("loan 2 holds B's", loan(2).Held.AmountOf("uusdt"), wantHeld(bNFT))
	books, err := e.App.LendingKeeper.Books.Get(ctx(), "uusdt")
	if err != nil {
		t.Fatal(err)
	}
	eq("books held", books.Held, wantHeld(aNFT).Add(wantHeld(bNFT)))
	eq("lending's account grew by what it holds", bal(lendingAcc).Sub(l0), books.Held)

	// Export and import (books checked on the imported chain): the held coins and each NFT's last
	// loan survive.
	imp := e.RoundTrip()
	for id, n := range map[uint64]hashnfttypes.NFT{1: aNFT, 2: bNFT} {
		l, err := imp.App.LendingKeeper.Loans.Get(imp.Ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		eq("imported loan's held", l.Held.AmountOf("uusdt"), wantHeld(n))
		if last, err := imp.App.LendingKeeper.LoanByNFT.Get(imp.Ctx(), n.Id); err != nil || last != id {
			t.Fatalf("imported: NFT %d's last loan %d (%v), want %d", n.Id, last, err, id)
		}
	}

	// A repays in full: the NFT and what was held come back to her.
	a1 := bal(a.Addr)
	e.MustDeliver(a, &types.MsgRepay{Payer: a.Addr.String(), LoanId: 1, Amount: sdk.NewInt64Coin("uusdt", 110_000)})
	eq("A: held coins back, less the repayment", bal(a.Addr).Sub(a1), wantHeld(aNFT).SubRaw(110_000))
	if n := nftOf(a); n.LockedBy != "" {
		t.Fatalf("A's NFT after repaying: %+v", n)
	}

	// B does not repay: at the grace end the lender gets B's NFT and what was held for it.
	l2 := loan(2)
	lb := bal(lender.Addr)
	e.NextBlockAt(l2.GraceEnd)
	e.NextBlock()
	if got := loan(2); got.Status != types.LoanStatus_LOAN_STATUS_FORECLOSED {
		t.Fatalf("loan 2 after its grace end: %s", got.Status)
	}
	eq("lender got what was held for B's NFT", bal(lender.Addr).Sub(lb), wantHeld(bNFT))
	if n, err := e.App.HashnftKeeper.GetNFT(ctx(), bNFT.Id); err != nil || n.Owner != lender.Addr.String() || n.LockedBy != "" {
		t.Fatalf("B's NFT after the foreclosure: %+v (%v)", n, err)
	}
	eq("B got nothing of it", bal(b.Addr), b0)
	if books, err = e.App.LendingKeeper.Books.Get(ctx(), "uusdt"); err != nil || !books.Held.IsZero() {
		t.Fatalf("books after both loans closed: %+v (%v)", books, err)
	}
	eq("lending's account back to what it held before", bal(lendingAcc), l0)
}
