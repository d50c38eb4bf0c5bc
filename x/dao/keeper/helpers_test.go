package keeper_test

import (
	"errors"

	"github.com/dmexchain/dmex/testutil"
	daokeeper "github.com/dmexchain/dmex/x/dao/keeper"
	daotypes "github.com/dmexchain/dmex/x/dao/types"
)

func daoMsgServer(e *testutil.Env) daotypes.MsgServer {
	return daokeeper.NewMsgServerImpl(e.App.DaoKeeper)
}

// unwrapAll returns the innermost error of a chain.
func unwrapAll(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
