package keeper

import (
	"fmt"
	"regexp"
	"slices"

	errorsmod "cosmossdk.io/errors"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/dao/types"
)

// deciders are the modules registered with the governance hooks, in name order (iterated in
// that order, never as a map).
type deciders struct {
	names  []string
	byName map[string]types.Decider
}

func (ds deciders) get(module string) (types.Decider, bool) {
	d, ok := ds.byName[module]
	return d, ok
}

var moduleNameRe = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// RegisterDecider registers a module whose items the council's and x/gov's proposals approve or
// reject (types.Decider). The app registers every such module right after building its keeper;
// the registration is shared by every copy of this keeper, those taken before included. A
// module with decision messages (types.IsDecisionMsgName) that is not registered stops the app
// at start (CheckDeciders). A second registration of a module, an empty or malformed name, or a
// nil decider is a wiring error and panics.
func (k Keeper) RegisterDecider(module string, d types.Decider) {
	if !moduleNameRe.MatchString(module) {
		panic(fmt.Sprintf("x/dao: decider module name %q: want a module name such as \"hashnft\"", module))
	}
	if d == nil {
		panic(fmt.Sprintf("x/dao: nil decider for module %s", module))
	}
	ds := &k.hooks.deciders
	if _, ok := ds.byName[module]; ok {
		panic(fmt.Sprintf("x/dao: module %s registered its decider twice", module))
	}
	if ds.byName == nil {
		ds.byName = make(map[string]types.Decider)
	}
	ds.byName[module] = d
	i, _ := slices.BinarySearch(ds.names, module)
	ds.names = slices.Insert(ds.names, i, module)
}

// DecisionModules returns the registered modules, in name order.
func (k Keeper) DecisionModules() []string { return slices.Clone(k.hooks.deciders.names) }

// IsDecisionModule says whether a module is registered with the governance hooks.
func (k Keeper) IsDecisionModule(module string) bool {
	_, ok := k.hooks.deciders.get(module)
	return ok
}

// CheckDeciders checks the wiring against the app's messages: every DMEX decision message
// (/dmex.<module>.v1.MsgApprove… or MsgReject…) is read by the decider its module registered,
// and by no other. x/dao's module runs it when the app registers its services, after every
// module's interfaces and the app's RegisterDecider calls: a module that forgot to register
// stops the app at start.
func (k Keeper) CheckDeciders(registry codectypes.InterfaceRegistry) error {
	urls := registry.ListImplementations(sdk.MsgInterfaceProtoName)
	slices.Sort(urls)
	ds := k.hooks.deciders
	for _, url := range urls {
		if !types.IsDecisionMsgName(url) {
			continue
		}
		pm, err := registry.Resolve(url)
		if err != nil {
			return err
		}
		msg := pm
		module := types.DecisionMsgModule(url)
		d, ok := ds.get(module)
		if !ok {
			return errorsmod.Wrapf(types.ErrUnregisteredDecider,
				"module %s has the decision message %s but registered no decider with x/dao (RegisterDecider in app.go)", module, url)
		}
		if _, ok := d.Decision(msg); !ok {
			return errorsmod.Wrapf(types.ErrUnregisteredDecider, "module %s's decider does not read its decision message %s", module, url)
		}
		for _, other := range ds.names {
			if other == module {
				continue
			}
			if od, _ := ds.get(other); od != nil {
				if _, ok := od.Decision(msg); ok {
					return errorsmod.Wrapf(types.ErrUnregisteredDecider, "module %s's decider reads %s, a decision message of %s", other, url, module)
				}
			}
		}
	}
	return nil
}
