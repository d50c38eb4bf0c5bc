package app

import (
	"context"
	"sort"
	"sync"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	ammsim "github.com/dmexchain/dmex/x/amm/simulation"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
	daosim "github.com/dmexchain/dmex/x/dao/simulation"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmcsim "github.com/dmexchain/dmex/x/dmc/simulation"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowsim "github.com/dmexchain/dmex/x/escrow/simulation"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	jointminesim "github.com/dmexchain/dmex/x/jointmine/simulation"
	jointminetypes "github.com/dmexchain/dmex/x/jointmine/types"
	lendingsim "github.com/dmexchain/dmex/x/lending/simulation"
	lendingtypes "github.com/dmexchain/dmex/x/lending/types"
	oraclesim "github.com/dmexchain/dmex/x/oracle/simulation"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
	riskfundsim "github.com/dmexchain/dmex/x/riskfund/simulation"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// SimulationManager is the app simulation's module list: the SDK modules whose messages the
// simulation sends, and one entry per DMEX module with its message factories. Genesis comes
// from the DMEX allocation (app/sim_test.go), not from the modules' random genesis.
func (app *App) SimulationManager() *module.SimulationManager {
	if app.sm != nil {
		return app.sm
	}
	var mods []module.AppModuleSimulation
	for _, name := range simSDKModules {
		if m, ok := app.ModuleManager.Modules[name].(module.AppModuleSimulation); ok {
			mods = append(mods, m)
		}
	}
	counts := &SimCounts{}
	simCounts.Store(app, counts)
	dmex := []simModule{
		{name: daotypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			daosim.Factories(app.DaoKeeper, app.GroupKeeper, app.AccountKeeper, app.BankKeeper, app.UpgradeKeeper, w, reg)
		}},
		{name: dmctypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			dmcsim.Factories(app.DmcKeeper, w, reg)
			dmcsim.AuthorityFactories(app.DmcKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
			dmcsim.NFTFactories(app.DmcKeeper, app.HashnftKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: hashnfttypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			hashnftsim.Factories(app.HashnftKeeper, w, reg)
			hashnftsim.CouncilFactories(app.HashnftKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: escrowtypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			escrowsim.Factories(app.EscrowKeeper, app.HashnftKeeper, w, reg)
			escrowsim.CouncilFactories(app.EscrowKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: oracletypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			oraclesim.Factories(app.OracleKeeper, w, reg)
			oraclesim.AuthorityFactories(app.OracleKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: riskfundtypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			riskfundsim.Factories(app.RiskfundKeeper, app.EscrowKeeper, app.HashnftKeeper, w, reg)
			riskfundsim.CouncilFactories(app.RiskfundKeeper, app.EscrowKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: lendingtypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			lendingsim.Factories(app.LendingKeeper, app.HashnftKeeper, w, reg)
			lendingsim.CouncilFactories(app.LendingKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: ammtypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			ammsim.Factories(app.AmmKeeper, app.BankKeeper, w, reg)
			ammsim.CouncilFactories(app.AmmKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		{name: jointminetypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			jointminesim.Factories(app.JointmineKeeper, w, reg)
			jointminesim.CouncilFactories(app.JointmineKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
	}
	for _, m := range dmex {
		m.counts = counts
		mods = append(mods, m)
	}
	app.sm = module.NewSimulationManager(mods...)
	return app.sm
}

// simSDKModules are the SDK modules whose random messages the simulation sends.
var simSDKModules = []string{banktypes.ModuleName, stakingtypes.ModuleName, distrtypes.ModuleName, slashingtypes.ModuleName}

// simModule is a DMEX module's place in the simulation: its message factories (simsx), each
// counted under "<module>/<weight key>" (the name it reads its weight under).
type simModule struct {
	name     string
	register func(simsx.WeightSource, simsx.Registry)
	counts   *SimCounts
}

func (simModule) GenerateGenesisState(*module.SimulationState)                           {}
func (simModule) RegisterStoreDecoder(simtypes.StoreDecoderRegistry)                     {}
func (simModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation { return nil }
func (m simModule) WeightedOperationsX(w simsx.WeightSource, reg simsx.Registry) {
	named := &namingWeights{WeightSource: w}
	m.register(named, countingRegistry{Registry: reg, module: m.name, weights: named, counts: m.counts})
}

// simCounts holds each app's SimCounts (SimMessageCounts).
var simCounts sync.Map

// SimMessageCounts returns how the simulation's DMEX factories fared on this app, by
// "<module>/<factory>" in name order: delivered, refused as expected, skipped, failed.
func (app *App) SimMessageCounts() []SimCount {
	c, ok := simCounts.Load(app)
	if !ok {
		return nil
	}
	return c.(*SimCounts).List() //nolint:forcetypeassert // only *SimCounts are stored
}

// SimCount is one factory's outcomes over a simulation run.
type SimCount struct {
	Name string
	// Delivered: the message was accepted; Refused: refused as the factory expected; Skipped: the
	// factory found no message to send; Failed: delivery went against the factory's expectation.
	Delivered, Refused, Skipped, Failed int
}

// SimCounts counts each factory's outcomes.
type SimCounts struct {
	mu sync.Mutex
	by map[string]*SimCount
}

func (c *SimCounts) add(name string, f func(*SimCount)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.by == nil {
		c.by = map[string]*SimCount{}
	}
	n, ok := c.by[name]
	if !ok {
		n = &SimCount{Name: name}
		c.by[name] = n
	}
	f(n)
}

// List is the counts in name order.
func (c *SimCounts) List() []SimCount {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]SimCount, 0, len(c.by))
	for _, n := range c.by {
		out = append(out, *n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// namingWeights remembers the last weight key asked for: each factory is registered as
// reg.Add(w.Get(key, default), factory), so it names the factory being added.
type namingWeights struct {
	simsx.WeightSource
	last string
}

func (n *namingWeights) Get(name string, defaultValue uint32) uint32 {
	n.last = name
	return n.WeightSource.Get(name, defaultValue)
}

// countingRegistry wraps each factory so that its outcomes are counted.
type countingRegistry struct {
	simsx.Registry
	module  string
	weights *namingWeights
	counts  *SimCounts
}

func (r countingRegistry) Add(weight uint32, f simsx.SimMsgFactoryX) {
	name := r.module + "/" + r.weights.last
	if r.weights.last == "" {
		name = r.module + "/" + sdk.MsgTypeURL(f.MsgType())
	}
	r.weights.last = ""
	r.Registry.Add(weight, &countingFactory{SimMsgFactoryX: f, name: name, counts: r.counts})
}

// countingFactory counts a factory's skips (after Create) and delivery outcomes (in its
// result handler, which simsx calls only for a message it delivered).
type countingFactory struct {
	simsx.SimMsgFactoryX
	name   string
	counts *SimCounts
}

func (f *countingFactory) Create() simsx.FactoryMethod {
	inner := f.SimMsgFactoryX.Create()
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, sdk.Msg) {
		signers, msg := inner(ctx, data, reporter)
		if reporter.IsSkipped() {
			f.counts.add(f.name, func(c *SimCount) { c.Skipped++ })
		}
		return signers, msg
	}
}

func (f *countingFactory) DeliveryResultHandler() simsx.SimDeliveryResultHandler {
	inner := f.SimMsgFactoryX.DeliveryResultHandler()
	return func(err error) error {
		res := inner(err)
		f.counts.add(f.name, func(c *SimCount) {
			switch {
			case res != nil:
				c.Failed++
			case err != nil:
				c.Refused++
			default:
				c.Delivered++
			}
		})
		return res
	}
}

// SetFutureOpsRegistry passes simsx's future operations on to a factory that schedules them.
func (f *countingFactory) SetFutureOpsRegistry(reg simsx.FutureOpsRegistry) {
	if h, ok := f.SimMsgFactoryX.(simsx.HasFutureOpsRegistry); ok {
		h.SetFutureOpsRegistry(reg)
	}
}

// SetNotSigverifyTx is part of simsx.SimulationApp. DMEX always verifies signatures (the
// simulation signs every transaction with its account's key), so there is nothing to turn off.
func (app *App) SetNotSigverifyTx() {}
