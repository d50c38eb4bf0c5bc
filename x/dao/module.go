// Package dao is the DMEX authority module: it keeps, in state, the one address allowed to send
// the privileged messages of every DMEX module, creates the 4-of-7 council at genesis, and holds
// the foundation account that only the authority can spend.
package dao

import (
	"context"
	"encoding/json"
	"fmt"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc"

	"cosmossdk.io/core/address"
	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/dmexchain/dmex/x/dao/keeper"
	"github.com/dmexchain/dmex/x/dao/types"
)

// ConsensusVersion 2: decisions keyed by (module, item) (keeper.Migrator.Migrate1to2).
const ConsensusVersion = 2

var (
	_ module.AppModuleBasic   = AppModule{}
	_ module.HasGenesis       = AppModule{}
	_ appmodule.AppModule     = AppModule{}
	_ appmodule.HasServices   = AppModule{}
	_ appmodule.HasEndBlocker = AppModule{}
)

// AppModule is the x/dao module.
type AppModule struct {
	cdc    codec.Codec
	keeper keeper.Keeper
	ac     address.Codec
}

func NewAppModule(cdc codec.Codec, k keeper.Keeper, ac address.Codec) AppModule {
	return AppModule{cdc: cdc, keeper: k, ac: ac}
}

func (AppModule) IsAppModule()        {}
func (AppModule) IsOnePerModuleType() {}
func (AppModule) Name() string        { return types.ModuleName }

func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

func (AppModule) RegisterInterfaces(r codectypes.InterfaceRegistry) { types.RegisterInterfaces(r) }

func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// RegisterServices registers x/dao's services and checks the governance hooks' wiring
// (keeper.CheckDeciders): by now every module's messages are known and the app has registered
// its deciders, so a module with decision messages that did not register stops the app here.
func (am AppModule) RegisterServices(registrar grpc.ServiceRegistrar) error {
	if err := am.keeper.CheckDeciders(am.cdc.InterfaceRegistry()); err != nil {
		return err
	}
	types.RegisterMsgServer(registrar, keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(registrar, keeper.NewQueryServerImpl(am.keeper))
	if cfg, ok := registrar.(module.Configurator); ok {
		if err := cfg.RegisterMigration(types.ModuleName, 1, keeper.NewMigrator(am.keeper).Migrate1to2); err != nil {
			return fmt.Errorf("%s: register the migration from version 1: %w", types.ModuleName, err)
		}
	}
	return nil
}

func (am AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

func (am AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("failed to unmarshal %s genesis state: %w", types.ModuleName, err)
	}
	return gs.Validate(am.ac, am.keeper.DecisionModules())
}

func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("%s genesis: %w", types.ModuleName, err))
	}
}

func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(err)
	}
	return cdc.MustMarshalJSON(gs)
}

func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

// EndBlock checks the council proposals that decide applications (after x/group's EndBlock).
func (am AppModule) EndBlock(ctx context.Context) error { return am.keeper.EndBlock(ctx) }
