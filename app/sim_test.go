package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/collections"
	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/kv"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/testutil"
	ammkeeper "github.com/dmexchain/dmex/x/amm/keeper"
	ammsim "github.com/dmexchain/dmex/x/amm/simulation"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
	dmcsim "github.com/dmexchain/dmex/x/dmc/simulation"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowsim "github.com/dmexchain/dmex/x/escrow/simulation"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	lendingsim "github.com/dmexchain/dmex/x/lending/simulation"
	lendingtypes "github.com/dmexchain/dmex/x/lending/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
	riskfundsim "github.com/dmexchain/dmex/x/riskfund/simulation"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// simSeeds are the seeds TestFullAppSimulation runs (make sim: -SimSeeds=2,4,7 -NumBlocks=500).
var simSeeds = flag.String("SimSeeds", "2", "comma-separated simulation seeds")

func init() {
	simcli.GetSimulatorFlags()
	// The short run inside `make test`; `make sim` passes -NumBlocks and -BlockSize.
	simcli.FlagNumBlocksValue = 50
	simcli.FlagBlockSizeValue = 50
}

func seeds(t *testing.T) []int64 {
	t.Helper()
	var out []int64
	for _, s := range strings.Split(*simSeeds, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			t.Fatalf("-SimSeeds: %v", err)
		}
		out = append(out, n)
	}
	return out
}

// simAccounts is how many accounts the simulated chain has: the validator, the seven council
// members and the users (every one of them sends random messages).
const simAccounts = 30

// simMaxAccounts caps the simulation's random account count (2 to 2,500): each account not a
// validator at genesis can become one (MsgCreateValidator) as the evidence tombstones others.
const simMaxAccounts = 1000

// simValidators are bonded at genesis (the first accounts): the simulation's random downtime
// and unbonding must not empty the set.
const simValidators = 15

// simUnbondingTime is the staking unbonding time of the simulated chain (blocks are 1.4 to 2.8 h
// apart in the SDK simulation).
const simUnbondingTime = 6 * time.Hour

// simGenesis is the simulation's genesis: the DMEX allocation (app.ApplyAllocation, as
// `dmexd genesis allocate` writes it) over simulation accounts, the first one a bonded validator
// and the next seven the council, every account with DMC and the demo coins, and x/dmc's three
// farms (staked uusdt, staked udmc, liquidity aifil) with random weights. The time is fixed so
// the same seed gives the same chain.
func simGenesis(a *app.App) simtypes.AppStateFn {
	return func(r *rand.Rand, accs []simtypes.Account, _ simtypes.Config) (json.RawMessage, []simtypes.Account, string, time.Time) {
		if len(accs) < simAccounts {
			accs = append(accs, simtypes.RandomAccounts(r, simAccounts-len(accs))...)
		}
		if len(accs) > simMaxAccounts {
			accs = accs[:simMaxAccounts]
		}
		cdc := a.AppCodec()
		gen := a.DefaultGenesis()

		var accounts []authtypes.GenesisAccount
		var balances []banktypes.Balance
		for _, acc := range accs {
			accounts = append(accounts, authtypes.NewBaseAccountWithAddress(acc.Address))
			balances = append(balances, banktypes.Balance{Address: acc.Address.String(), Coins: testutil.DemoCoins()})
		}
		packed, err := authtypes.PackAccounts(accounts)
		mustSim(err)
		authGen := authtypes.DefaultGenesisState()
		authGen.Accounts = packed
		gen[authtypes.ModuleName] = cdc.MustMarshalJSON(authGen)
		bankGen := banktypes.DefaultGenesisState()
		bankGen.Balances = balances
		gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGen)

		bond := testutil.ValidatorBond
		var grants []app.Grant
		var members []string
		for i, acc := range accs {
			if i >= 1 && i <= 7 {
				members = append(members, acc.Address.String())
			}
			amt := sdk.NewInt64Coin(app.BondDenom, 1_000_000_000)
			if i < simValidators {
				amt = sdk.NewCoin(app.BondDenom, bond.MulRaw(2))
			}
			grants = append(grants, app.Grant{Address: acc.Address.String(), Amount: amt.String()})
		}
		team, investor := simtypes.RandomAccounts(r, 2), []simtypes.Account(nil)
		investor, team = team[1:], team[:1]
		file := app.AllocationFile{
			Team:             []app.Grant{{Address: team[0].Address.String(), Amount: "10000000000000udmc"}},
			PrivatePlacement: []app.Grant{{Address: investor[0].Address.String(), Amount: "20000000000000udmc"}},
			RiskFund:         "10000000000000udmc",
			Foundation:       app.FoundationShare{Amount: "10000000000000udmc", Grants: grants},
			Council:          app.CouncilFile{Members: members, Threshold: 4, VotingPeriod: "1h"},
		}
		mustSim(app.ApplyAllocation(cdc, gen, file, testutil.GenesisTime))
		mustSim(simBondValidators(a, gen, accs[:simValidators], bond))
		mustSim(simFarms(a, gen, r))
		mustSim(simRandomParams(a, gen, r))
		mustSim(simOperators(a, gen, accs[8:11]))
		mustSim(simFeeders(a, gen, accs[11:15]))
		mustSim(simMarket(a, gen, accs))
		mustSim(simAmm(a, gen, r, accs[len(accs)-1]))

		bz, err := json.Marshal(gen)
		mustSim(err)
		return bz, accs, simsx.SimAppChainID, testutil.GenesisTime
	}
}

// simFarms adds x/dmc's farms, DMEX's random genesis for x/dmc: the SDK's random genesis is
// not used (the allocation fixes the supply), the weights are.
func simFarms(a *app.App, gen map[string]json.RawMessage, r *rand.Rand) error {
	var gs dmctypes.GenesisState
	if err := a.AppCodec().UnmarshalJSON(gen[dmctypes.ModuleName], &gs); err != nil {
		return err
	}
	for i, f := range []struct {
		program dmctypes.Program
		denom   string
	}{{dmctypes.PROGRAM_STAKED, "uusdt"}, {dmctypes.PROGRAM_STAKED, app.BondDenom}, {dmctypes.PROGRAM_LIQUIDITY, "aifil"}} {
		id := gs.NextFarmId + uint64(i)
		gs.Farms = append(gs.Farms, dmctypes.Farm{
			Id: id, Program: f.program, Denom: f.denom, Weight: uint64(1 + r.Intn(5)),
			TotalStaked: math.ZeroInt(), RewardIndex: math.ZeroInt(), IndexResidual: math.ZeroInt(),
			Minted: math.ZeroInt(), Paid: math.ZeroInt(),
		})
	}
	gs.NextFarmId += 3
	gen[dmctypes.ModuleName] = a.AppCodec().MustMarshalJSON(&gs)
	return nil
}

// simRandomParams is the random genesis of the DMEX modules' params: x/dmc, x/hashnft,
// x/escrow, x/riskfund, x/lending and x/amm from their RandomizedParams (the ones the council's
// MsgUpdateParams factories send), x/oracle's minimum withdrawal at random (its day length is
// fixed with x/epochs' day). The market denoms are set after this by simMarket.
func simRandomParams(a *app.App, gen map[string]json.RawMessage, r *rand.Rand) error {
	cdc := a.AppCodec()
	var dmc dmctypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[dmctypes.ModuleName], &dmc); err != nil {
		return err
	}
	dmc.Params = dmcsim.RandomizedParams(r, dmc.Params, math.ZeroInt(), uint32(len(dmc.Farms)))
	gen[dmctypes.ModuleName] = cdc.MustMarshalJSON(&dmc)

	var nft hashnfttypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[hashnfttypes.ModuleName], &nft); err != nil {
		return err
	}
	nft.Params = hashnftsim.RandomizedParams(r)
	gen[hashnfttypes.ModuleName] = cdc.MustMarshalJSON(&nft)

	var esc escrowtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[escrowtypes.ModuleName], &esc); err != nil {
		return err
	}
	esc.Params = escrowsim.RandomizedParams(r)
	gen[escrowtypes.ModuleName] = cdc.MustMarshalJSON(&esc)

	var fund riskfundtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[riskfundtypes.ModuleName], &fund); err != nil {
		return err
	}
	fund.Params = riskfundsim.RandomizedParams(r)
	gen[riskfundtypes.ModuleName] = cdc.MustMarshalJSON(&fund)

	var lend lendingtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[lendingtypes.ModuleName], &lend); err != nil {
		return err
	}
	lend.Params = lendingsim.RandomizedParams(r)
	gen[lendingtypes.ModuleName] = cdc.MustMarshalJSON(&lend)

	var oracle oracletypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[oracletypes.ModuleName], &oracle); err != nil {
		return err
	}
	oracle.Params.MinWithdrawal = math.NewInt(1 + r.Int63n(oracletypes.DefaultMinWithdrawal*100))
	gen[oracletypes.ModuleName] = cdc.MustMarshalJSON(&oracle)

	var amm ammtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[ammtypes.ModuleName], &amm); err != nil {
		return err
	}
	amm.Params = ammsim.RandomizedParams(r)
	gen[ammtypes.ModuleName] = cdc.MustMarshalJSON(&amm)
	return nil
}

// simMonthMin and simMonthMax bound the simulation's month epoch: at most 60 h, so that the first
// month ends within 50 blocks (at least 69 h of the SDK simulation's block times).
const (
	simMonthMin = 24 * time.Hour
	simMonthMax = 60 * time.Hour
)

// simAmm opens x/amm to the simulation. The month epoch is shortened to 1 to 2.5 days (drawn),
// so that the buyback sets revenue aside and runs its slices within a short run; nothing else
// uses that epoch. One pool exists at genesis (app.ApplyGenesisPool, what `dmexd genesis
// add-pool` writes), of 100 DMC and a thousandth of the demo coins of another accepted denom (provider's), so that
// swaps and the buyback have a pool with price history from the first block; the factories open
// the others.
func simAmm(a *app.App, gen map[string]json.RawMessage, r *rand.Rand, provider simtypes.Account) error {
	cdc := a.AppCodec()
	var epochs epochstypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[epochstypes.ModuleName], &epochs); err != nil {
		return err
	}
	month := simMonthMin + time.Duration(r.Int63n(int64(simMonthMax-simMonthMin)+1)).Truncate(time.Second)
	found := false
	for i, e := range epochs.Epochs {
		if e.Identifier == ammkeeper.MonthEpoch {
			epochs.Epochs[i].Duration, found = month, true
		}
	}
	if !found {
		return fmt.Errorf("no %q epoch in the genesis", ammkeeper.MonthEpoch)
	}
	gen[epochstypes.ModuleName] = cdc.MustMarshalJSON(&epochs)

	var amm ammtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[ammtypes.ModuleName], &amm); err != nil {
		return err
	}
	var others []string
	for _, d := range amm.Params.AcceptedDenoms {
		if d != ammtypes.DMCDenom {
			others = append(others, d)
		}
	}
	if len(others) == 0 {
		return fmt.Errorf("x/amm accepts no denom beside %s: %v", ammtypes.DMCDenom, amm.Params.AcceptedDenoms)
	}
	other := others[r.Intn(len(others))]
	held := testutil.DemoCoins().AmountOf(other).QuoRaw(1_000)
	_, err := app.ApplyGenesisPool(cdc, gen, provider.Address, sdk.NewInt64Coin(ammtypes.DMCDenom, 100_000_000), sdk.NewCoin(other, held), testutil.GenesisTime)
	return err
}

// simOperators makes three simulation accounts the IFIL bridge operators, two of them enough to
// mint a deposit (x/oracle's genesis for the simulation).
func simOperators(a *app.App, gen map[string]json.RawMessage, ops []simtypes.Account) error {
	var gs oracletypes.GenesisState
	if err := a.AppCodec().UnmarshalJSON(gen[oracletypes.ModuleName], &gs); err != nil {
		return err
	}
	gs.Operators = oracletypes.OperatorSet{Threshold: 2}
	for _, op := range ops {
		gs.Operators.Operators = append(gs.Operators.Operators, op.Address.String())
	}
	gen[oracletypes.ModuleName] = a.AppCodec().MustMarshalJSON(&gs)
	return nil
}

// simFeeders makes four simulation accounts x/oracle's feeders (the fewest that tolerate a
// rogue one), so that their reports can be simulated.
func simFeeders(a *app.App, gen map[string]json.RawMessage, feeders []simtypes.Account) error {
	var gs oracletypes.GenesisState
	if err := a.AppCodec().UnmarshalJSON(gen[oracletypes.ModuleName], &gs); err != nil {
		return err
	}
	gs.Feeders = oracletypes.FeederSet{}
	for _, f := range feeders {
		gs.Feeders.Feeders = append(gs.Feeders.Feeders, f.Address.String())
	}
	gen[oracletypes.ModuleName] = a.AppCodec().MustMarshalJSON(&gs)
	return nil
}

// simMarket opens x/hashnft's market to the simulation: products priced in udmc or the demo
// stable coins every account holds, and SimNodesPerAccount Filecoin nodes per account attested
// in x/oracle (power and owner, one finalized day), so that the council can approve the
// accounts' applications.
func simMarket(a *app.App, gen map[string]json.RawMessage, accs []simtypes.Account) error {
	cdc := a.AppCodec()
	var nft hashnfttypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[hashnfttypes.ModuleName], &nft); err != nil {
		return err
	}
	nft.Params.AcceptedDenoms = []string{app.BondDenom, "uusdt", "uhusd"}
	gen[hashnfttypes.ModuleName] = cdc.MustMarshalJSON(&nft)
	var oracle oracletypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[oracletypes.ModuleName], &oracle); err != nil {
		return err
	}
	power := math.NewInt(hashnftsim.SimNodePowerTiB).MulRaw(oracletypes.BytesPerTiB)
	for _, acc := range accs {
		for i := 0; i < hashnftsim.SimNodesPerAccount; i++ {
			oracle.NodeDays = append(oracle.NodeDays, oracletypes.NodeDay{Day: 1, Reports: 1, Figures: oracletypes.NodeFigures{
				NodeId: hashnftsim.SimNodeID(acc.Address, i), Power: power, Reward: math.ZeroInt(), Owner: acc.Address.String(),
			}})
		}
	}
	gen[oracletypes.ModuleName] = cdc.MustMarshalJSON(&oracle)
	return nil
}

// simBondValidators bonds each validator out of its own DMC, as testutil does, with the
// simulation account's consensus key, and gives x/slashing its signing info.
func simBondValidators(a *app.App, gen map[string]json.RawMessage, vals []simtypes.Account, bond math.Int) error {
	cdc := a.AppCodec()
	var stakingGen stakingtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[stakingtypes.ModuleName], &stakingGen); err != nil {
		return err
	}
	var slashingGen slashingtypes.GenesisState
	if err := cdc.UnmarshalJSON(gen[slashingtypes.ModuleName], &slashingGen); err != nil {
		return err
	}
	// The simulation's evidence is of random past blocks; x/evidence ignores what is older than
	// the unbonding time (and as many blocks), so a short one keeps the set from being
	// tombstoned away in a few dozen blocks; unbondings also complete within the run.
	stakingGen.Params.UnbondingTime = simUnbondingTime
	bankGen := banktypes.GetGenesisStateFromAppState(cdc, gen)
	coins := sdk.NewCoins(sdk.NewCoin(app.BondDenom, bond))
	for _, v := range vals {
		pkAny, err := codectypes.NewAnyWithValue(v.ConsKey.PubKey())
		if err != nil {
			return err
		}
		valAddr := sdk.ValAddress(v.Address)
		stakingGen.Validators = append(stakingGen.Validators, stakingtypes.Validator{
			OperatorAddress: valAddr.String(), ConsensusPubkey: pkAny, Status: stakingtypes.Bonded,
			Tokens: bond, DelegatorShares: math.LegacyNewDecFromInt(bond),
			UnbondingTime: time.Unix(0, 0).UTC(), MinSelfDelegation: math.OneInt(),
			Commission: stakingtypes.NewCommission(math.LegacyZeroDec(), math.LegacyMustNewDecFromStr("0.2"), math.LegacyMustNewDecFromStr("0.01")),
		})
		stakingGen.Delegations = append(stakingGen.Delegations,
			stakingtypes.NewDelegation(v.Address.String(), valAddr.String(), math.LegacyNewDecFromInt(bond)))
		consAddr := sdk.ConsAddress(v.ConsKey.PubKey().Address())
		slashingGen.SigningInfos = append(slashingGen.SigningInfos, slashingtypes.SigningInfo{
			Address:              consAddr.String(),
			ValidatorSigningInfo: slashingtypes.NewValidatorSigningInfo(consAddr, 0, 0, time.Unix(0, 0).UTC(), false, 0),
		})
		moved := false
		for i, b := range bankGen.Balances {
			if b.Address == v.Address.String() {
				bankGen.Balances[i].Coins = b.Coins.Sub(coins...)
				moved = true
			}
		}
		if !moved {
			return fmt.Errorf("validator %s has no genesis balance", v.Address)
		}
	}
	gen[stakingtypes.ModuleName] = cdc.MustMarshalJSON(&stakingGen)
	gen[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&slashingGen)
	bankGen.Balances = append(bankGen.Balances, banktypes.Balance{
		Address: authtypes.NewModuleAddress(stakingtypes.BondedPoolName).String(),
		Coins:   sdk.NewCoins(sdk.NewCoin(app.BondDenom, bond.MulRaw(int64(len(vals))))),
	})
	bankGen.Balances = banktypes.SanitizeGenesisBalances(bankGen.Balances)
	gen[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGen)
	return nil
}

func mustSim(err error) {
	if err != nil {
		panic(err)
	}
}

func simStateFactory(a *app.App) simsx.SimStateFactory {
	return simsx.SimStateFactory{
		Codec:         a.AppCodec(),
		AppStateFn:    simGenesis(a),
		BlockedAddr:   app.BlockedAddresses(),
		AccountSource: a.AccountKeeper,
		BalanceSource: a.BankKeeper,
	}
}

// booksRun counts the books checks the simulation ran, per seed (for the report).
var booksRun sync.Map

// simApp builds the app with every module's books checked after each committed block: a broken
// check fails the run naming the seed (the subtest), the height and the check.
func simApp(tb testing.TB, seed int64, hashes *[][]byte) func(log.Logger, dbm.DB, io.Writer, bool, servertypes.AppOptions, ...func(*baseapp.BaseApp)) *app.App {
	return func(logger log.Logger, db dbm.DB, trace io.Writer, load bool, opts servertypes.AppOptions, bopts ...func(*baseapp.BaseApp)) *app.App {
		var a *app.App
		checks := 0
		tally := &lendingTally{}
		lendingTallies.Store(tb.Name(), tally)
		bopts = append(bopts, func(b *baseapp.BaseApp) {
			b.SetStreamingManager(storetypes.StreamingManager{ABCIListeners: []storetypes.ABCIListener{lendingListener{tally: tally}}})
			b.SetPrepareCheckStater(func(ctx sdk.Context) {
				for _, c := range a.BooksChecks() {
					checks++
					if err := c.Run(ctx); err != nil {
						tb.Fatalf("seed %d: x/%s books check %q broken at height %d: %v", seed, c.Module, c.Name, ctx.BlockHeight(), err)
					}
				}
				booksRun.Store(tb.Name(), checks)
				if hashes != nil {
					*hashes = append(*hashes, a.LastCommitID().Hash)
				}
			})
		})
		a = app.New(logger, db, trace, load, opts, bopts...)
		return a
	}
}

// TestFullAppSimulation runs the SDK simulation (simsx) over the DMEX app: random bank,
// staking and distribution messages and every DMEX message with a factory, the books checked
// after every block, then an export. `go test ./app -run TestFullAppSimulation -SimSeeds=2,4,7
// -NumBlocks=500 -BlockSize=100` is `make sim`.
func TestFullAppSimulation(t *testing.T) {
	runSims(t, nil)
}

// runSims runs the simulation once per seed, each in its own subtest, then post.
func runSims(t *testing.T, post func(testing.TB, simsx.TestInstance[*app.App], []simtypes.Account)) {
	t.Helper()
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	for _, seed := range seeds(t) {
		finished := false
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Cleanup(func() {
				if !finished && !t.Failed() {
					t.Errorf("seed %d: the simulation stopped before its last block (%s)", seed, "skipped")
				}
			})
			simsx.RunWithSeed(t, cfg, simApp(t, seed, nil), simStateFactory, seed, nil,
				func(tb testing.TB, ti simsx.TestInstance[*app.App], accs []simtypes.Account) {
					n, _ := booksRun.Load(tb.Name())
					if n == nil || n.(int) == 0 {
						tb.Fatal("no books check ran")
					}
					tb.Logf("seed %d: %d books checks over %d blocks", seed, n, ti.App.LastBlockHeight())
					logSimCounts(tb, seed, ti.App)
					simMarketReached(tb, seed, ti.App)
					simFundReached(tb, seed, ti.App)
					simLendingReached(tb, seed, ti.App)
					simAmmReached(tb, seed, ti.App)
					if post != nil {
						post(tb, ti, accs)
					}
					finished = true
				})
		})
	}
}

// logSimCounts prints how each DMEX factory fared: messages delivered, refused as expected,
// skipped (no valid message in that state).
func logSimCounts(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	var delivered, refused, skipped int
	for _, c := range a.SimMessageCounts() {
		tb.Logf("seed %d: %-45s delivered %4d  refused %4d  skipped %4d", seed, c.Name, c.Delivered, c.Refused, c.Skipped)
		delivered, refused, skipped = delivered+c.Delivered, refused+c.Refused, skipped+c.Skipped
		if c.Failed > 0 {
			tb.Errorf("seed %d: %s: %d deliveries against the factory's expectation", seed, c.Name, c.Failed)
		}
	}
	tb.Logf("seed %d: DMEX factories: delivered %d, refused as expected %d, skipped %d", seed, delivered, refused, skipped)
	if delivered == 0 || refused == 0 {
		tb.Errorf("seed %d: the DMEX factories delivered %d and had %d refused: the run exercised too little", seed, delivered, refused)
	}
}

// simMarketReached logs how far the market got (products, NFTs, settled auctions, escrow days
// closed, expired or terminated escrows, rewards paid) and, from 50 blocks on, fails unless
// products were approved, NFTs bought and escrow days closed: the factories must reach them.
func simMarketReached(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	products, _ := a.HashnftKeeper.NextProductID.Peek(ctx)
	nfts, _ := a.HashnftKeeper.NextNFTID.Peek(ctx)
	settled := 0
	_ = a.HashnftKeeper.Auctions.Walk(ctx, nil, func(_ uint64, x hashnfttypes.Auction) (bool, error) {
		if x.Status == hashnfttypes.AUCTION_STATUS_SETTLED {
			settled++
		}
		return false, nil
	})
	days, ended := uint32(0), 0
	paid := math.ZeroInt()
	_ = a.EscrowKeeper.Escrows.Walk(ctx, nil, func(_ uint64, e escrowtypes.ProductEscrow) (bool, error) {
		days += e.DaysElapsed
		if e.Status == escrowtypes.ESCROW_STATUS_EXPIRED || e.Status == escrowtypes.ESCROW_STATUS_TERMINATED {
			ended++
		}
		paid = paid.Add(e.RewardsPaid)
		return false, nil
	})
	tb.Logf("seed %d: market at height %d: next product id %d, next NFT id %d, %d auctions settled, %d escrow days closed, %d escrows expired or terminated, %s aifil rewards paid",
		seed, a.LastBlockHeight(), products, nfts, settled, days, ended, paid)
	if a.LastBlockHeight() >= 50 && (products <= 1 || nfts <= 1 || days == 0) {
		tb.Fatalf("seed %d: the simulation did not reach the market: products %d, NFTs %d, escrow days %d", seed, products, nfts, days)
	}
}

// simFundReached logs how far x/riskfund got: policies in force, claims recorded, compensations
// accepted, and the books of each denom.
func simFundReached(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	k := a.RiskfundKeeper
	policies := 0
	_ = k.Policies.Walk(ctx, nil, func(uint64, riskfundtypes.Policy) (bool, error) {
		policies++
		return false, nil
	})
	claims, claimsPaid := 0, 0
	_ = k.Claims.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], c riskfundtypes.Claim) (bool, error) {
		claims++
		if c.Paid.IsPositive() {
			claimsPaid++
		}
		return false, nil
	})
	next, _ := k.NextCompID.Peek(ctx)
	var books []string
	_ = k.Books.Walk(ctx, nil, func(denom string, b riskfundtypes.Books) (bool, error) {
		books = append(books, fmt.Sprintf("%s balance %s committed %s owed %s reserved %s", denom, b.Balance, b.Committed, b.Owed, b.Reserved))
		return false, nil
	})
	tb.Logf("seed %d: fund at height %d: %d policies, %d claims (%d paid), %d compensations; books: %s",
		seed, a.LastBlockHeight(), policies, claims, claimsPaid, next-1, strings.Join(books, "; "))
}

// lendingTallies holds each test's lendingTally (by test name), as booksRun does.
var lendingTallies sync.Map

// lendingTally counts what x/lending's block events show and its records do not keep: the
// offers and requests that expired (they leave the state). Transactions' events are not seen
// here (the simulation delivers them outside FinalizeBlock); their outcomes are the factories'
// counts (SimMessageCounts).
type lendingTally struct {
	mu sync.Mutex
	lendingCounts
}

type lendingCounts struct {
	offersExpired, requestsExpired int
}

// lendingListener reads every block's begin-block events for the tally; it writes nothing, so
// it cannot change the app hash.
type lendingListener struct {
	tally *lendingTally
}

func (l lendingListener) ListenFinalizeBlock(_ context.Context, _ abci.RequestFinalizeBlock, res abci.ResponseFinalizeBlock) error {
	l.tally.mu.Lock()
	defer l.tally.mu.Unlock()
	for _, ev := range res.Events {
		expired := false
		for _, a := range ev.Attributes {
			expired = expired || (a.Key == "reason" && strings.Trim(a.Value, `"`) == "expired")
		}
		switch {
		case !expired:
		case ev.Type == proto.MessageName(&lendingtypes.EventOfferClosed{}):
			l.tally.offersExpired++
		case ev.Type == proto.MessageName(&lendingtypes.EventRequestClosed{}):
			l.tally.requestsExpired++
		}
	}
	return nil
}

func (lendingListener) ListenCommit(context.Context, abci.ResponseCommit, []*storetypes.StoreKVPair) error {
	return nil
}

// simLendingReached logs how far x/lending got (offers and requests made, loans started,
// repaid, foreclosed or parked, loans that were paid a termination refund or cover to hold, offers and requests expired, partial and third-party
// repayments, extensions) and, from 50 blocks on, fails unless a loan was started: the
// factories must reach the loans.
func simLendingReached(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	k := a.LendingKeeper
	offers, _ := k.NextOfferID.Peek(ctx)
	requests, _ := k.NextRequestID.Peek(ctx)
	byStatus := map[lendingtypes.LoanStatus]int{}
	started, holding := 0, 0
	_ = k.Loans.Walk(ctx, nil, func(_ uint64, l lendingtypes.Loan) (bool, error) {
		started++
		byStatus[l.Status]++
		if !l.Held.IsZero() {
			holding++
		}
		return false, nil
	})
	var t lendingCounts
	if v, ok := lendingTallies.Load(tb.Name()); ok {
		tally := v.(*lendingTally)
		tally.mu.Lock()
		t = tally.lendingCounts
		tally.mu.Unlock()
	}
	delivered := map[string]int{}
	for _, c := range a.SimMessageCounts() {
		delivered[c.Name] = c.Delivered
	}
	tb.Logf("seed %d: lending at height %d: %d offers, %d requests, %d loans started (%d active, %d repaid, %d foreclosed, %d parked), "+
		"%d with termination payments held, %d offers and %d requests expired, %d full, %d partial and %d third-party repayments, %d extensions accepted",
		seed, a.LastBlockHeight(), offers-1, requests-1, started,
		byStatus[lendingtypes.LoanStatus_LOAN_STATUS_ACTIVE], byStatus[lendingtypes.LoanStatus_LOAN_STATUS_REPAID],
		byStatus[lendingtypes.LoanStatus_LOAN_STATUS_FORECLOSED], byStatus[lendingtypes.LoanStatus_LOAN_STATUS_FORECLOSURE_PARKED],
		holding, t.offersExpired, t.requestsExpired, delivered["lending/msg_repay_full"], delivered["lending/msg_repay_part"],
		delivered["lending/msg_repay_third_party"], delivered["lending/msg_accept_extension"])
	if a.LastBlockHeight() >= 50 && started == 0 {
		tb.Fatalf("seed %d: the simulation started no loan in %d blocks (%d offers, %d requests)", seed, a.LastBlockHeight(), offers-1, requests-1)
	}
}

// simAmmReached logs how far x/amm got (pools, reserves, price records, liquidity and swap
// messages delivered, and the buyback: months set aside, slices bought and refused, DMC bought,
// burned and returned, against x/dmc's burned total) and, from 50 blocks on, fails unless the
// factories created a pool and delivered swaps of both kinds, and a month epoch set revenue
// aside.
func simAmmReached(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	k := a.AmmKeeper
	next, _ := k.NextPoolID.Peek(ctx)
	reserves, _ := k.Reserves(ctx)
	records := 0
	_ = k.TwapRecords.Walk(ctx, nil, func(collections.Pair[uint64, time.Time], ammtypes.TwapRecord) (bool, error) {
		records++
		return false, nil
	})
	months, atFloor, done, refusedSlices := 0, 0, uint32(0), uint32(0)
	reasons := map[string]bool{}
	setAside, burned, returned := sdk.NewCoins(), math.ZeroInt(), math.ZeroInt()
	spent := sdk.NewCoins()
	_ = k.BuybackMonths.Walk(ctx, nil, func(_ collections.Pair[int64, string], m ammtypes.BuybackMonth) (bool, error) {
		months++
		setAside = setAside.Add(sdk.NewCoin(m.Denom, m.SetAside))
		spent = spent.Add(sdk.NewCoin(m.Denom, m.Spent))
		burned, returned = burned.Add(m.Burned), returned.Add(m.Returned)
		done, refusedSlices = done+m.SlicesDone, refusedSlices+m.SlicesRefused
		if m.SetAside.IsZero() && strings.Contains(m.LastRefusal, "burn floor") {
			atFloor++
		}
		if m.LastRefusal != "" && len(reasons) < 5 {
			reasons[strings.SplitN(m.LastRefusal, ":", 2)[0]] = true
		}
		return false, nil
	})
	dmcBurned, _ := a.DmcKeeper.Burned.Get(ctx)
	delivered := map[string]int{}
	for _, c := range a.SimMessageCounts() {
		delivered[c.Name] = c.Delivered
	}
	tb.Logf("seed %d: amm at height %d: %d pools (%d created by messages), reserves %s, %d price records; delivered: %d joins, %d exits, %d swaps exact in, %d exact out; "+
		"buyback: %d month records (%d with nothing set aside at the burn floor), set aside %s, spent %s, %d slices bought and %d refused, %sudmc burned and %sudmc returned (x/dmc burned %sudmc); refusals such as %q",
		seed, a.LastBlockHeight(), next-1, delivered["amm/msg_create_pool"], reserves, records,
		delivered["amm/msg_join_pool"], delivered["amm/msg_exit_pool"], delivered["amm/msg_swap_exact_in"], delivered["amm/msg_swap_exact_out"],
		months, atFloor, setAside, spent, done, refusedSlices, burned, returned, dmcBurned, sortedKeys(reasons))
	if a.LastBlockHeight() < 50 {
		return
	}
	if delivered["amm/msg_create_pool"] == 0 || delivered["amm/msg_swap_exact_in"] == 0 || delivered["amm/msg_swap_exact_out"] == 0 {
		tb.Fatalf("seed %d: in %d blocks the x/amm factories created %d pools and delivered %d exact-in and %d exact-out swaps", seed, a.LastBlockHeight(),
			delivered["amm/msg_create_pool"], delivered["amm/msg_swap_exact_in"], delivered["amm/msg_swap_exact_out"])
	}
	if months == 0 {
		tb.Fatalf("seed %d: no month epoch set revenue aside in %d blocks", seed, a.LastBlockHeight())
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// lendingRecords counts x/lending's open offers and requests and its loans by status, to show
// what an export and import carried.
func lendingRecords(ctx sdk.Context, a *app.App) string {
	k := a.LendingKeeper
	offers, requests := 0, 0
	_ = k.Offers.Walk(ctx, nil, func(uint64, lendingtypes.Offer) (bool, error) { offers++; return false, nil })
	_ = k.Requests.Walk(ctx, nil, func(uint64, lendingtypes.Request) (bool, error) { requests++; return false, nil })
	active, closed := 0, 0
	_ = k.Loans.Walk(ctx, nil, func(_ uint64, l lendingtypes.Loan) (bool, error) {
		if l.Status == lendingtypes.LoanStatus_LOAN_STATUS_ACTIVE {
			active++
		} else {
			closed++
		}
		return false, nil
	})
	return fmt.Sprintf("%d open offers, %d open requests, %d active and %d closed loans", offers, requests, active, closed)
}

// ammRecords counts x/amm's pools, price records, buybacks with slices left and month records,
// to show what an export and import carried.
func ammRecords(ctx sdk.Context, a *app.App) string {
	k := a.AmmKeeper
	pools, records, running, months := 0, 0, 0, 0
	_ = k.Pools.Walk(ctx, nil, func(uint64, ammtypes.Pool) (bool, error) { pools++; return false, nil })
	_ = k.TwapRecords.Walk(ctx, nil, func(collections.Pair[uint64, time.Time], ammtypes.TwapRecord) (bool, error) {
		records++
		return false, nil
	})
	_ = k.Buybacks.Walk(ctx, nil, func(_ uint64, b ammtypes.Buyback) (bool, error) {
		if b.SlicesLeft > 0 {
			running++
		}
		return false, nil
	})
	_ = k.BuybackMonths.Walk(ctx, nil, func(collections.Pair[int64, string], ammtypes.BuybackMonth) (bool, error) {
		months++
		return false, nil
	})
	return fmt.Sprintf("%d pools, %d price records, %d buybacks with slices left, %d month records", pools, records, running, months)
}

// TestAppStateDeterminism runs each seed three times (20 blocks by default) and requires the
// same app hash after every block.
func TestAppStateDeterminism(t *testing.T) {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	cfg.NumBlocks = min(cfg.NumBlocks, 20)
	for _, seed := range seeds(t) {
		var first [][]byte
		for run := 0; run < 3; run++ {
			var hashes [][]byte
			t.Run(fmt.Sprintf("seed=%d/run=%d", seed, run), func(t *testing.T) {
				simsx.RunWithSeed(t, cfg, simApp(t, seed, &hashes), simStateFactory, seed, nil)
			})
			if len(hashes) < cfg.NumBlocks {
				t.Fatalf("seed %d run %d: %d blocks committed, want %d", seed, run, len(hashes), cfg.NumBlocks)
			}
			if bytes.Equal(hashes[0], hashes[len(hashes)-1]) {
				t.Fatalf("seed %d: the app hash did not change over %d blocks", seed, len(hashes))
			}
			if run == 0 {
				first = hashes
				continue
			}
			for h := range first {
				if h >= len(hashes) || !bytes.Equal(first[h], hashes[h]) {
					t.Fatalf("seed %d: run %d's app hash after block %d differs from run 0's", seed, run, h+1)
				}
			}
		}
	}
}

// simSkipPrefixes are the store entries an export does not carry, as the SDK's own
// TestAppImportExport skips them: queues and indexes rebuilt from the exported records, block
// history, and the missed-blocks bitmap.
var simSkipPrefixes = map[string][][]byte{
	stakingtypes.StoreKey: {
		stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
		stakingtypes.HistoricalInfoKey, stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey,
		stakingtypes.UnbondingTypeKey, stakingtypes.ValidatorUpdatesKey,
	},
	slashingtypes.StoreKey: {slashingtypes.ValidatorMissedBlockBitmapKeyPrefix},
}

// TestAppImportExport simulates (30 blocks by default), exports, imports the export into a
// fresh app through every module's InitGenesis, and compares every store key by key.
func TestAppImportExport(t *testing.T) {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	cfg.NumBlocks = min(cfg.NumBlocks, 30)
	for _, seed := range seeds(t) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			simsx.RunWithSeed(t, cfg, simApp(t, seed, nil), simStateFactory, seed, nil,
				func(tb testing.TB, ti simsx.TestInstance[*app.App], _ []simtypes.Account) {
					compareImport(tb, seed, ti.App)
					zeroHeightRestart(tb, seed, ti.App)
				})
		})
	}
}

func compareImport(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	if err != nil {
		tb.Fatalf("seed %d: export at height %d: %v", seed, a.LastBlockHeight(), err)
	}
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(tb.TempDir()), baseapp.SetChainID(simsx.SimAppChainID))
	var gen map[string]json.RawMessage
	if err := json.Unmarshal(exported.AppState, &gen); err != nil {
		tb.Fatal(err)
	}
	ctxA := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	ctxB := b.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	// as InitChainer does: the module versions, then every module's genesis
	if err := b.UpgradeKeeper.SetModuleVersionMap(ctxB, b.ModuleManager.GetVersionMap()); err != nil {
		tb.Fatal(err)
	}
	if _, err := b.ModuleManager.InitGenesis(ctxB, b.AppCodec(), gen); err != nil {
		tb.Fatalf("seed %d: importing the export of height %d: %v", seed, a.LastBlockHeight(), err)
	}
	if err := b.StoreConsensusParams(ctxB, exported.ConsensusParams); err != nil {
		tb.Fatal(err)
	}
	compared := 0
	for name, keyA := range a.CommitMultiStore().(*rootmulti.Store).StoreKeysByName() {
		kvKey, ok := keyA.(*storetypes.KVStoreKey)
		if !ok {
			continue
		}
		storeA, storeB := ctxA.KVStore(kvKey), ctxB.KVStore(b.GetKey(name))
		diffA, diffB := simtestutil.DiffKVStores(storeA, storeB, simSkipPrefixes[name])
		if len(diffA) != 0 || len(diffB) != 0 {
			tb.Errorf("seed %d: store %q differs after import at height %d: %d entries only or changed in the original, %d in the import; first: %s",
				seed, name, a.LastBlockHeight(), len(diffA), len(diffB), firstDiff(diffA, diffB))
			continue
		}
		compared++
	}
	if compared == 0 {
		tb.Fatal("no store compared")
	}
	tb.Logf("seed %d: %d stores equal after export and import at height %d", seed, compared, a.LastBlockHeight())
	tb.Logf("seed %d: the import carried x/lending's %s", seed, lendingRecords(ctxA, a))
	tb.Logf("seed %d: the import carried x/amm's %s", seed, ammRecords(ctxA, a))
}

func firstDiff(a, b []kv.Pair) string {
	switch {
	case len(a) > 0 && len(b) > 0:
		return fmt.Sprintf("key %x: %x vs %x", a[0].Key, a[0].Value, b[0].Value)
	case len(a) > 0:
		return fmt.Sprintf("key %x only in the original", a[0].Key)
	default:
		return fmt.Sprintf("key %x only in the import", b[0].Key)
	}
}

// zeroHeightRestart exports for a zero-height genesis (what `dmexd export --for-zero-height`
// does), starts a fresh chain from it through InitChain, runs two blocks and checks every
// module's books there.
func zeroHeightRestart(tb testing.TB, seed int64, a *app.App) {
	tb.Helper()
	height := a.LastBlockHeight()
	exported, err := a.ExportAppStateAndValidators(true, nil, nil)
	if err != nil {
		tb.Fatalf("seed %d: zero-height export at height %d: %v", seed, height, err)
	}
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(tb.TempDir()), baseapp.SetChainID(simsx.SimAppChainID))
	start := testutil.GenesisTime.Add(1000 * time.Hour)
	if _, err := b.InitChain(&abci.RequestInitChain{
		ChainId: simsx.SimAppChainID, Time: start, ConsensusParams: &exported.ConsensusParams,
		AppStateBytes: exported.AppState, InitialHeight: 1,
	}); err != nil {
		tb.Fatalf("seed %d: starting from the zero-height export of height %d: %v", seed, height, err)
	}
	for h := int64(1); h <= 2; h++ {
		if _, err := b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h, Time: start.Add(time.Duration(h) * time.Minute)}); err != nil {
			tb.Fatalf("seed %d: block %d after the zero-height restart: %v", seed, h, err)
		}
		if _, err := b.Commit(); err != nil {
			tb.Fatal(err)
		}
	}
	ctx := b.NewContextLegacy(true, cmtproto.Header{Height: b.LastBlockHeight()})
	for _, c := range b.BooksChecks() {
		if err := c.Run(ctx); err != nil {
			tb.Fatalf("seed %d: after the zero-height restart (export of height %d), x/%s books check %q: %v", seed, height, c.Module, c.Name, err)
		}
	}
	if len(exported.Validators) == 0 {
		tb.Fatalf("seed %d: the zero-height export has no validators", seed)
	}
}
