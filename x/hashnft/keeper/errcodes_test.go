package keeper_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	"github.com/dmexchain/dmex/x/hashnft/types"
)

// wantCode fails unless err is want and a client gets want's code and codespace for it (what
// baseapp puts in the transaction result).
func wantCode(t *testing.T, err error, want *errorsmod.Error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error %v, want %v", err, want)
	}
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if codespace != want.Codespace() || code != want.ABCICode() {
		t.Fatalf("error %q reaches the client as code %d in codespace %q, want %d in %q", err, code, codespace, want.ABCICode(), want.Codespace())
	}
}

// Every invalid params update, through the app's message router, is ErrInvalidParams with its
// code (2, codespace hashnft), not code 1 in codespace "undefined"; nothing changes.
func TestParamsErrorsCarryTheirCode(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 1})
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	k := e.App.HashnftKeeper
	for _, tc := range []struct {
		name string
		edit func(*types.Params)
		says string
	}{
		{"channel fee", func(p *types.Params) { p.ChannelFeeBps = 10_001 }, "channel_fee_bps 10001"},
		{"trading fee", func(p *types.Params) { p.TradingFeeBps = 10_001 }, "trading_fee_bps 10001"},
		{"deposit", func(p *types.Params) { p.ApplicationDeposit = sdk.Coin{Denom: "u", Amount: math.OneInt()} }, "application_deposit"},
		{"no denom", func(p *types.Params) { p.AcceptedDenoms = nil }, "accepted_denoms is empty"},
		{"bad denom", func(p *types.Params) { p.AcceptedDenoms = []string{"1x"} }, `accepted denom "1x"`},
		{"denom twice", func(p *types.Params) { p.AcceptedDenoms = []string{"udmc", "udmc"} }, "udmc listed twice"},
		{"no cap", func(p *types.Params) { p.PowerCaps = nil }, "power_caps is empty"},
		{"cap chain", func(p *types.Params) { p.PowerCaps[0].Chain = "F IL" }, "power cap chain"},
		{"cap unit", func(p *types.Params) { p.PowerCaps[0].PowerUnit = "" }, "power cap unit is empty"},
		{"cap twice", func(p *types.Params) { p.PowerCaps[1] = p.PowerCaps[0] }, "FIL in TiB listed twice"},
		{"negative cap", func(p *types.Params) { p.PowerCaps[0].MaxPowerPerMiner = math.NewInt(-1) }, "non-negative"},
		{"zero bound", func(p *types.Params) { p.MaxTermDays = 0 }, "max_term_days must be positive"},
		{"bid cap", func(p *types.Params) { p.MaxBidsPerAuction = 10_001 }, "max_bids_per_auction 10001"},
		{"queue items", func(p *types.Params) { p.QueueItemsPerBlock = 1_001 }, "queue_items_per_block 1001"},
		{"mint budget", func(p *types.Params) { p.MintBudgetPerBlock = 100_001 }, "mint_budget_per_block 100001"},
		{"auction durations", func(p *types.Params) { p.MinAuctionDuration = 2 * p.MaxAuctionDuration }, "auction durations"},
		{"ttl", func(p *types.Params) { p.ApplicationTtl = -time.Second }, "application_ttl -1s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := e.Ctx().CacheContext()
			before, _ := k.Params.Get(ctx)
			p, _ := k.Params.Get(ctx)
			p.AcceptedDenoms = append([]string(nil), p.AcceptedDenoms...)
			p.PowerCaps = append([]types.PowerCap(nil), p.PowerCaps...)
			tc.edit(&p)
			msg := &types.MsgUpdateParams{Authority: auth.String(), Params: p}
			_, err := e.App.MsgServiceRouter().Handler(msg)(ctx, msg)
			wantCode(t, err, types.ErrInvalidParams)
			if !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("error %q does not say %q", err, tc.says)
			}
			if after, _ := k.Params.Get(ctx); after.String() != before.String() {
				t.Fatal("params changed")
			}
		})
	}
	// A genesis with bad params or records is ErrInvalidGenesis or ErrInvalidParams, with its code.
	gs := types.DefaultGenesis()
	gs.NextNftId = 0
	wantCode(t, gs.Validate(e.App.AccountKeeper.AddressCodec()), types.ErrInvalidGenesis)
	gs = types.DefaultGenesis()
	gs.Params.ChannelFeeBps = 10_001
	wantCode(t, gs.Validate(e.App.AccountKeeper.AddressCodec()), types.ErrInvalidParams)
}
