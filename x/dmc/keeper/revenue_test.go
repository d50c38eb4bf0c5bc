package keeper_test

import (
	"errors"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/query"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/testutil"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/dmc/types"
)

func rcoin(s string) sdk.Coin {
	c, err := sdk.ParseCoinNormalized(s)
	if err != nil {
		panic(err)
	}
	return c
}

func flow(denom, name string, amt int64) types.RevenueFlow {
	return types.RevenueFlow{Denom: denom, Name: name, Amount: math.NewInt(amt)}
}

func (f *fixture) revenueHeld(denom string) math.Int {
	return f.e.App.BankKeeper.GetBalance(f.ctx, authtypes.NewModuleAddress(modaccounts.Revenue), denom).Amount
}

func (f *fixture) revenueOf(denom string) types.RevenueDenom {
	f.t.Helper()
	res, err := f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Denom: denom})
	if err != nil {
		f.t.Fatal(err)
	}
	if len(res.Revenue) != 1 {
		f.t.Fatalf("revenue of %s: %v", denom, res.Revenue)
	}
	return res.Revenue[0]
}

func (f *fixture) checkRevenue() {
	f.t.Helper()
	if err := f.k.CheckRevenue(f.ctx); err != nil {
		f.t.Fatalf("revenue books: %v", err)
	}
}

// lastEvent returns the last typed event of the given type emitted on f.ctx, as attributes.
func (f *fixture) lastEvent(typ string) map[string]string {
	f.t.Helper()
	evs := f.ctx.EventManager().Events()
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Type == typ {
			out := map[string]string{}
			for _, a := range evs[i].Attributes {
				out[a.Key] = strings.Trim(a.Value, `"`)
			}
			return out
		}
	}
	f.t.Fatalf("no %s event", typ)
	return nil
}

// Fees paid from an account and from a module are moved and recorded per denom and source; a
// spend is recorded per use and takes the balance down; the account always holds the balance;
// each credit and debit is an event with coin amounts.
func TestRevenueLedgerRecordsCreditsAndSpends(t *testing.T) {
	f := newFixture(t)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	payerBefore := f.e.App.BankKeeper.GetBalance(f.ctx, a.Addr, "uusdt").Amount

	if err := f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, a.Addr, rcoin("100uusdt")); err != nil {
		t.Fatal(err)
	}
	ev := f.lastEvent("dmex.dmc.v1.EventRevenueCredited")
	if ev["source"] != "channel_fee" || ev["payer"] != a.Addr.String() || ev["amount"] != "100uusdt" || ev["balance"] != "100uusdt" || ev["payer_module"] != "" {
		t.Fatalf("credit event %v", ev)
	}
	if err := f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceTradingFee, a.Addr, rcoin("20uusdt")); err != nil {
		t.Fatal(err)
	}
	if err := f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, a.Addr, rcoin("5uusdt")); err != nil {
		t.Fatal(err)
	}
	// From a module account: the foundation's DMC stands in for a pool's 5% share.
	if err := f.k.PayRevenueFromModule(f.ctx, modaccounts.SourcePoolShare, modaccounts.Foundation, rcoin("7udmc")); err != nil {
		t.Fatal(err)
	}
	ev = f.lastEvent("dmex.dmc.v1.EventRevenueCredited")
	if ev["payer_module"] != modaccounts.Foundation || ev["payer"] != authtypes.NewModuleAddress(modaccounts.Foundation).String() || ev["amount"] != "7udmc" {
		t.Fatalf("credit event from a module %v", ev)
	}
	f.checkRevenue()
	if got := payerBefore.Sub(f.e.App.BankKeeper.GetBalance(f.ctx, a.Addr, "uusdt").Amount); !got.Equal(math.NewInt(125)) {
		t.Fatalf("payer paid %s, want 125", got)
	}
	usdt := f.revenueOf("uusdt")
	want := types.RevenueDenom{Denom: "uusdt", Balance: math.NewInt(125), Debited: []types.RevenueFlow{},
		Credited: []types.RevenueFlow{flow("uusdt", "channel_fee", 105), flow("uusdt", "trading_fee", 20)}}
	if usdt.String() != want.String() || !f.revenueHeld("uusdt").Equal(math.NewInt(125)) {
		t.Fatalf("uusdt ledger %v (account holds %s), want %v", usdt, f.revenueHeld("uusdt"), want)
	}

	// The authority spends 30uusdt to b; the buyback takes 10uusdt into a module.
	bBefore := f.e.App.BankKeeper.GetBalance(f.ctx, b.Addr, "uusdt").Amount
	if _, err := f.msg.SpendRevenue(f.ctx, &types.MsgSpendRevenue{Authority: f.auth, Recipient: b.Addr.String(), Amount: rcoin("30uusdt")}); err != nil {
		t.Fatal(err)
	}
	ev = f.lastEvent("dmex.dmc.v1.EventRevenueDebited")
	if ev["use"] != "authority_spend" || ev["recipient"] != b.Addr.String() || ev["amount"] != "30uusdt" || ev["balance"] != "95uusdt" {
		t.Fatalf("debit event %v", ev)
	}
	if got := f.e.App.BankKeeper.GetBalance(f.ctx, b.Addr, "uusdt").Amount.Sub(bBefore); !got.Equal(math.NewInt(30)) {
		t.Fatalf("recipient got %s, want 30", got)
	}
	if err := f.k.SpendRevenueToModule(f.ctx, modaccounts.UseBuyback, modaccounts.Dmc, rcoin("10uusdt")); err != nil {
		t.Fatal(err)
	}
	f.checkRevenue()
	usdt = f.revenueOf("uusdt")
	want.Balance = math.NewInt(85)
	want.Debited = []types.RevenueFlow{flow("uusdt", "authority_spend", 30), flow("uusdt", "buyback", 10)}
	if usdt.String() != want.String() || !f.revenueHeld("uusdt").Equal(math.NewInt(85)) {
		t.Fatalf("uusdt ledger after spends %v, want %v", usdt, want)
	}
	// Spending the whole balance is allowed; one unit more is not (the bad-input table checks the error).
	if err := f.k.SpendRevenue(f.ctx, modaccounts.UseAuthoritySpend, b.Addr, rcoin("85uusdt")); err != nil {
		t.Fatal(err)
	}
	if bal, _ := f.k.RevenueBalanceOf(f.ctx, "uusdt"); !bal.IsZero() {
		t.Fatalf("balance %s after spending it all", bal)
	}
	f.checkRevenue()

	// The exported ledger validates and carries the same figures.
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	balances, err := types.RevenueBalances(gs.RevenueCredits, gs.RevenueDebits)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs.RevenueCredits) != 3 || len(gs.RevenueDebits) != 2 || sdk.NewCoins(balances...).String() != "7udmc" {
		t.Fatalf("exported ledger credits %v debits %v balances %v", gs.RevenueCredits, gs.RevenueDebits, balances)
	}
}

// The query lists the ledger per denom with key pagination, and filters by denom and by source.
func TestRevenueQueryFiltersAndPages(t *testing.T) {
	f := newFixture(t)
	a := f.e.Accounts[0]
	for _, p := range []struct {
		source, coin string
	}{
		{modaccounts.SourceChannelFee, "11uusdt"}, {modaccounts.SourceTradingFee, "3uusdt"},
		{modaccounts.SourceChannelFee, "4uhusd"}, {modaccounts.SourceTradingFee, "9udmc"},
	} {
		if err := f.k.PayRevenueFromAccount(f.ctx, p.source, a.Addr, rcoin(p.coin)); err != nil {
			t.Fatal(err)
		}
	}
	f.checkRevenue()
	// Pages of one denom each, in denom order, resumed by key.
	var denoms []string
	var key []byte
	for i := 0; i < 4; i++ {
		res, err := f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Pagination: &query.PageRequest{Key: key, Limit: 1}})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Revenue {
			denoms = append(denoms, d.Denom)
		}
		if key = res.Pagination.NextKey; key == nil {
			break
		}
	}
	if strings.Join(denoms, ",") != "udmc,uhusd,uusdt" {
		t.Fatalf("pages gave %v", denoms)
	}
	// By source: the denoms it paid into, with its credit only; balances stay the denom's.
	res, err := f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Source: modaccounts.SourceTradingFee})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Revenue) != 2 || res.Revenue[0].Denom != "udmc" || res.Revenue[1].Denom != "uusdt" ||
		len(res.Revenue[1].Credited) != 1 || !res.Revenue[1].Credited[0].Amount.Equal(math.NewInt(3)) ||
		!res.Revenue[1].Balance.Equal(math.NewInt(14)) {
		t.Fatalf("trading fees %v", res.Revenue)
	}
	// By denom and source.
	res, err = f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Denom: "uhusd", Source: modaccounts.SourceTradingFee})
	if err != nil || len(res.Revenue) != 0 {
		t.Fatalf("trading fees in uhusd: %v %v", res.Revenue, err)
	}
	res, err = f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Denom: "uht"})
	if err != nil || len(res.Revenue) != 0 {
		t.Fatalf("a denom no revenue came in: %v %v", res.Revenue, err)
	}
	if _, err := f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Source: "tips"}); !errors.Is(err, types.ErrInvalidRevenue) {
		t.Fatalf("unknown source: %v", err)
	}
	if _, err := f.query.Revenue(f.ctx, &types.QueryRevenueRequest{Denom: "1x"}); !errors.Is(err, types.ErrInvalidRevenue) {
		t.Fatalf("invalid denom: %v", err)
	}
}

// Each bad payment or spend is a registered error (with its ABCI code) and changes nothing:
// no coin moves, the ledger stays as it was.
func TestRevenueBadInputChangesNothing(t *testing.T) {
	f := newFixture(t)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	if err := f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, a.Addr, rcoin("50uusdt")); err != nil {
		t.Fatal(err)
	}
	pay := func(source string, c sdk.Coin) func() error {
		return func() error { return f.k.PayRevenueFromAccount(f.ctx, source, a.Addr, c) }
	}
	spend := func(signer, to string, c sdk.Coin) func() error {
		return func() error {
			_, err := f.msg.SpendRevenue(f.ctx, &types.MsgSpendRevenue{Authority: signer, Recipient: to, Amount: c})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func() error
		want *errorsmod.Error
		in   string // a value the error must name
	}{
		{"unknown source", pay("tips", rcoin("1uusdt")), types.ErrInvalidRevenue, "tips"},
		{"zero fee", pay(modaccounts.SourceChannelFee, sdk.NewInt64Coin("uusdt", 0)), types.ErrInvalidRevenue, "0uusdt"},
		{"negative fee", pay(modaccounts.SourceChannelFee, sdk.Coin{Denom: "uusdt", Amount: math.NewInt(-1)}), types.ErrInvalidRevenue, "-1uusdt"},
		{"nil amount", pay(modaccounts.SourceChannelFee, sdk.Coin{Denom: "uusdt"}), types.ErrInvalidRevenue, "uusdt"},
		{"invalid denom", pay(modaccounts.SourceChannelFee, sdk.Coin{Denom: "1!", Amount: math.NewInt(1)}), types.ErrInvalidRevenue, "1!"},
		{"above the payer's balance", pay(modaccounts.SourceChannelFee, rcoin("999999999999999999uusdt")), sdkerrors.ErrInsufficientFunds, "channel_fee"},
		{"no payer", func() error {
			return f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, nil, rcoin("1uusdt"))
		}, types.ErrInvalidRevenue, "payer"},
		{"the revenue account paying itself", func() error {
			return f.k.PayRevenueFromModule(f.ctx, modaccounts.SourcePoolShare, modaccounts.Revenue, rcoin("1uusdt"))
		}, types.ErrInvalidRevenue, "revenue"},
		{"spend above the balance", spend(f.auth, b.Addr.String(), rcoin("51uusdt")), types.ErrRevenueOverdraw, "51uusdt exceeds the revenue balance 50uusdt"},
		{"spend of a denom no revenue came in", spend(f.auth, b.Addr.String(), rcoin("1uhusd")), types.ErrRevenueOverdraw, "0uhusd"},
		{"spend by anyone but the authority", spend(a.Addr.String(), b.Addr.String(), rcoin("1uusdt")), daotypes.ErrUnauthorized, ""},
		{"spend to a module account", spend(f.auth, authtypes.NewModuleAddress(modaccounts.RiskFund).String(), rcoin("1uusdt")), types.ErrInvalidAddress, "cannot receive"},
		{"spend to an invalid address", spend(f.auth, "dmex1nothing", rcoin("1uusdt")), types.ErrInvalidAddress, "dmex1nothing"},
		{"spend of zero", spend(f.auth, b.Addr.String(), sdk.NewInt64Coin("uusdt", 0)), types.ErrInvalidRevenue, "0uusdt"},
		{"unknown use", func() error {
			return f.k.SpendRevenue(f.ctx, "party", b.Addr, rcoin("1uusdt"))
		}, types.ErrInvalidRevenue, "party"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := testutil.StoreHashes(f.e.App, f.ctx)
			ctx := f.ctx
			f.ctx, _ = ctx.CacheContext()
			err := tc.run()
			changed := testutil.ChangedStores(before, testutil.StoreHashes(f.e.App, f.ctx))
			f.ctx = ctx
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if space, code, _ := errorsmod.ABCIInfo(err, false); code != tc.want.ABCICode() || space != tc.want.Codespace() {
				t.Fatalf("ABCI code %s %d, want %s %d", space, code, tc.want.Codespace(), tc.want.ABCICode())
			}
			if !strings.Contains(err.Error(), tc.in) {
				t.Fatalf("error %q does not name %q", err, tc.in)
			}
			if len(changed) > 0 {
				t.Fatalf("changed the stores %v", changed)
			}
			f.checkRevenue()
		})
	}
}

// Genesis validation of the ledger: known names, positive amounts, valid denoms, no pair twice,
// no denom spent beyond what came in.
func TestRevenueGenesisValidation(t *testing.T) {
	ok := []types.RevenueFlow{flow("uusdt", "channel_fee", 10), flow("uusdt", "trading_fee", 5), flow("udmc", "pool_share", 1)}
	if bal, err := types.RevenueBalances(ok, []types.RevenueFlow{flow("uusdt", "buyback", 15)}); err != nil ||
		len(bal) != 2 || !bal[0].Amount.IsZero() || !bal[1].Amount.Equal(math.NewInt(1)) {
		t.Fatalf("valid ledger: %v %v", bal, err)
	}
	for _, tc := range []struct {
		name            string
		credits, debits []types.RevenueFlow
		want            *errorsmod.Error
	}{
		{"unknown source", []types.RevenueFlow{flow("uusdt", "tips", 1)}, nil, types.ErrInvalidRevenue},
		{"zero credit", []types.RevenueFlow{flow("uusdt", "channel_fee", 0)}, nil, types.ErrInvalidRevenue},
		{"negative credit", []types.RevenueFlow{flow("uusdt", "channel_fee", -1)}, nil, types.ErrInvalidRevenue},
		{"nil credit", []types.RevenueFlow{{Denom: "uusdt", Name: "channel_fee"}}, nil, types.ErrInvalidRevenue},
		{"invalid denom", []types.RevenueFlow{flow("1!", "channel_fee", 1)}, nil, types.ErrInvalidRevenue},
		{"credit listed twice", []types.RevenueFlow{flow("uusdt", "channel_fee", 1), flow("uusdt", "channel_fee", 1)}, nil, types.ErrInvalidRevenue},
		{"unknown use", ok, []types.RevenueFlow{flow("uusdt", "party", 1)}, types.ErrInvalidRevenue},
		{"zero debit", ok, []types.RevenueFlow{flow("uusdt", "buyback", 0)}, types.ErrInvalidRevenue},
		{"debit listed twice", ok, []types.RevenueFlow{flow("uusdt", "buyback", 1), flow("uusdt", "buyback", 1)}, types.ErrInvalidRevenue},
		{"debits above credits", ok, []types.RevenueFlow{flow("uusdt", "buyback", 10), flow("uusdt", "authority_spend", 6)}, types.ErrRevenueOverdraw},
		{"debit of a denom never credited", ok, []types.RevenueFlow{flow("uhusd", "buyback", 1)}, types.ErrRevenueOverdraw},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := types.DefaultGenesis()
			gs.RevenueCredits, gs.RevenueDebits = tc.credits, tc.debits
			if err := gs.Validate(addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())); !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// The books check holds the revenue account to the ledger: a coin that reaches the account
// around the ledger (a module-to-module send) breaks it, and a plain bank send to the account
// is refused, so that only the ledger moves its coins.
func TestRevenueAccountHoldsExactlyTheLedger(t *testing.T) {
	f := newFixture(t)
	if err := f.k.PayRevenueFromAccount(f.ctx, modaccounts.SourceChannelFee, f.e.Accounts[0].Addr, rcoin("5uusdt")); err != nil {
		t.Fatal(err)
	}
	f.checkRevenue()
	ctx, _ := f.ctx.CacheContext()
	if err := f.e.App.BankKeeper.SendCoinsFromModuleToModule(ctx, modaccounts.Foundation, modaccounts.Revenue, sdk.NewCoins(rcoin("1udmc"))); err != nil {
		t.Fatal(err)
	}
	if err := f.k.CheckRevenue(ctx); !errors.Is(err, types.ErrRevenueMismatch) || !strings.Contains(err.Error(), "1udmc") {
		t.Fatalf("books check after a send around the ledger: %v", err)
	}

	// Through the app: a bank send to the revenue account fails (blocked address) and moves nothing.
	e := testutil.New(t, testutil.Options{})
	revenue := authtypes.NewModuleAddress(modaccounts.Revenue)
	if !e.App.BankKeeper.BlockedAddr(revenue) {
		t.Fatal("the revenue account is not a blocked address")
	}
	sender := e.Accounts[0]
	before := e.App.BankKeeper.GetAllBalances(e.Ctx(), revenue)
	res := e.Deliver(sender, &banktypes.MsgSend{FromAddress: sender.Addr.String(), ToAddress: revenue.String(), Amount: sdk.NewCoins(rcoin("1uusdt"))})
	if res.Code != sdkerrors.ErrUnauthorized.ABCICode() || !strings.Contains(res.Log, "not allowed to receive funds") {
		t.Fatalf("bank send to the revenue account: code %d %s", res.Code, res.Log)
	}
	if after := e.App.BankKeeper.GetAllBalances(e.Ctx(), revenue); !after.Equal(before) {
		t.Fatalf("the revenue account holds %s after a refused send, %s before", after, before)
	}
}
