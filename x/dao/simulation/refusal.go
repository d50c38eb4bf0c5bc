package simulation

import (
	"context"
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	"github.com/dmexchain/dmex/x/dao/types"
)

// ExpectRefusal is the delivery result handler of a factory that sends a message the module
// must refuse: it accepts only an error that wraps want (a registered error, so its code and
// codespace reach the client), and checks that state, a digest of what the message would have
// changed, reads as it did when the factory ran. Pass it from a
// simsx.NewSimMsgFactoryWithDeliveryResultHandler factory, with state reading the block's
// context the factory was given.
func ExpectRefusal(want *errorsmod.Error, state func() string) simsx.SimDeliveryResultHandler {
	before := state()
	return func(err error) error {
		if err == nil {
			return fmt.Errorf("accepted a message that must be refused with %q (%s code %d)", want.Error(), want.Codespace(), want.ABCICode())
		}
		codespace, code, _ := errorsmod.ABCIInfo(err, false)
		if !errors.Is(err, want) || codespace != want.Codespace() || code != want.ABCICode() {
			return fmt.Errorf("refused with %s code %d (%w), want %q (%s code %d)", codespace, code, err, want.Error(), want.Codespace(), want.ABCICode())
		}
		if after := state(); after != before {
			return fmt.Errorf("refused message changed the state: %s, was %s", after, before)
		}
		return nil
	}
}

// UnauthorizedFactory sends a privileged message signed by an account that is not the DMEX
// authority (build names it the authority): the module must refuse it with x/dao's
// ErrUnauthorized and leave state, as digest reads it, unchanged.
func UnauthorizedFactory[T sdk.Msg](k daokeeper.Keeper, build func(from simsx.SimAccount, data *simsx.ChainDataSource) T, digest func(ctx context.Context) string) *simsx.ResultHandlingSimMsgFactory[T] {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, data *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, T, simsx.SimDeliveryResultHandler) {
		var zero T
		auth, err := k.GetAuthority(ctx)
		if err != nil {
			reporter.Skip("no authority")
			return nil, zero, nil
		}
		from := data.AnyAccount(reporter, simsx.SimAccountFilterFn(func(a simsx.SimAccount) bool { return !a.Address.Equals(auth) }))
		if reporter.IsSkipped() {
			return nil, zero, nil
		}
		return []simsx.SimAccount{from}, build(from, data), ExpectRefusal(types.ErrUnauthorized, func() string { return digest(ctx) })
	})
}
