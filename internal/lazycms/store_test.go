package lazycms_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log"
	"cosmossdk.io/store/cachemulti"
	"cosmossdk.io/store/metrics"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"

	"github.com/dmexchain/dmex/internal/lazycms"
)

var keys = []storetypes.StoreKey{
	storetypes.NewKVStoreKey("a"), storetypes.NewKVStoreKey("b"), storetypes.NewKVStoreKey("c"),
	storetypes.NewKVStoreKey("d"), storetypes.NewTransientStoreKey("t"),
}

func newRoot(t *testing.T) *rootmulti.Store {
	t.Helper()
	rs := rootmulti.NewStore(dbm.NewMemDB(), log.NewNopLogger(), metrics.NewNoOpMetrics())
	for _, k := range keys {
		typ := storetypes.StoreTypeIAVL
		if _, ok := k.(*storetypes.TransientStoreKey); ok {
			typ = storetypes.StoreTypeTransient
		}
		rs.MountStoreWithDB(k, typ, nil)
	}
	require.NoError(t, rs.LoadLatestVersion())
	return rs
}

// readAll lists a store's pairs between two bounds, forwards or backwards.
func readAll(s storetypes.KVStore, start, end []byte, reverse bool) []string {
	it := s.Iterator(start, end)
	if reverse {
		it = s.ReverseIterator(start, end)
	}
	defer it.Close()
	var out []string
	for ; it.Valid(); it.Next() {
		out = append(out, fmt.Sprintf("%x=%x", it.Key(), it.Value()))
	}
	return out
}

// Random programs of writes, deletes, reads, iterations and nested branches (written or
// dropped) run on an eager (cachemulti) and a lazy chain of branches over two identical roots:
// every read agrees and every block commits to the same hash.
func TestBranchBehavesAsTheEagerOne(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			r := rand.New(rand.NewSource(seed))
			eagerRoot, lazyRoot := newRoot(t), lazycms.Wrap(newRoot(t))
			key := func() []byte { return []byte{byte(r.Intn(3)), byte(r.Intn(8))} }
			for block := 0; block < 5; block++ {
				eager := []storetypes.CacheMultiStore{eagerRoot.CacheMultiStore()}
				lazy := []storetypes.CacheMultiStore{lazyRoot.CacheMultiStore()}
				require.IsType(t, cachemulti.Store{}, eager[0])
				require.IsType(t, &lazycms.Branch{}, lazy[0])
				for op := 0; op < 400; op++ {
					top := len(eager) - 1
					k := keys[r.Intn(len(keys))]
					es, ls := eager[top].GetKVStore(k), lazy[top].GetKVStore(k)
					switch n := r.Intn(100); {
					case n < 8: // a new branch (a transaction, a cache context)
						eager = append(eager, eager[top].CacheMultiStore())
						lazy = append(lazy, lazy[top].CacheMultiStore())
					case n < 16 && top > 0: // the branch ends, written or dropped
						if r.Intn(3) > 0 {
							eager[top].Write()
							lazy[top].Write()
						}
						eager, lazy = eager[:top], lazy[:top]
					case n < 50:
						kk, v := key(), []byte{byte(r.Intn(256))}
						es.Set(kk, v)
						ls.Set(kk, v)
					case n < 60:
						kk := key()
						es.Delete(kk)
						ls.Delete(kk)
					case n < 80:
						kk := key()
						require.Equal(t, es.Get(kk), ls.Get(kk))
						require.Equal(t, es.Has(kk), ls.Has(kk))
					default:
						start, end := key(), key()
						if bytes.Compare(start, end) > 0 {
							start, end = end, start
						}
						rev := r.Intn(2) == 0
						require.Equal(t, readAll(es, start, end, rev), readAll(ls, start, end, rev))
						require.Equal(t, readAll(es, nil, nil, rev), readAll(ls, nil, nil, rev))
					}
				}
				for i := len(eager) - 1; i >= 0; i-- {
					eager[i].Write()
					lazy[i].Write()
				}
				ec, lc := eagerRoot.Commit(), lazyRoot.Commit()
				require.Equal(t, ec, lc, "block %d", block)
			}
			require.NotEqual(t, eagerRoot.LastCommitID().Hash, newRoot(t).LastCommitID().Hash, "the program wrote nothing")
		})
	}
}

// A branch creates the cache of a store only when asked for it, and reads the parent's
// uncommitted writes through every level.
func TestBranchIsLazy(t *testing.T) {
	root := lazycms.Wrap(newRoot(t))
	block := root.CacheMultiStore()
	block.GetKVStore(keys[0]).Set([]byte("k"), []byte("v"))
	tx := block.CacheMultiStore()
	require.Equal(t, []byte("v"), tx.GetKVStore(keys[0]).Get([]byte("k")))
	tx.GetKVStore(keys[1]).Set([]byte("k"), []byte("w"))
	require.Equal(t, 2, lazycms.Created(tx.(*lazycms.Branch)))
	require.Equal(t, 2, lazycms.Created(block.(*lazycms.Branch)), "the tx's parents, of %d stores", len(keys))
	require.Nil(t, block.GetKVStore(keys[1]).Get([]byte("k")), "a branch's write shows before Write")
	tx.Write()
	require.Equal(t, []byte("w"), block.GetKVStore(keys[1]).Get([]byte("k")))
	require.Nil(t, root.GetKVStore(keys[1]).Get([]byte("k")), "the block's write shows before Write")
}

// Unmounted or nil keys panic as they do for the SDK's stores; tracing falls back to them.
func TestBranchEdges(t *testing.T) {
	rs := newRoot(t)
	root := lazycms.Wrap(rs)
	b := root.CacheMultiStore()
	require.Panics(t, func() { b.GetKVStore(storetypes.NewKVStoreKey("unmounted")) })
	require.Panics(t, func() { b.GetKVStore(nil) })
	require.Panics(t, func() { b.LatestVersion() })
	require.Panics(t, func() { _, _ = b.CacheMultiStoreWithVersion(1) })
	require.False(t, b.TracingEnabled())
	rs.SetTracer(&bytes.Buffer{})
	require.IsType(t, cachemulti.Store{}, root.CacheMultiStore(), "with tracing on, branches are the SDK's")
}
