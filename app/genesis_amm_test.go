package app_test

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/testutil"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
)

// A genesis with two pools made by app.ApplyGenesisPool (what `dmexd genesis add-pool` writes)
// over a testutil chain's zero-height export, whose bank genesis lists the supply: the pools'
// coins leave the provider's balance for the amm account, the provider holds the shares above
// the locked 1,000, and the share supply is listed. A fresh app starts from it through
// InitChain, every module's books hold after each of its blocks, each pool's price from its
// genesis record on is its reserves' ratio, and the provider's swap through both pools is
// accepted and paid.
func TestGenesisPoolStartsAndItsBooksHold(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	provider := e.Accounts[0]
	exported, err := e.App.ExportAppStateAndValidators(true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var gen map[string]json.RawMessage
	if err := json.Unmarshal(exported.AppState, &gen); err != nil {
		t.Fatal(err)
	}
	cdc := e.App.AppCodec()
	if len(banktypes.GetGenesisStateFromAppState(cdc, gen).Supply) == 0 {
		t.Fatal("the export lists no supply: this test needs one")
	}
	start := e.Ctx().BlockTime().Add(time.Hour)
	p1, err := app.ApplyGenesisPool(cdc, gen, provider.Addr, sdk.NewInt64Coin("uusdt", 400_000_000), sdk.NewInt64Coin("udmc", 100_000_000), start)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := app.ApplyGenesisPool(cdc, gen, provider.Addr, sdk.NewInt64Coin("uhusd", 9_000_000), sdk.NewInt64Coin("uusdt", 4_000_000), start)
	if err != nil {
		t.Fatal(err)
	}
	// floor(sqrt(10^8 × 4×10^8)) = 2×10^8 and floor(sqrt(9×10^6 × 4×10^6)) = 6×10^6 shares.
	if p1.Id != 1 || p1.DenomA != "udmc" || p1.DenomB != "uusdt" || !p1.Shares.Equal(math.NewInt(200_000_000)) ||
		p2.Id != 2 || p2.DenomA != "uhusd" || !p2.Shares.Equal(math.NewInt(6_000_000)) || !p2.LockedShares.Equal(math.NewInt(1_000)) {
		t.Fatalf("genesis pools %v and %v", p1, p2)
	}
	bankGen := banktypes.GetGenesisStateFromAppState(cdc, gen)
	if s := bankGen.Supply.AmountOf(ammtypes.ShareDenom(1)); !s.Equal(math.NewInt(199_999_000)) {
		t.Fatalf("genesis supply of pool 1's shares: %s", s)
	}
	if err := e.App.BasicModuleManager.ValidateGenesis(cdc, e.App.TxConfig(), gen); err != nil {
		t.Fatalf("the genesis with its pools: %v", err)
	}
	state, err := json.Marshal(gen)
	if err != nil {
		t.Fatal(err)
	}

	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(testutil.ChainID))
	params := *simtestutil.DefaultConsensusParams
	if _, err := b.InitChain(&abci.RequestInitChain{
		ChainId: testutil.ChainID, Time: start, AppStateBytes: state, ConsensusParams: &params, InitialHeight: 1,
	}); err != nil {
		t.Fatalf("starting from the genesis with its pools: %v", err)
	}
	now := start
	block := func(txs ...[]byte) *abci.ResponseFinalizeBlock {
		t.Helper()
		now = now.Add(time.Minute)
		res, err := b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: b.LastBlockHeight() + 1, Time: now, Txs: txs})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		ctx := b.NewUncachedContext(false, cmtproto.Header{ChainID: testutil.ChainID, Height: b.LastBlockHeight(), Time: now})
		for _, c := range b.BooksChecks() {
			if err := c.Run(ctx); err != nil {
				t.Fatalf("x/%s books check %q at height %d: %v", c.Module, c.Name, b.LastBlockHeight(), err)
			}
		}
		return res
	}
	block()
	block()
	ctx := func() sdk.Context {
		return b.NewUncachedContext(false, cmtproto.Header{ChainID: testutil.ChainID, Height: b.LastBlockHeight(), Time: now})
	}
	for _, want := range []struct {
		pool        uint64
		base, quote string
		price       string
	}{{1, "udmc", "uusdt", "4.000000000000000000"}, {2, "uusdt", "uhusd", "2.250000000000000000"}} {
		twap, err := b.AmmKeeper.TWAP(ctx(), want.pool, want.base, want.quote, start, now)
		if err != nil || twap.String() != want.price {
			t.Fatalf("pool %d's TWAP of %s in %s since genesis: %s (%v), want %s", want.pool, want.base, want.quote, twap, err, want.price)
		}
	}
	if got := b.BankKeeper.GetBalance(ctx(), provider.Addr, ammtypes.ShareDenom(2)); !got.Amount.Equal(math.NewInt(5_999_000)) {
		t.Fatalf("the provider's shares of pool 2: %s", got)
	}

	// The provider swaps 1 DMC over both pools (udmc → uusdt → uhusd) on the new chain.
	acc := b.AccountKeeper.GetAccount(ctx(), provider.Addr)
	route := []ammtypes.SwapHop{{PoolId: 1, DenomOut: "uusdt"}, {PoolId: 2, DenomOut: "uhusd"}}
	est, err := b.AmmKeeper.EstimateExactIn(ctx(), route, sdk.NewInt64Coin("udmc", 1_000_000))
	if err != nil {
		t.Fatal(err)
	}
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), b.TxConfig(),
		[]sdk.Msg{&ammtypes.MsgSwapExactIn{Sender: provider.Addr.String(), Route: route, TokenIn: sdk.NewInt64Coin("udmc", 1_000_000), MinOut: est.Amount}},
		sdk.NewCoins(), 10_000_000, testutil.ChainID, []uint64{acc.GetAccountNumber()}, []uint64{acc.GetSequence()}, provider.Key)
	if err != nil {
		t.Fatal(err)
	}
	bz, err := b.TxConfig().TxEncoder()(tx)
	if err != nil {
		t.Fatal(err)
	}
	before := b.BankKeeper.GetBalance(ctx(), provider.Addr, "uhusd").Amount
	if res := block(bz); res.TxResults[0].Code != 0 {
		t.Fatalf("swap through the genesis pools: code %d: %s", res.TxResults[0].Code, res.TxResults[0].Log)
	}
	if got := b.BankKeeper.GetBalance(ctx(), provider.Addr, "uhusd").Amount.Sub(before); !got.Equal(est.Amount) || !got.IsPositive() {
		t.Fatalf("the swap paid %suhusd, estimated %s", got, est)
	}
}

// ApplyGenesisPool's bad inputs: each is refused with an error naming what is wrong, and the
// genesis stays byte for byte as it was (the command writes nothing).
func TestGenesisPoolBadInputs(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(testutil.ChainID))
	cdc := a.AppCodec()
	gen := a.DefaultGenesis()
	provider, stranger := sdk.AccAddress("provider____________"), sdk.AccAddress("stranger____________")
	bankGen := banktypes.DefaultGenesisState()
	bankGen.Balances = []banktypes.Balance{{Address: provider.String(), Coins: sdk.NewCoins(
		sdk.NewInt64Coin("udmc", 1_000_000_000), sdk.NewInt64Coin("uhusd", 1_000_000_000), sdk.NewInt64Coin("uusdt", 1_000_000_000),
	)}}
	gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGen)
	if _, err := app.ApplyGenesisPool(cdc, gen, provider, sdk.NewInt64Coin("udmc", 1_000_000), sdk.NewInt64Coin("uusdt", 2_000_000), testutil.GenesisTime); err != nil {
		t.Fatal(err)
	}
	// The pool moved its coins: the provider keeps the rest and the shares above the locked 1,000
	// (floor(sqrt(2×10^12)) = 1,414,213), the amm account holds the reserves, and the supply is
	// left for x/bank to compute (the genesis lists none).
	bankGen = banktypes.GetGenesisStateFromAppState(cdc, gen)
	want := map[string]sdk.Coins{
		provider.String(): sdk.NewCoins(
			sdk.NewInt64Coin("udmc", 999_000_000), sdk.NewInt64Coin("uhusd", 1_000_000_000), sdk.NewInt64Coin("uusdt", 998_000_000),
			sdk.NewInt64Coin(ammtypes.ShareDenom(1), 1_413_213),
		),
		authtypes.NewModuleAddress(ammtypes.ModuleName).String(): sdk.NewCoins(sdk.NewInt64Coin("udmc", 1_000_000), sdk.NewInt64Coin("uusdt", 2_000_000)),
	}
	if len(bankGen.Balances) != len(want) || len(bankGen.Supply) != 0 {
		t.Fatalf("bank genesis after the pool: %v, supply %v", bankGen.Balances, bankGen.Supply)
	}
	for _, bal := range bankGen.Balances {
		if !bal.Coins.Equal(want[bal.Address]) {
			t.Fatalf("%s holds %s at genesis, want %s", bal.Address, bal.Coins, want[bal.Address])
		}
	}
	snapshot := func() string {
		bz, err := json.Marshal(gen)
		if err != nil {
			t.Fatal(err)
		}
		return string(bz)
	}
	before := snapshot()
	for _, c := range []struct {
		name     string
		provider sdk.AccAddress
		a, b     sdk.Coin
		says     string
	}{
		{"a denom x/amm does not accept", provider, sdk.NewInt64Coin("uatom", 1_000_000), sdk.NewInt64Coin("udmc", 1_000_000), "denom uatom is not accepted"},
		{"a share denom", provider, sdk.NewInt64Coin(ammtypes.ShareDenom(1), 1_000_000), sdk.NewInt64Coin("udmc", 1_000_000), "denom amm/pool/1 is not accepted"},
		{"the same denom twice", provider, sdk.NewInt64Coin("udmc", 1_000_000), sdk.NewInt64Coin("udmc", 2_000_000), "udmc twice"},
		{"a pool of the pair exists (either order)", provider, sdk.NewInt64Coin("uusdt", 5_000_000), sdk.NewInt64Coin("udmc", 5_000_000), "pool 1 already holds udmc/uusdt"},
		{"too little liquidity", provider, sdk.NewInt64Coin("udmc", 1_000), sdk.NewInt64Coin("uhusd", 1_000), "gives 1000 shares, not above the locked minimum 1000"},
		{"a zero amount", provider, sdk.NewInt64Coin("udmc", 0), sdk.NewInt64Coin("uhusd", 1_000_000), "0udmc: want a positive amount"},
		{"a provider without a genesis balance", stranger, sdk.NewInt64Coin("udmc", 1_000_000), sdk.NewInt64Coin("uhusd", 1_000_000), "has no genesis balance"},
		{"a denom the provider does not hold", provider, sdk.NewInt64Coin("udmc", 1_000_000), sdk.NewInt64Coin("uht", 1_000_000), "the pool needs 1000000udmc,1000000uht"},
		{"more than the provider holds", provider, sdk.NewInt64Coin("udmc", 999_000_001), sdk.NewInt64Coin("uhusd", 1_000_000), "the pool needs 999000001udmc"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := app.ApplyGenesisPool(cdc, gen, c.provider, c.a, c.b, testutil.GenesisTime)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Fatalf("error %q does not say %q", err, c.says)
			}
			if snapshot() != before {
				t.Fatal("a refused pool changed the genesis")
			}
		})
	}
}
