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

	dmcsim "github.com/dmexchain/dmex/x/dmc/simulation"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowsim "github.com/dmexchain/dmex/x/escrow/simulation"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnftsim "github.com/dmexchain/dmex/x/hashnft/simulation"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	oraclesim "github.com/dmexchain/dmex/x/oracle/simulation"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
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
	mods = append(mods,
		simModule{name: dmctypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			dmcsim.Factories(app.DmcKeeper, w, reg)
		}},
		simModule{name: hashnfttypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			hashnftsim.Factories(app.HashnftKeeper, w, reg)
			hashnftsim.CouncilFactories(app.HashnftKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		simModule{name: escrowtypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			escrowsim.Factories(app.EscrowKeeper, app.HashnftKeeper, w, reg)
			escrowsim.CouncilFactories(app.EscrowKeeper, app.DaoKeeper, app.GroupKeeper, w, reg)
		}},
		simModule{name: oracletypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			oraclesim.Factories(app.OracleKeeper, w, reg)
		}},
	)
	app.sm = module.NewSimulationManager(mods...)
	return app.sm
}

// simSDKModules are the SDK modules whose random messages the simulation sends.
var simSDKModules = []string{banktypes.ModuleName, stakingtypes.ModuleName, distrtypes.ModuleName, slashingtypes.ModuleName}

// simModule is a DMEX module's place in the simulation: its message factories (simsx).
type simModule struct {
	name     string
	register func(simsx.WeightSource, simsx.Registry)
}

func (simModule) GenerateGenesisState(*module.SimulationState)                           {}
func (simModule) RegisterStoreDecoder(simtypes.StoreDecoderRegistry)                     {}
func (simModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation { return nil }

// WeightedOperationsX registers the module's factories, each counted under its weight key.
func (m simModule) WeightedOperationsX(w simsx.WeightSource, reg simsx.Registry) {
	keys := &lastKey{WeightSource: w}
	m.register(keys, countingRegistry{Registry: reg, keys: keys, module: m.name})
}

// SimCount is how often the simulation ran one DMEX factory (named by its module and weight
// key): messages delivered as the factory expected (accepted, or refused with the expected
// error) and times it found nothing valid to send.
type SimCount struct {
	Factory            string
	Delivered, Skipped int
}

// simCounts are the counts of every factory of every simulation run in this process: the
// reports of TestFullAppSimulation (docs/reliability.md). Not state: the chain never reads them.
var simCounts = struct {
	sync.Mutex
	byName map[string]*SimCount
}{byName: map[string]*SimCount{}}

// SimCounts returns the factories' counts so far, by name, and resets them.
func SimCounts() []SimCount {
	simCounts.Lock()
	defer simCounts.Unlock()
	out := make([]SimCount, 0, len(simCounts.byName))
	for _, c := range simCounts.byName {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Factory < out[j].Factory })
	simCounts.byName = map[string]*SimCount{}
	return out
}

func countSim(name string, delivered bool) {
	simCounts.Lock()
	defer simCounts.Unlock()
	c := simCounts.byName[name]
	if c == nil {
		c = &SimCount{Factory: name}
		simCounts.byName[name] = c
	}
	if delivered {
		c.Delivered++
	} else {
		c.Skipped++
	}
}

// lastKey remembers the weight key last asked for: registrations read
// reg.Add(w.Get(key, weight), factory), so it names the factory Add receives.
type lastKey struct {
	simsx.WeightSource
	key string
}

func (l *lastKey) Get(key string, def uint32) uint32 {
	l.key = key
	return l.WeightSource.Get(key, def)
}

type countingRegistry struct {
	simsx.Registry
	keys   *lastKey
	module string
}

func (r countingRegistry) Add(weight uint32, f simsx.SimMsgFactoryX) {
	r.Registry.Add(weight, countedFactory{SimMsgFactoryX: f, name: r.module + "/" + r.keys.key})
}

// countedFactory counts a factory's skips (after its method ran) and deliveries (when its
// delivery check passed).
type countedFactory struct {
	simsx.SimMsgFactoryX
	name string
}

func (f countedFactory) Create() simsx.FactoryMethod {
	create := f.SimMsgFactoryX.Create()
	return func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, sdk.Msg) {
		signers, msg := create(ctx, data, reporter)
		if reporter.IsSkipped() {
			countSim(f.name, false)
		}
		return signers, msg
	}
}

func (f countedFactory) DeliveryResultHandler() simsx.SimDeliveryResultHandler {
	check := f.SimMsgFactoryX.DeliveryResultHandler()
	return func(err error) error {
		if err := check(err); err != nil {
			return err
		}
		countSim(f.name, true)
		return nil
	}
}

// SetNotSigverifyTx is part of simsx.SimulationApp. DMEX always verifies signatures (the
// simulation signs every transaction with its account's key), so there is nothing to turn off.
func (app *App) SetNotSigverifyTx() {}
