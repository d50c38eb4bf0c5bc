package app

import (
	"encoding/json"
	"time"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/epochs"
	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govclient "github.com/cosmos/cosmos-sdk/x/gov/client"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// GenesisState is the app state at genesis, one raw JSON message per module.
type GenesisState map[string]json.RawMessage

// newBasicManager is the module manager's basics with DMEX defaults in the genesis that
// `dmexd init` writes: udmc as bond and deposit denom, and the `day` and `month` epochs.
func newBasicManager(mm *module.Manager) module.BasicManager {
	return module.NewBasicManagerFromManager(mm, map[string]module.AppModuleBasic{
		genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
		govtypes.ModuleName:     govBasic{gov.NewAppModuleBasic([]govclient.ProposalHandler{})},
		stakingtypes.ModuleName: stakingBasic{staking.AppModuleBasic{}},
		epochstypes.ModuleName:  epochsBasic{mm.Modules[epochstypes.ModuleName].(epochs.AppModule)}, //nolint:forcetypeassert // app.New puts epochs.AppModule there; wiring fails at start if not
	})
}

type stakingBasic struct{ staking.AppModuleBasic }

func (stakingBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gs := stakingtypes.DefaultGenesisState()
	gs.Params.BondDenom = BondDenom
	return cdc.MustMarshalJSON(gs)
}

type govBasic struct{ gov.AppModuleBasic }

func (govBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gs := govv1.DefaultGenesisState()
	gs.Params.MinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, govv1.DefaultMinDepositTokens))
	gs.Params.ExpeditedMinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, govv1.DefaultMinExpeditedDepositTokens))
	return cdc.MustMarshalJSON(gs)
}

type epochsBasic struct{ epochs.AppModule }

// DefaultEpochs are SPEC §1's `day` and `month`, measured on block time.
func DefaultEpochs() []epochstypes.EpochInfo {
	return []epochstypes.EpochInfo{
		epochstypes.NewGenesisEpochInfo("day", DaySeconds*time.Second),
		epochstypes.NewGenesisEpochInfo("month", MonthSeconds*time.Second),
	}
}

func (epochsBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(&epochstypes.GenesisState{Epochs: DefaultEpochs()})
}
