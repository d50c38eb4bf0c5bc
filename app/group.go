package app

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/group"
	groupkeeper "github.com/cosmos/cosmos-sdk/x/group/keeper"
	groupmodule "github.com/cosmos/cosmos-sdk/x/group/module"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
)

// councilGroupModule is x/group with x/dao's hooks on MsgSubmitProposal, MsgVote and MsgExec
// (daokeeper.NewCouncilMsgServer): x/group has no hooks, and the council's proposals that approve
// applications must be linked to them (x/dao README, "Governance hooks"). Everything else is
// x/group's own module.
type councilGroupModule struct {
	groupmodule.AppModule
	keeper groupkeeper.Keeper
	dao    daokeeper.Keeper
}

// RegisterServices is x/group's, with the Msg service wrapped.
func (am councilGroupModule) RegisterServices(cfg module.Configurator) {
	group.RegisterMsgServer(cfg.MsgServer(), daokeeper.NewCouncilMsgServer(am.keeper, am.dao))
	group.RegisterQueryServer(cfg.QueryServer(), am.keeper)
	m := groupkeeper.NewMigrator(am.keeper)
	if err := cfg.RegisterMigration(group.ModuleName, 1, m.Migrate1to2); err != nil {
		panic(fmt.Sprintf("failed to migrate x/%s from version 1 to 2: %v", group.ModuleName, err))
	}
}
