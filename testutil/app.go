// Package testutil builds a real DMEX app for tests and benchmarks: genesis through the same
// allocation code as `dmexd genesis allocate`, one bonded validator, funded accounts, a council,
// and helpers to sign transactions, advance blocks and check every module's books.
//
// Two tests every module writes the same way: Env.RoundTrip (export, import into a fresh app,
// every module's books and export compared byte for byte) and BadInputs (a table of messages
// that must fail with a registered error, its ABCI code, and no store changed).
package testutil

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/dmexchain/dmex/app"
)

const ChainID = "dmex-test-1"

// GenesisTime is the block time of the test chain's genesis.
var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Account is a key with what is needed to sign for it.
type Account struct {
	Key    *secp256k1.PrivKey
	Addr   sdk.AccAddress
	AccNum uint64
	Seq    uint64
}

func (a Account) String() string { return a.Addr.String() }

// Options shape the test chain.
type Options struct {
	Accounts            int           // funded user accounts (default 3)
	DB                  dbm.DB        // default: an in-memory DB
	DMCPerAccount       math.Int      // udmc granted to each account out of the foundation (default 1,000 DMC)
	ExtraCoins          sdk.Coins     // other coins for each account (default demo coins)
	CouncilThreshold    uint64        // default 4
	CouncilVotingPeriod time.Duration // default 1h
	BlockTime           time.Duration // default 3s
	// NodePower seeds the oracle: Filecoin nodes (f01234…) with their power in TiB, finalized the
	// day before genesis, and one feeder (Env.Feeder). x/hashnft approves a FIL product only if
	// its node's finalized power covers what it sells (SPEC §10).
	NodePower map[string]int64
}

// Env is a running test chain.
type Env struct {
	TB        testing.TB
	App       *app.App
	Accounts  []*Account
	Council   []*Account
	Validator *Account
	// Feeder is the oracle's only feeder when Options.NodePower is set (nil otherwise).
	Feeder    *Account
	BlockTime time.Duration
	rand      *rand.Rand
	lastTime  time.Time
	// Invariants run after every block, after the books checks the modules register with the app.
	Invariants []func(sdk.Context) error
	// editExport, when set, changes what RoundTrip imports (its own test fakes a faulty export).
	editExport func(map[string]json.RawMessage)
}

// DemoCoins are the non-DMC assets of the local network.
func DemoCoins() sdk.Coins {
	return sdk.NewCoins(
		sdk.NewInt64Coin("uusdt", 1_000_000_000_000), sdk.NewInt64Coin("uhusd", 1_000_000_000_000),
		sdk.NewInt64Coin("uht", 1_000_000_000_000), sdk.NewInt64Coin("uhbtc", 10_000_000_000),
		sdk.NewCoin("aifil", math.NewIntWithDecimal(1_000_000, 18)),
	)
}

func newAccount() *Account {
	k := secp256k1.GenPrivKey()
	return &Account{Key: k, Addr: sdk.AccAddress(k.PubKey().Address())}
}

func grant(a *Account, amt math.Int) app.Grant {
	return app.Grant{Address: a.Addr.String(), Amount: sdk.NewCoin(app.BondDenom, amt).String()}
}

// ValidatorBond is the validator's self-delegation.
var ValidatorBond = math.NewInt(100_000_000_000)

// New starts a chain at height 1.
func New(tb testing.TB, opts Options) *Env {
	tb.Helper()
	if opts.Accounts == 0 {
		opts.Accounts = 3
	}
	if opts.DB == nil {
		opts.DB = dbm.NewMemDB()
	}
	if opts.DMCPerAccount.IsNil() {
		opts.DMCPerAccount = math.NewInt(1_000_000_000)
	}
	if opts.ExtraCoins == nil {
		opts.ExtraCoins = DemoCoins()
	}
	if opts.CouncilThreshold == 0 {
		opts.CouncilThreshold = 4
	}
	if opts.CouncilVotingPeriod == 0 {
		opts.CouncilVotingPeriod = time.Hour
	}
	if opts.BlockTime == 0 {
		opts.BlockTime = 3 * time.Second
	}
	e := &Env{TB: tb, BlockTime: opts.BlockTime, rand: rand.New(rand.NewSource(1))}
	e.App = app.New(log.NewNopLogger(), opts.DB, nil, true, simtestutil.NewAppOptionsWithFlagHome(tb.TempDir()), baseapp.SetChainID(ChainID))
	cdc := e.App.AppCodec()

	e.Validator = newAccount()
	for i := 0; i < opts.Accounts; i++ {
		e.Accounts = append(e.Accounts, newAccount())
	}
	for i := 0; i < 7; i++ {
		e.Council = append(e.Council, newAccount())
	}
	team, investor := newAccount(), newAccount()
	if len(opts.NodePower) > 0 {
		e.Feeder = newAccount()
	}

	gen := e.App.DefaultGenesis()
	var accounts []authtypes.GenesisAccount
	var balances []banktypes.Balance
	for _, a := range e.Accounts {
		accounts = append(accounts, authtypes.NewBaseAccountWithAddress(a.Addr))
		if !opts.ExtraCoins.Empty() {
			balances = append(balances, banktypes.Balance{Address: a.Addr.String(), Coins: opts.ExtraCoins})
		}
	}
	if e.Feeder != nil {
		accounts = append(accounts, authtypes.NewBaseAccountWithAddress(e.Feeder.Addr))
		must(tb, seedOracle(e, cdc, gen, opts.NodePower))
	}
	packed, err := authtypes.PackAccounts(accounts)
	must(tb, err)
	authGen := authtypes.DefaultGenesisState()
	authGen.Accounts = packed
	gen[authtypes.ModuleName] = cdc.MustMarshalJSON(authGen)
	bankGen := banktypes.DefaultGenesisState()
	bankGen.Balances = balances
	gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGen)

	// The foundation pays the validator, the accounts and the council; what is left stays in it.
	validatorGrant := ValidatorBond.MulRaw(2)
	grants := []app.Grant{grant(e.Validator, validatorGrant)}
	for _, a := range e.Accounts {
		grants = append(grants, grant(a, opts.DMCPerAccount))
	}
	var members []string
	for _, c := range e.Council {
		grants = append(grants, grant(c, math.NewInt(10_000_000_000)))
		members = append(members, c.Addr.String())
	}
	file := app.AllocationFile{
		Team:             []app.Grant{grant(team, math.NewInt(10_000_000_000_000))},
		PrivatePlacement: []app.Grant{grant(investor, math.NewInt(20_000_000_000_000))},
		RiskFund:         "10000000000000udmc",
		Foundation:       app.FoundationShare{Amount: "10000000000000udmc", Grants: grants},
		Council:          app.CouncilFile{Members: members, Threshold: opts.CouncilThreshold, VotingPeriod: opts.CouncilVotingPeriod.String()},
	}
	must(tb, app.ApplyAllocation(cdc, gen, file, GenesisTime))
	must(tb, bondValidator(e, gen))

	stateBytes, err := json.Marshal(gen)
	must(tb, err)
	params := *simtestutil.DefaultConsensusParams
	block := *params.Block
	block.MaxGas = -1
	params.Block = &block
	_, err = e.App.InitChain(&abci.RequestInitChain{
		ChainId: ChainID, Time: GenesisTime, ConsensusParams: &params, AppStateBytes: stateBytes,
		InitialHeight: 1,
	})
	must(tb, err)
	e.lastTime = GenesisTime
	e.NextBlock()

	ctx := e.Ctx()
	signers := append(append([]*Account{e.Validator}, e.Accounts...), e.Council...)
	if e.Feeder != nil {
		signers = append(signers, e.Feeder)
	}
	for _, a := range signers {
		acc := e.App.AccountKeeper.GetAccount(ctx, a.Addr)
		if acc == nil {
			tb.Fatalf("account %s missing at genesis", a.Addr)
		}
		a.AccNum, a.Seq = acc.GetAccountNumber(), acc.GetSequence()
	}
	return e
}

// bondValidator makes the validator bonded at genesis with ValidatorBond out of its own DMC:
// the coins move from its balance to the bonded pool, so the supply is unchanged.
func bondValidator(e *Env, gen map[string]json.RawMessage) error {
	cdc := e.App.AppCodec()
	consKey := ed25519.GenPrivKey()
	pkAny, err := codectypes.NewAnyWithValue(consKey.PubKey())
	if err != nil {
		return err
	}
	valAddr := sdk.ValAddress(e.Validator.Addr)
	val := stakingtypes.Validator{
		OperatorAddress: valAddr.String(), ConsensusPubkey: pkAny, Status: stakingtypes.Bonded,
		Tokens: ValidatorBond, DelegatorShares: math.LegacyNewDecFromInt(ValidatorBond),
		UnbondingTime: time.Unix(0, 0).UTC(), MinSelfDelegation: math.OneInt(),
		Commission: stakingtypes.NewCommission(math.LegacyZeroDec(), math.LegacyZeroDec(), math.LegacyZeroDec()),
	}
	var stakingGen stakingtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[stakingtypes.ModuleName], &stakingGen); err != nil {
		return err
	}
	stakingGen.Validators = []stakingtypes.Validator{val}
	stakingGen.Delegations = []stakingtypes.Delegation{
		stakingtypes.NewDelegation(e.Validator.Addr.String(), valAddr.String(), math.LegacyNewDecFromInt(ValidatorBond)),
	}
	gen[stakingtypes.ModuleName] = cdc.MustMarshalJSON(&stakingGen)

	bankGen := banktypes.GetGenesisStateFromAppState(cdc, gen)
	bond := sdk.NewCoins(sdk.NewCoin(app.BondDenom, ValidatorBond))
	moved := false
	for i, b := range bankGen.Balances {
		if b.Address == e.Validator.Addr.String() {
			bankGen.Balances[i].Coins = b.Coins.Sub(bond...)
			moved = true
		}
	}
	if !moved {
		return fmt.Errorf("validator has no genesis balance")
	}
	bankGen.Balances = append(bankGen.Balances, banktypes.Balance{
		Address: authtypes.NewModuleAddress(stakingtypes.BondedPoolName).String(), Coins: bond,
	})
	bankGen.Balances = banktypes.SanitizeGenesisBalances(bankGen.Balances)
	gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGen)
	return nil
}

// Ctx is a query context on the last committed state.
func (e *Env) Ctx() sdk.Context {
	return e.App.NewUncachedContext(false, cmtproto.Header{
		ChainID: ChainID, Height: e.App.LastBlockHeight(), Time: e.lastTime,
	})
}

// NextBlock finalizes and commits a block with txs, one block time after the last, then checks
// every invariant.
func (e *Env) NextBlock(txs ...[]byte) *abci.ResponseFinalizeBlock {
	e.TB.Helper()
	return e.NextBlockAt(e.lastTime.Add(e.BlockTime), txs...)
}

// NextBlockAt is NextBlock at a given time (to jump over days and epochs).
func (e *Env) NextBlockAt(t time.Time, txs ...[]byte) *abci.ResponseFinalizeBlock {
	e.TB.Helper()
	h := e.App.LastBlockHeight() + 1
	res, err := e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h, Time: t, Txs: txs})
	must(e.TB, err)
	_, err = e.App.Commit()
	must(e.TB, err)
	e.lastTime = t
	e.CheckInvariants()
	return res
}

// CheckInvariants runs the books checks every module registers with the app (App.BooksChecks),
// then the test's own (Options.Invariants).
func (e *Env) CheckInvariants() {
	e.TB.Helper()
	ctx := e.Ctx()
	for _, c := range e.App.BooksChecks() {
		if err := c.Run(ctx); err != nil {
			e.TB.Fatalf("x/%s books check %q broken at height %d: %v", c.Module, c.Name, ctx.BlockHeight(), err)
		}
	}
	for _, inv := range e.Invariants {
		if err := inv(ctx); err != nil {
			e.TB.Fatalf("invariant broken at height %d: %v", ctx.BlockHeight(), err)
		}
	}
}

// SignTx signs msgs by signer (no fee, generous gas) and bumps its sequence.
func (e *Env) SignTx(signer *Account, msgs ...sdk.Msg) []byte {
	e.TB.Helper()
	tx, err := simtestutil.GenSignedMockTx(e.rand, e.App.TxConfig(), msgs,
		sdk.NewCoins(), 10_000_000, ChainID, []uint64{signer.AccNum}, []uint64{signer.Seq}, signer.Key)
	must(e.TB, err)
	signer.Seq++
	bz, err := e.App.TxConfig().TxEncoder()(tx)
	must(e.TB, err)
	return bz
}

// Deliver signs msgs by signer, delivers them in a new block and returns the tx result.
func (e *Env) Deliver(signer *Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	e.TB.Helper()
	res := e.NextBlock(e.SignTx(signer, msgs...))
	return res.TxResults[0]
}

// MustDeliver is Deliver that fails the test unless the tx succeeds.
func (e *Env) MustDeliver(signer *Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	e.TB.Helper()
	r := e.Deliver(signer, msgs...)
	if r.Code != 0 {
		e.TB.Fatalf("tx failed: code %d: %s", r.Code, r.Log)
	}
	return r
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
