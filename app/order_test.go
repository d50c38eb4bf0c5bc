package app_test

import (
	"slices"
	"testing"

	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"
	"github.com/cosmos/cosmos-sdk/x/group"

	"github.com/dmexchain/dmex/testutil"
	ammtypes "github.com/dmexchain/dmex/x/amm/types"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	jointminetypes "github.com/dmexchain/dmex/x/jointmine/types"
	lendingtypes "github.com/dmexchain/dmex/x/lending/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
	riskfundtypes "github.com/dmexchain/dmex/x/riskfund/types"
)

// The block order the DMEX modules rely on, each pair with its reason. A new module that
// depends on another's step in the same block adds its pair here.
func TestBlockOrder(t *testing.T) {
	m := testutil.New(t, testutil.Options{Accounts: 1}).App.ModuleManager
	for _, c := range []struct {
		list          string
		order         []string
		first, second string
		why           string
	}{
		{"BeginBlock", m.OrderBeginBlockers, epochstypes.ModuleName, escrowtypes.ModuleName,
			"x/epochs ends the day (escrow's day-end hook closes its first products) before escrow's BeginBlock closes the rest and pays"},
		{"BeginBlock", m.OrderBeginBlockers, escrowtypes.ModuleName, riskfundtypes.ModuleName,
			"the fund's claims read the unpaid days and statuses of x/escrow's day close in the same block"},
		{"BeginBlock", m.OrderBeginBlockers, escrowtypes.ModuleName, lendingtypes.ModuleName,
			"a terminated product's refunds are paid before a foreclosure in the same block decides who gets them"},
		{"BeginBlock", m.OrderBeginBlockers, epochstypes.ModuleName, ammtypes.ModuleName,
			"the month epoch sets the buyback aside before x/amm's first slice of it runs, in the same block"},
		{"BeginBlock", m.OrderBeginBlockers, dmctypes.ModuleName, ammtypes.ModuleName,
			"a buyback slice's burn room reads the DMC supply after this block's mining"},
		{"EndBlock", m.OrderEndBlockers, group.ModuleName, daotypes.ModuleName,
			"x/dao reads the council proposals x/group has just tallied"},
		{"EndBlock", m.OrderEndBlockers, group.ModuleName, hashnfttypes.ModuleName,
			"an approval executed by a council vote in this block is in place before x/hashnft's queues run"},
		{"InitGenesis", m.OrderInitGenesis, group.ModuleName, daotypes.ModuleName, "the council is created in x/group"},
		{"InitGenesis", m.OrderInitGenesis, "bank", dmctypes.ModuleName, "x/dmc's supply check reads x/bank"},
		{"InitGenesis", m.OrderInitGenesis, "bank", hashnfttypes.ModuleName, "x/hashnft checks its module accounts against its books"},
		{"InitGenesis", m.OrderInitGenesis, "bank", oracletypes.ModuleName, "x/oracle records the genesis aifil supply"},
		{"InitGenesis", m.OrderInitGenesis, "bank", riskfundtypes.ModuleName, "x/riskfund checks its account against its books"},
		{"InitGenesis", m.OrderInitGenesis, "bank", lendingtypes.ModuleName, "x/lending checks its account against its books"},
		{"InitGenesis", m.OrderInitGenesis, hashnfttypes.ModuleName, lendingtypes.ModuleName, "x/lending's genesis books check reads its collateral NFTs' locks in x/hashnft"},
		{"InitGenesis", m.OrderInitGenesis, "bank", ammtypes.ModuleName, "x/amm checks its accounts against the pools' reserves and the buybacks"},
		{"InitGenesis", m.OrderInitGenesis, "bank", jointminetypes.ModuleName, "x/jointmine checks its account and the dToken supplies against its pools"},
		{"InitGenesis", m.OrderInitGenesis, "staking", "genutil", "gentxs delegate genesis coins"},
	} {
		i, j := slices.Index(c.order, c.first), slices.Index(c.order, c.second)
		if i < 0 || j < 0 || i > j {
			t.Errorf("%s: %s (at %d) must run before %s (at %d): %s; order %v", c.list, c.first, i, c.second, j, c.why, c.order)
		}
	}
}
