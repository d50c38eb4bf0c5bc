package lazycms_test

import (
	"fmt"
	"testing"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log"
	"cosmossdk.io/store/metrics"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"

	"github.com/dmexchain/dmex/internal/lazycms"
)

// BenchmarkTxBranches is BaseApp's branching for one transaction, on a block branch of a root
// with as many stores as dmexd mounts (18): an ante branch touching 2 stores, a message branch
// touching 2, both written. It compares the SDK's eager branches with lazycms's.
//
//	go test -run '^$' -bench TxBranches ./internal/lazycms/
func BenchmarkTxBranches(b *testing.B) {
	rs := rootmulti.NewStore(dbm.NewMemDB(), log.NewNopLogger(), metrics.NewNoOpMetrics())
	var keys []storetypes.StoreKey
	for i := 0; i < 18; i++ {
		k := storetypes.NewKVStoreKey(fmt.Sprint("s", i))
		keys = append(keys, k)
		rs.MountStoreWithDB(k, storetypes.StoreTypeIAVL, nil)
	}
	if err := rs.LoadLatestVersion(); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		root storetypes.MultiStore
	}{{"eager", rs}, {"lazy", lazycms.Wrap(rs)}} {
		b.Run(c.name, func(b *testing.B) {
			block := c.root.CacheMultiStore()
			key, val := []byte("account"), []byte("balance")
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ante := block.CacheMultiStore()
				ante.GetKVStore(keys[0]).Set(key, val)
				ante.GetKVStore(keys[1]).Get(key)
				ante.Write()
				msgs := block.CacheMultiStore()
				msgs.GetKVStore(keys[1]).Set(key, val)
				msgs.GetKVStore(keys[0]).Get(key)
				msgs.Write()
			}
		})
	}
}
