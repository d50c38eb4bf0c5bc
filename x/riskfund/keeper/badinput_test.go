package keeper_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

// The bad inputs through the real app's message router: each a registered error with its
// ABCI code, the values named, and no store of any module changed (testutil.BadInputs).
func TestBadInputThroughTheApp(t *testing.T) {
	ch := newChain(t)
	e := ch.e
	hp, err := e.App.HashnftKeeper.Params.Get(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	hp.AcceptedDenoms = append(hp.AcceptedDenoms, "uusdt")
	e.CouncilPropose(4, &hashnfttypes.MsgUpdateParams{Authority: ch.auth, Params: hp})
	product := func(node string, term uint32) uint64 {
		t.Helper()
		e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: ch.auth, ApplicationId: ch.apply(node, sdk.NewInt64Coin("uusdt", 1_000_000), term)})
		next, err := e.App.HashnftKeeper.NextProductID.Peek(e.Ctx())
		if err != nil {
			t.Fatal(err)
		}
		e.MustDeliver(ch.a, &hashnfttypes.MsgBuyNFTs{Buyer: ch.a.Addr.String(), ProductId: next - 1, Quantity: 2, MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000_000)})
		return next - 1
	}
	active, big := product("f01234", 30), product("f01234", 30)
	suspended, terminated := product("f05678", 30), product("f05678", 30)
	expired := product("f05678", 1)
	e.MustDeliver(ch.sponsor, &types.MsgDeposit{Sender: ch.sponsor.Addr.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin("uusdt", 2_000_000))})
	// Seven days: the active products are paid every day, the suspended one never (x/escrow
	// suspends it on the 7th), the 1-day one expires.
	for i := 0; i < 7; i++ {
		for _, p := range []uint64{active, big, terminated} {
			e.MustDeliver(ch.miner, &escrowtypes.MsgDepositRewards{Miner: ch.miner.Addr.String(), ProductId: p, Amount: sdk.NewInt64Coin("aifil", 1_000)})
		}
		e.PassTime(24 * time.Hour)
		for j := 0; j < 3; j++ {
			e.NextBlock()
		}
	}
	e.CouncilPropose(4, &escrowtypes.MsgTerminateEscrow{Authority: ch.auth, ProductId: terminated, Reason: "node offline"})
	for p, want := range map[uint64]escrowtypes.EscrowStatus{
		active: escrowtypes.ESCROW_STATUS_ACTIVE, suspended: escrowtypes.ESCROW_STATUS_SUSPENDED,
		terminated: escrowtypes.ESCROW_STATUS_TERMINATED, expired: escrowtypes.ESCROW_STATUS_EXPIRED,
	} {
		if got := ch.escrow(p).Escrow.Status; got != want {
			t.Fatalf("product %d: %s, want %s", p, got, want)
		}
	}
	nftOf := func(p uint64) uint64 { return ch.nftsOf(ch.a, p)[0].Id }
	a := ch.a.Addr.String()
	insure := func(holder string, nft uint64, max sdk.Coin) *types.MsgInsureNFT {
		return &types.MsgInsureNFT{Holder: holder, NftId: nft, MaxPremium: max}
	}
	usdt := func(n int64) sdk.Coin { return sdk.NewInt64Coin("uusdt", n) }
	// One policy on the active product: 980,000 of the 1,000,000 capacity (50% of the fund) is
	// committed, so a second cover of 980,000 does not fit.
	// The miner's missed days (the suspended product's) raise the premium above premium_bps.
	quote, err := ch.q.PremiumQuote(e.Ctx(), &types.QueryPremiumQuoteRequest{ProductId: active})
	if err != nil {
		t.Fatal(err)
	}
	if quote.PremiumBps <= types.DefaultParams().PremiumBps {
		t.Fatalf("quote %+v: want a surcharge for the miner's missed days", quote)
	}
	max := quote.Premium
	e.MustDeliver(ch.a, insure(a, nftOf(active), max))
	params := func(edit func(*types.Params)) *types.MsgUpdateParams {
		p := types.DefaultParams()
		edit(&p)
		return &types.MsgUpdateParams{Authority: ch.auth, Params: p}
	}

	testutil.BadInputs(t, e.App, e.Ctx(), []testutil.BadInput{
		{Name: "insure an NFT you do not hold", Msg: insure(ch.b.Addr.String(), ch.nftsOf(ch.a, big)[0].Id, max), Err: types.ErrNotHolder, Says: "not " + ch.b.Addr.String()},
		{Name: "insure twice", Msg: insure(a, nftOf(active), max), Err: types.ErrAlreadyInsured, Says: "already has a policy"},
		{Name: "insure an NFT of a suspended product", Msg: insure(a, nftOf(suspended), max), Err: types.ErrProductSuspended, Says: "is suspended"},
		{Name: "insure an NFT of a terminated product", Msg: insure(a, nftOf(terminated), max), Err: types.ErrProductTerminated, Says: "is terminated"},
		{Name: "insure an NFT of an expired product", Msg: insure(a, nftOf(expired), max), Err: types.ErrProductExpired, Says: "has expired"},
		{Name: "insure beyond capacity", Msg: insure(a, ch.nftsOf(ch.a, big)[0].Id, max), Err: types.ErrBeyondCapacity, Says: "above the free capacity"},
		{Name: "insure paying in a wrong denom", Msg: insure(a, ch.nftsOf(ch.a, big)[0].Id, sdk.NewCoin("udmc", max.Amount)), Err: types.ErrWrongDenom, Says: "paid in uusdt"},
		{Name: "insure with a maximum below the premium", Msg: insure(a, ch.nftsOf(ch.a, big)[0].Id, usdt(max.Amount.Int64()-1)), Err: types.ErrPremiumTooHigh, Says: "premium " + max.String()},
		{Name: "compensate an active product", Msg: &types.MsgCompensate{Authority: ch.auth, ProductId: active, Amount: usdt(1)}, Err: types.ErrNotTerminated, Says: "is active"},
		{Name: "compensate above the fund's free balance", Msg: &types.MsgCompensate{Authority: ch.auth, ProductId: terminated, Amount: usdt(2_000_000)}, Err: types.ErrAboveFreeBalance, Says: "above the free balance"},
		{Name: "compensate by someone other than the authority", Msg: &types.MsgCompensate{Authority: a, ProductId: terminated, Amount: usdt(1)}, Err: daotypes.ErrUnauthorized},
		{Name: "a premium above 100%", Msg: params(func(p *types.Params) { p.PremiumBps = 10_001 }), Err: types.ErrInvalidParams, Says: "10001"},
		{Name: "deposit of nothing", Msg: &types.MsgDeposit{Sender: a, Amount: sdk.NewCoins()}, Err: types.ErrInvalidAmount},
	})
	if err := e.App.RiskfundKeeper.CheckBooks(e.Ctx()); err != nil {
		t.Fatal(err)
	}
}
