package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/store/rootmulti"

	"github.com/dmexchain/dmex/internal/lazycms"
	"github.com/dmexchain/dmex/testutil"
)

// The app branches its stores lazily, and still stamps each height's commit info with the
// block's time (what queries at a past height read), as BaseApp does for a bare rootmulti store.
func TestLazyBranchesKeepCommitInfo(t *testing.T) {
	e := testutil.New(t, testutil.Options{})
	root, ok := e.App.CommitMultiStore().(*rootmulti.Store)
	require.True(t, ok, "the SDK's commands expect the bare rootmulti store")
	require.IsType(t, &lazycms.Branch{}, e.Ctx().MultiStore().CacheMultiStore())

	res := e.NextBlock()
	require.NotNil(t, res)
	h := e.App.LastBlockHeight()
	info, err := root.GetCommitInfo(h)
	require.NoError(t, err)
	require.Equal(t, e.Ctx().BlockTime().UTC(), info.Timestamp.UTC())
	require.Equal(t, res.AppHash, info.Hash())

	// BaseApp's own query context at a past height keeps the latest block's time with the lazy
	// store (it reads the commit info's time only from a bare rootmulti store); the query
	// services' registrar, lazycms.PastHeightTime, sets it (TestPastHeightQueriesSeeThatHeightsTime).
	// Should the SDK stop needing the bare store for this, the wrapper can go.
	latest := e.Ctx().BlockTime()
	e.NextBlock()
	past, err := e.App.CreateQueryContext(h, false)
	require.NoError(t, err)
	require.Equal(t, h, past.BlockHeight())
	require.NotEqual(t, latest, e.Ctx().BlockTime())
	require.Equal(t, e.Ctx().BlockTime().UTC(), past.BlockTime().UTC())
}
