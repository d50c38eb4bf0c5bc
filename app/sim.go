package app

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
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
		}},
		simModule{name: escrowtypes.ModuleName, register: func(w simsx.WeightSource, reg simsx.Registry) {
			escrowsim.Factories(app.EscrowKeeper, app.HashnftKeeper, w, reg)
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
func (m simModule) WeightedOperationsX(w simsx.WeightSource, reg simsx.Registry)         { m.register(w, reg) }

// SetNotSigverifyTx is part of simsx.SimulationApp. DMEX always verifies signatures (the
// simulation signs every transaction with its account's key), so there is nothing to turn off.
func (app *App) SetNotSigverifyTx() {}
