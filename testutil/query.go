package testutil

import (
	"errors"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	errorsmod "cosmossdk.io/errors"
)

// QueryErr runs a gRPC query (path "/dmex.escrow.v1.Query/Escrow") through the app's gRPC query
// router on the last committed state and returns its error: what the query server gives the
// node. (Over ABCI Query, baseapp turns any query error into a gRPC status in codespace sdk;
// the module's code is kept in gRPC and REST answers only in the message.)
func (e *Env) QueryErr(path string, req proto.Message) error {
	e.TB.Helper()
	handler := e.App.GRPCQueryRouter().Route(path)
	if handler == nil {
		e.TB.Fatalf("no query %s", path)
	}
	bz, err := proto.Marshal(req)
	must(e.TB, err)
	_, err = handler(e.Ctx(), &abci.RequestQuery{Path: path, Data: bz, Height: e.App.LastBlockHeight()})
	return err
}

// WantQueryCode fails unless the query fails with want, a registered error with want's code in
// want's codespace (not code 1 or codespace "undefined").
func (e *Env) WantQueryCode(path string, req proto.Message, want *errorsmod.Error) {
	e.TB.Helper()
	WantCode(e.TB, e.QueryErr(path, req), want)
}

// WantCode fails unless err is want and a client gets want's code and codespace for it.
func WantCode(tb testing.TB, err error, want *errorsmod.Error) {
	tb.Helper()
	if !errors.Is(err, want) {
		tb.Fatalf("error %v, want %v", err, want)
	}
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if codespace != want.Codespace() || code != want.ABCICode() {
		tb.Fatalf("error %q reaches the client as code %d in codespace %q, want %d in %q", err, code, codespace, want.ABCICode(), want.Codespace())
	}
}
