// Package app wires the DMEX chain by hand: the SDK modules a production chain needs, plus the
// DMEX modules. No depinject, no x/crisis, no x/mint (DMC emission is x/dmc's).
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cast"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	reflectionv1 "cosmossdk.io/api/cosmos/reflection/v1"
	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/evidence"
	evidencekeeper "cosmossdk.io/x/evidence/keeper"
	evidencetypes "cosmossdk.io/x/evidence/types"
	"cosmossdk.io/x/feegrant"
	feegrantkeeper "cosmossdk.io/x/feegrant/keeper"
	feegrantmodule "cosmossdk.io/x/feegrant/module"
	"cosmossdk.io/x/tx/signing"
	"cosmossdk.io/x/upgrade"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	nodeservice "github.com/cosmos/cosmos-sdk/client/grpc/node"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/cosmos/cosmos-sdk/x/auth"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authsims "github.com/cosmos/cosmos-sdk/x/auth/simulation"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/auth/vesting"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensusparamkeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/epochs"
	epochskeeper "github.com/cosmos/cosmos-sdk/x/epochs/keeper"
	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	"github.com/cosmos/cosmos-sdk/x/group"
	groupkeeper "github.com/cosmos/cosmos-sdk/x/group/keeper"
	groupmodule "github.com/cosmos/cosmos-sdk/x/group/module"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/dmexchain/dmex/app/upgrades"
	"github.com/dmexchain/dmex/client/openapi"
	"github.com/dmexchain/dmex/internal/lazycms"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm"
	ammkeeper "github.com/dmexchain/dmex/x/amm/keeper"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
	"github.com/dmexchain/dmex/x/dao"
	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	"github.com/dmexchain/dmex/x/dmc"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	"github.com/dmexchain/dmex/x/escrow"
	escrowkeeper "github.com/dmexchain/dmex/x/escrow/keeper"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	"github.com/dmexchain/dmex/x/hashnft"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/jointmine"
	jointminekeeper "github.com/dmexchain/dmex/x/jointmine/keeper"
	jointminetypes "github.com/dmexchain/dmex/x/jointmine/types"
	"github.com/dmexchain/dmex/x/lending"
	lendingkeeper "github.com/dmexchain/dmex/x/lending/keeper"
	lendingtypes "github.com/dmexchain/dmex/x/lending/types"
	"github.com/dmexchain/dmex/x/oracle"
	oraclekeeper "github.com/dmexchain/dmex/x/oracle/keeper"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
	"github.com/dmexchain/dmex/x/riskfund"
	riskfundkeeper "github.com/dmexchain/dmex/x/riskfund/keeper"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// DefaultNodeHome is where dmexd keeps its config and data unless --home says otherwise.
var DefaultNodeHome = func() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, ".dmexd")
}()

// maccPerms are the module accounts and what each may do: the SDK's here, the DMEX ones from
// internal/modaccounts (the one place that names them).
var maccPerms = func() map[string][]string {
	perms := modaccounts.Permissions()
	perms[authtypes.FeeCollectorName] = nil
	perms[distrtypes.ModuleName] = nil
	perms[stakingtypes.BondedPoolName] = []string{authtypes.Burner, authtypes.Staking}
	perms[stakingtypes.NotBondedPoolName] = []string{authtypes.Burner, authtypes.Staking}
	perms[govtypes.ModuleName] = []string{authtypes.Burner}
	return perms
}()

var (
	_ runtime.AppI            = (*App)(nil)
	_ servertypes.Application = (*App)(nil)
)

// App is the DMEX application.
type App struct {
	*baseapp.BaseApp

	legacyAmino       *codec.LegacyAmino
	appCodec          codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry types.InterfaceRegistry

	keys map[string]*storetypes.KVStoreKey
	// rootStore is the committed multi-store; BaseApp holds it wrapped by lazycms.
	rootStore *rootmulti.Store

	AccountKeeper         authkeeper.AccountKeeper
	BankKeeper            bankkeeper.BaseKeeper
	StakingKeeper         *stakingkeeper.Keeper
	SlashingKeeper        slashingkeeper.Keeper
	DistrKeeper           distrkeeper.Keeper
	GovKeeper             govkeeper.Keeper
	GroupKeeper           groupkeeper.Keeper
	UpgradeKeeper         *upgradekeeper.Keeper
	AuthzKeeper           authzkeeper.Keeper
	EvidenceKeeper        evidencekeeper.Keeper
	FeeGrantKeeper        feegrantkeeper.Keeper
	ConsensusParamsKeeper consensusparamkeeper.Keeper
	EpochsKeeper          epochskeeper.Keeper

	DaoKeeper daokeeper.Keeper
	DmcKeeper dmckeeper.Keeper
	// HashnftKeeper is the hashrate NFT market and registry.
	HashnftKeeper hashnftkeeper.Keeper
	// EscrowKeeper releases escrows, pays NFT rewards and runs risk control.
	EscrowKeeper escrowkeeper.Keeper
	// OracleKeeper is the Filecoin oracle and the IFIL peg.
	OracleKeeper oraclekeeper.Keeper
	// RiskfundKeeper is the risk-control fund and mining insurance.
	RiskfundKeeper riskfundkeeper.Keeper
	// LendingKeeper is loans against hashrate NFTs and IFIL.
	LendingKeeper lendingkeeper.Keeper
	// AmmKeeper is the constant-product pools, swaps, TWAPs and the monthly DMC buyback.
	AmmKeeper ammkeeper.Keeper
	// JointmineKeeper is the joint-mining pools (SPEC §6): dToken, pledge, income, redemptions,
	// share-time and the maturity settlement.
	JointmineKeeper jointminekeeper.Keeper

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager
	configurator       module.Configurator
	sm                 *module.SimulationManager // built on first use (app/sim.go)
}

// New returns a DMEX app.
func New(
	logger log.Logger, db dbm.DB, traceStore io.Writer, loadLatest bool,
	appOpts servertypes.AppOptions, baseAppOptions ...func(*baseapp.BaseApp),
) *App {
	SetAddressPrefixes()
	interfaceRegistry, err := types.NewInterfaceRegistryWithOptions(types.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix()),
			ValidatorAddressCodec: address.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix()),
		},
	})
	if err != nil {
		panic(err)
	}
	appCodec := codec.NewProtoCodec(interfaceRegistry)
	legacyAmino := codec.NewLegacyAmino()
	txConfig := authtx.NewTxConfig(appCodec, authtx.DefaultSignModes)
	std.RegisterLegacyAminoCodec(legacyAmino)
	std.RegisterInterfaces(interfaceRegistry)

	bApp := baseapp.NewBaseApp(AppName, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetCommitMultiStoreTracer(traceStore)
	// Branches of the multi-store (per block, per transaction) create a module's cache on first
	// use rather than all 18 up front; see internal/lazycms. BaseApp looks for a bare rootmulti
	// store to stamp the block header on the commit info, which the precommiter does here, and
	// to give past-height queries their block time, which the query services' registrar does
	// (below).
	rootStore, ok := bApp.CommitMultiStore().(*rootmulti.Store)
	if !ok {
		panic(fmt.Sprintf("app: expected the SDK's rootmulti store, got %T", bApp.CommitMultiStore()))
	}
	bApp.SetCMS(lazycms.Wrap(rootStore))
	bApp.SetPrecommiter(func(ctx sdk.Context) { rootStore.SetCommitHeader(ctx.BlockHeader()) })
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, distrtypes.StoreKey,
		slashingtypes.StoreKey, govtypes.StoreKey, group.StoreKey, consensusparamtypes.StoreKey,
		upgradetypes.StoreKey, evidencetypes.StoreKey, authzkeeper.StoreKey, feegrant.StoreKey,
		epochstypes.StoreKey, daotypes.StoreKey, dmctypes.StoreKey, hashnfttypes.StoreKey, escrowtypes.StoreKey,
		oracletypes.StoreKey, riskfundtypes.StoreKey, lendingtypes.StoreKey, ammtypes.StoreKey,
		jointminetypes.StoreKey,
	)

	app := &App{
		BaseApp:           bApp,
		legacyAmino:       legacyAmino,
		appCodec:          appCodec,
		txConfig:          txConfig,
		interfaceRegistry: interfaceRegistry,
		keys:              keys,
		rootStore:         rootStore,
	}

	govAuthority := authtypes.NewModuleAddress(govtypes.ModuleName)
	govAuthorityStr := govAuthority.String()
	accCodec := address.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
	valCodec := address.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix())
	consCodec := address.NewBech32Codec(sdk.GetConfig().GetBech32ConsensusAddrPrefix())

	app.ConsensusParamsKeeper = consensusparamkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[consensusparamtypes.StoreKey]), govAuthorityStr, runtime.EventService{})
	bApp.SetParamStore(app.ConsensusParamsKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(appCodec, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, maccPerms, accCodec, Bech32Prefix, govAuthorityStr)
	app.BankKeeper = bankkeeper.NewBaseKeeper(appCodec, runtime.NewKVStoreService(keys[banktypes.StoreKey]),
		app.AccountKeeper, BlockedAddresses(), govAuthorityStr, logger)
	// x/staking (slashing) and x/gov (vetoed or unfunded deposits) burn DMC: x/dmc's books record it.
	burnBooks := dmcBurnBooks{BaseKeeper: app.BankKeeper, dmc: &app.DmcKeeper}
	app.StakingKeeper = stakingkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[stakingtypes.StoreKey]),
		app.AccountKeeper, burnBooks, govAuthorityStr, valCodec, consCodec)
	app.DistrKeeper = distrkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[distrtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.StakingKeeper, authtypes.FeeCollectorName, govAuthorityStr)
	app.SlashingKeeper = slashingkeeper.NewKeeper(appCodec, legacyAmino, runtime.NewKVStoreService(keys[slashingtypes.StoreKey]),
		app.StakingKeeper, govAuthorityStr)
	app.FeeGrantKeeper = feegrantkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[feegrant.StoreKey]), app.AccountKeeper)
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks()))
	app.AuthzKeeper = authzkeeper.NewKeeper(runtime.NewKVStoreService(keys[authzkeeper.StoreKey]), appCodec, app.MsgServiceRouter(), app.AccountKeeper)

	groupConfig := group.DefaultConfig()
	app.GroupKeeper = groupkeeper.NewKeeper(keys[group.StoreKey], appCodec, app.MsgServiceRouter(), app.AccountKeeper, groupConfig)

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	homePath := cast.ToString(appOpts.Get("home"))
	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights, runtime.NewKVStoreService(keys[upgradetypes.StoreKey]),
		appCodec, homePath, app.BaseApp, govAuthorityStr)

	govConfig := govtypes.DefaultConfig()
	govKeeper := govkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[govtypes.StoreKey]), app.AccountKeeper,
		burnBooks, app.StakingKeeper, app.DistrKeeper, app.MsgServiceRouter(), govConfig, govAuthorityStr)
	govRouter := govv1beta1.NewRouter()
	govRouter.AddRoute(govtypes.RouterKey, govv1beta1.ProposalHandler)
	govKeeper.SetLegacyRouter(govRouter)
	app.GovKeeper = *govKeeper

	evidenceKeeper := evidencekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[evidencetypes.StoreKey]),
		app.StakingKeeper, app.SlashingKeeper, app.AccountKeeper.AddressCodec(), runtime.ProvideCometInfoService())
	app.EvidenceKeeper = *evidenceKeeper

	app.EpochsKeeper = epochskeeper.NewKeeper(runtime.NewKVStoreService(keys[epochstypes.StoreKey]), appCodec)

	// x/dao's governance hooks read x/gov's proposals and x/group's execution period.
	app.DaoKeeper = daokeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[daotypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.GroupKeeper, app.UpgradeKeeper, govAuthority,
		func(ctx context.Context, id uint64) (govv1.Proposal, error) {
			return app.GovKeeper.Proposals.Get(ctx, id)
		},
		groupConfig.MaxExecutionPeriod)
	app.DmcKeeper = dmckeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[dmctypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper)
	// Built in dependency order: x/oracle, then x/hashnft on it, then x/escrow on both. Each
	// keeper holds what is registered with it by pointer, so the copies the module manager takes
	// below see every registration.
	app.OracleKeeper = oraclekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[oracletypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper)
	// Approval checks the node's power the oracle finalized (SPEC §10), one oracle per chain.
	app.HashnftKeeper = hashnftkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[hashnfttypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper, app.DmcKeeper,
		hashnfttypes.MultiPowerOracle{oraclekeeper.PowerOracle{K: app.OracleKeeper}})
	// x/escrow's below-market rule reads the oracle's finalized network average, one oracle per chain.
	app.EscrowKeeper = escrowkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[escrowtypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper, &app.EpochsKeeper,
		app.HashnftKeeper, app.HashnftKeeper, escrowtypes.MultiMarketOracle{oraclekeeper.EscrowOracle{K: app.OracleKeeper}})
	// x/escrow closes the cycle: its NFT hooks settle rewards before an NFT moves, its reward index
	// is each NFT's earnings in the NFT queries, and a product is applied for and approved only on
	// a chain it has a reward denom for. x/hashnft stops a product's sale when x/escrow terminates it.
	app.HashnftKeeper.RegisterNFTHooks(app.EscrowKeeper.NFTHooks())
	app.HashnftKeeper.RegisterEarningsReader(app.EscrowKeeper)
	app.HashnftKeeper.RegisterRewardDenoms(app.EscrowKeeper)
	app.EscrowKeeper.RegisterTerminationHooks(app.HashnftKeeper.ProductEndHooks())
	// x/riskfund reads x/escrow's risk counters and x/hashnft's NFTs; a rejected application's
	// deposit is paid into its books, and a termination opens the claims of its insured NFTs
	// (after x/hashnft has stopped the sale).
	app.RiskfundKeeper = riskfundkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[riskfundtypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper, app.EscrowKeeper.RiskReader(), app.HashnftKeeper)
	app.HashnftKeeper.RegisterRiskFund(app.RiskfundKeeper)
	app.EscrowKeeper.RegisterTerminationHooks(app.RiskfundKeeper.TerminationHooks())
	// x/dmc's NFT farms read and lock x/hashnft's NFTs (x/dmc is built first), and a termination
	// retires the product's staked power in every NFT farm at once.
	app.DmcKeeper.RegisterNFTRegistry(app.HashnftKeeper)
	app.EscrowKeeper.RegisterTerminationHooks(app.DmcKeeper.TerminationHooks())
	// x/lending locks collateral NFTs in x/hashnft (their rewards keep reaching the borrower),
	// reads x/escrow's terminations and NFT earnings, and pays its fee on interest into the
	// revenue ledger.
	app.LendingKeeper = lendingkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[lendingtypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper, app.HashnftKeeper, app.EscrowKeeper, app.DmcKeeper)
	// A termination's refund or cover for an NFT of an active loan is held with the loan (SPEC §11).
	app.HashnftKeeper.RegisterCollateralCustodian(lendingtypes.ModuleName, app.LendingKeeper.Custodian())
	// x/amm pays its creation fee and the protocol's part of swap fees into the revenue ledger, and
	// its buyback spends the ledger's set-aside on DMC that x/dmc burns (down to the floor).
	app.AmmKeeper = ammkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[ammtypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper, app.DmcKeeper, app.DmcKeeper)
	// x/jointmine pays the platform's 5% of pool income and the redemption fee into the revenue
	// ledger, rejected deposits into the risk fund, and takes a defaulted pool's compensation from
	// it; x/bank's send restriction moves dToken's share-time with every transfer (sends to and from
	// x/dmc's farm stake account excepted: staked dToken accrues to its staker); x/oracle's node
	// owners keep a node's pool its owner's.
	app.JointmineKeeper = jointminekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[jointminetypes.StoreKey]),
		app.DaoKeeper, app.AccountKeeper, app.BankKeeper, app.DmcKeeper, app.RiskfundKeeper, app.RiskfundKeeper,
		oraclekeeper.PowerOracle{K: app.OracleKeeper})
	app.BankKeeper.AppendSendRestriction(app.JointmineKeeper.SendRestriction)
	mustBeWired(app.HashnftKeeper, app.EscrowKeeper, app.DmcKeeper)
	// Governance hooks (x/dao): every module whose items the council's and x/gov's proposals
	// decide registers its decider; x/dao refuses to start if a module with decision messages
	// (MsgApprove…/MsgReject…) did not (x/dao README, "Governance hooks").
	app.DaoKeeper.RegisterDecider(hashnfttypes.ModuleName, app.HashnftKeeper.GovernanceDecider())
	app.DaoKeeper.RegisterDecider(jointminetypes.ModuleName, app.JointmineKeeper.GovernanceDecider())
	app.GovKeeper.SetHooks(govtypes.NewMultiGovHooks(app.DaoKeeper.GovHooks()))
	app.EpochsKeeper.SetHooks(epochstypes.NewMultiEpochHooks(app.EscrowKeeper.EpochHooks(), app.AmmKeeper.EpochHooks()))

	app.ModuleManager = module.NewManager(
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app, txConfig),
		auth.NewAppModule(appCodec, app.AccountKeeper, authsims.RandomGenesisAccounts, nil),
		vesting.NewAppModule(app.AccountKeeper, app.BankKeeper),
		bank.NewAppModule(appCodec, app.BankKeeper, app.AccountKeeper, nil),
		feegrantmodule.NewAppModule(appCodec, app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, app.interfaceRegistry),
		gov.NewAppModule(appCodec, &app.GovKeeper, app.AccountKeeper, app.BankKeeper, nil),
		slashing.NewAppModule(appCodec, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil, app.interfaceRegistry),
		distr.NewAppModule(appCodec, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil),
		staking.NewAppModule(appCodec, app.StakingKeeper, app.AccountKeeper, app.BankKeeper, nil),
		upgrade.NewAppModule(app.UpgradeKeeper, app.AccountKeeper.AddressCodec()),
		evidence.NewAppModule(app.EvidenceKeeper),
		authzmodule.NewAppModule(appCodec, app.AuthzKeeper, app.AccountKeeper, app.BankKeeper, app.interfaceRegistry),
		councilGroupModule{
			AppModule: groupmodule.NewAppModule(appCodec, app.GroupKeeper, app.AccountKeeper, app.BankKeeper, app.interfaceRegistry),
			keeper:    app.GroupKeeper, dao: app.DaoKeeper,
		},
		consensus.NewAppModule(appCodec, app.ConsensusParamsKeeper),
		epochs.NewAppModule(app.EpochsKeeper),
		dao.NewAppModule(appCodec, app.DaoKeeper, accCodec),
		dmc.NewAppModule(appCodec, app.DmcKeeper, accCodec),
		hashnft.NewAppModule(appCodec, app.HashnftKeeper, accCodec),
		escrow.NewAppModule(appCodec, app.EscrowKeeper),
		oracle.NewAppModule(appCodec, app.OracleKeeper, accCodec),
		riskfund.NewAppModule(appCodec, app.RiskfundKeeper),
		lending.NewAppModule(appCodec, app.LendingKeeper),
		amm.NewAppModule(appCodec, app.AmmKeeper),
		jointmine.NewAppModule(appCodec, app.JointmineKeeper),
	)

	app.BasicModuleManager = newBasicManager(app.ModuleManager)
	app.BasicModuleManager.RegisterLegacyAminoCodec(legacyAmino)
	app.BasicModuleManager.RegisterInterfaces(interfaceRegistry)

	app.ModuleManager.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)
	app.ModuleManager.SetOrderBeginBlockers(
		distrtypes.ModuleName, slashingtypes.ModuleName, evidencetypes.ModuleName, stakingtypes.ModuleName,
		authz.ModuleName, epochstypes.ModuleName, dmctypes.ModuleName, escrowtypes.ModuleName, riskfundtypes.ModuleName,
		lendingtypes.ModuleName, ammtypes.ModuleName, jointminetypes.ModuleName,
	)
	// x/hashnft after x/group: an approval executed by a council vote in this block is in place
	// before the module's queues run.
	// x/dao after x/group: it reads the council proposals x/group has just tallied.
	app.ModuleManager.SetOrderEndBlockers(govtypes.ModuleName, stakingtypes.ModuleName, feegrant.ModuleName, group.ModuleName,
		daotypes.ModuleName, hashnfttypes.ModuleName)

	// x/group before x/dao (the council is created in x/group); x/bank before x/dmc (the supply
	// check), x/hashnft (its module accounts against its books) and x/oracle (it records the genesis
	// aifil supply), x/riskfund, x/lending and x/amm (their accounts against their books; x/lending
	// also reads its collateral NFTs from x/hashnft); genutil after staking and
	// bank (gentxs delegate genesis coins).
	genesisModuleOrder := []string{
		authtypes.ModuleName, banktypes.ModuleName, distrtypes.ModuleName, stakingtypes.ModuleName,
		slashingtypes.ModuleName, govtypes.ModuleName, group.ModuleName, daotypes.ModuleName, dmctypes.ModuleName,
		hashnfttypes.ModuleName, escrowtypes.ModuleName, oracletypes.ModuleName, riskfundtypes.ModuleName, lendingtypes.ModuleName, ammtypes.ModuleName, jointminetypes.ModuleName, genutiltypes.ModuleName, evidencetypes.ModuleName, authz.ModuleName, feegrant.ModuleName,
		upgradetypes.ModuleName, vestingtypes.ModuleName, consensusparamtypes.ModuleName, epochstypes.ModuleName,
	}
	app.ModuleManager.SetOrderInitGenesis(genesisModuleOrder...)
	app.ModuleManager.SetOrderExportGenesis(genesisModuleOrder...)

	// Query services see a past height's block time at that height (lazycms.PastHeightTime).
	app.configurator = module.NewConfigurator(app.appCodec, app.MsgServiceRouter(),
		lazycms.PastHeightTime(app.GRPCQueryRouter(), rootStore))
	if err := app.ModuleManager.RegisterServices(app.configurator); err != nil {
		panic(err)
	}

	autocliv1.RegisterQueryServer(app.GRPCQueryRouter(), runtimeservices.NewAutoCLIQueryService(app.ModuleManager.Modules))
	reflectionSvc, err := runtimeservices.NewReflectionService()
	if err != nil {
		panic(err)
	}
	reflectionv1.RegisterReflectionServiceServer(app.GRPCQueryRouter(), reflectionSvc)

	app.MountKVStores(keys)

	// Software upgrades (app/upgrades): the handlers this binary carries, and the store loader of
	// the one being applied now, if it adds or deletes stores.
	storeLoader, err := upgrades.Register(app.UpgradeKeeper, upgrades.Keepers{
		ModuleManager: app.ModuleManager, Configurator: app.configurator, Escrow: app.EscrowKeeper,
	})
	if err != nil {
		panic(fmt.Errorf("read upgrade-info.json: %w", err))
	}
	if storeLoader != nil {
		app.SetStoreLoader(storeLoader)
	}

	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)

	anteHandler, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		SignModeHandler: txConfig.SignModeHandler(),
		FeegrantKeeper:  app.FeeGrantKeeper,
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	})
	if err != nil {
		panic(err)
	}
	app.SetAnteHandler(anteHandler)

	// Protobuf annotations must agree with the registered messages; a mismatch is a wiring bug.
	protoFiles, err := proto.MergedRegistry()
	if err != nil {
		panic(err)
	}
	if err := msgservice.ValidateProtoAnnotations(protoFiles); err != nil {
		panic(err)
	}

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("load latest version: %w", err))
		}
	}
	return app
}

func (app *App) Name() string { return app.BaseApp.Name() }

// CommitMultiStore returns the bare rootmulti store, as the SDK's commands (prune,
// module-hash-by-height) expect.
func (app *App) CommitMultiStore() storetypes.CommitMultiStore { return app.rootStore }

func (app *App) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

func (app *App) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

func (app *App) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

func (app *App) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var genesisState GenesisState
	if err := json.Unmarshal(req.AppStateBytes, &genesisState); err != nil {
		return nil, err
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.ModuleManager.InitGenesis(ctx, app.appCodec, genesisState)
}

func (app *App) LoadHeight(height int64) error { return app.LoadVersion(height) }

func (app *App) LegacyAmino() *codec.LegacyAmino            { return app.legacyAmino }
func (app *App) AppCodec() codec.Codec                      { return app.appCodec }
func (app *App) InterfaceRegistry() types.InterfaceRegistry { return app.interfaceRegistry }
func (app *App) TxConfig() client.TxConfig                  { return app.txConfig }

// DefaultGenesis is the genesis `dmexd init` writes (with DMEX's denoms and epochs).
func (app *App) DefaultGenesis() map[string]json.RawMessage {
	return app.BasicModuleManager.DefaultGenesis(app.appCodec)
}

// GetKey returns a store key, for tests.
func (app *App) GetKey(storeKey string) *storetypes.KVStoreKey { return app.keys[storeKey] }

// AutoCliOpts gives AutoCLI every module's services.
func (app *App) AutoCliOpts() autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule)
	for _, m := range app.ModuleManager.Modules {
		if named, ok := m.(module.HasName); ok {
			if am, ok := named.(appmodule.AppModule); ok {
				modules[named.Name()] = am
			}
		}
	}
	return autocli.AppOptions{
		Modules:               modules,
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(app.ModuleManager.Modules),
		AddressCodec:          address.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix()),
		ValidatorAddressCodec: address.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix()),
		ConsensusAddressCodec: address.NewBech32Codec(sdk.GetConfig().GetBech32ConsensusAddrPrefix()),
	}
}

func (app *App) RegisterAPIRoutes(apiSvr *api.Server, apiConfig config.APIConfig) {
	clientCtx := apiSvr.ClientCtx
	authtx.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	cmtservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	nodeservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	app.BasicModuleManager.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	if err := server.RegisterSwaggerAPI(apiSvr.ClientCtx, apiSvr.Router, apiConfig.Swagger); err != nil {
		panic(err)
	}
	openapi.Register(apiSvr.Router) // DMEX's queries, next to the SDK's /swagger/
}

func (app *App) RegisterTxService(clientCtx client.Context) {
	authtx.RegisterTxService(app.BaseApp.GRPCQueryRouter(), clientCtx, app.BaseApp.Simulate, app.interfaceRegistry)
}

func (app *App) RegisterTendermintService(clientCtx client.Context) {
	cmtservice.RegisterTendermintService(clientCtx, app.BaseApp.GRPCQueryRouter(), app.interfaceRegistry, app.Query)
}

func (app *App) RegisterNodeService(clientCtx client.Context, cfg config.Config) {
	nodeservice.RegisterNodeService(clientCtx, app.GRPCQueryRouter(), cfg)
}

// BlockedAddresses are the module accounts that cannot receive coins by bank sends
// (x/gov's can, so that deposits and community spends work).
func BlockedAddresses() map[string]bool {
	blocked := make(map[string]bool)
	for acc := range maccPerms {
		blocked[authtypes.NewModuleAddress(acc).String()] = true
	}
	delete(blocked, authtypes.NewModuleAddress(govtypes.ModuleName).String())
	return blocked
}

// ModuleAccountPermissions returns a copy of the module account permissions.
func ModuleAccountPermissions() map[string][]string {
	out := make(map[string][]string, len(maccPerms))
	for k, v := range maccPerms {
		out[k] = v
	}
	return out
}
