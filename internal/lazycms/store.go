// Package lazycms branches a multi-store lazily: a branch creates the cache of one module's
// KV store the first time that store is asked for, not all of them up front.
//
// BaseApp branches the multi-store twice for every transaction (once for the ante handler,
// once for the messages) and once more for every block and every CheckTx state. The store v1
// branch (cachemulti) eagerly wraps every mounted store in a cachekv store (two maps and a
// B-tree each) and writes every one of them back, even the ones nobody touched. DMEX mounts 18
// stores and a bank send touches three, so most of that work was wasted: this package removes
// it. A branch behaves exactly as the eager one: an untouched cachekv store reads through to
// its parent and writes nothing, so creating it later changes no read and no write.
//
// Wrap installs it at the root. With store tracing on, the root falls back to the SDK's eager
// branches (tracing is a debugging aid; its cost does not matter there).
package lazycms

import (
	"io"
	"sync"

	"cosmossdk.io/store/cachekv"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"
)

// CommitMultiStore is the SDK's rootmulti store whose branches are lazy. Everything else
// (mounting, loading, committing, snapshots, queries at a height) is the rootmulti store's own.
type CommitMultiStore struct {
	*rootmulti.Store
}

var _ storetypes.CommitMultiStore = CommitMultiStore{}

// Wrap returns root with lazy branches.
func Wrap(root *rootmulti.Store) CommitMultiStore { return CommitMultiStore{Store: root} }

// CacheMultiStore branches the root store lazily.
func (s CommitMultiStore) CacheMultiStore() storetypes.CacheMultiStore {
	if s.Store.TracingEnabled() {
		return s.Store.CacheMultiStore()
	}
	return newBranch(s.Store)
}

// CacheWrap branches the root store lazily.
func (s CommitMultiStore) CacheWrap() storetypes.CacheWrap {
	return s.CacheMultiStore() // a CacheMultiStore is a CacheWrap: no assertion needed
}

// CacheWrapWithTrace branches the root store lazily; like rootmulti it ignores its arguments.
func (s CommitMultiStore) CacheWrapWithTrace(_ io.Writer, _ storetypes.TraceContext) storetypes.CacheWrap {
	return s.CacheWrap()
}

// parent is what a branch reads through to: the root store or another branch.
type parent interface {
	GetKVStore(storetypes.StoreKey) storetypes.KVStore
}

// Branch is a lazily built cache multi-store.
type Branch struct {
	parent parent

	mu     sync.Mutex
	stores map[storetypes.StoreKey]*cachekv.Store
	order  []storetypes.StoreKey // creation order, so that Write is deterministic
}

var _ storetypes.CacheMultiStore = (*Branch)(nil)

func newBranch(p parent) *Branch {
	return &Branch{parent: p, stores: make(map[storetypes.StoreKey]*cachekv.Store, 4)}
}

// GetKVStore returns the branch of key's store, creating it on first use. It panics, as the
// SDK's stores do, for a nil or unmounted key.
func (b *Branch) GetKVStore(key storetypes.StoreKey) storetypes.KVStore {
	if key == nil {
		panic("kv store with key <nil> has not been registered in stores")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if s, ok := b.stores[key]; ok {
		return s
	}
	s := cachekv.NewStore(b.parent.GetKVStore(key))
	b.stores[key] = s
	b.order = append(b.order, key)
	return s
}

// GetStore returns the branch of key's store.
func (b *Branch) GetStore(key storetypes.StoreKey) storetypes.Store { return b.GetKVStore(key) }

// Write writes every store this branch created to its parent; the others hold no change.
func (b *Branch) Write() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, key := range b.order {
		b.stores[key].Write()
	}
}

// CacheMultiStore branches this branch, lazily.
func (b *Branch) CacheMultiStore() storetypes.CacheMultiStore { return newBranch(b) }

// CacheWrap branches this branch, lazily.
func (b *Branch) CacheWrap() storetypes.CacheWrap { return newBranch(b) }

// CacheWrapWithTrace branches this branch; like cachemulti it ignores its arguments.
func (b *Branch) CacheWrapWithTrace(_ io.Writer, _ storetypes.TraceContext) storetypes.CacheWrap {
	return newBranch(b)
}

// CacheMultiStoreWithVersion panics, as it does for the SDK's branches.
func (b *Branch) CacheMultiStoreWithVersion(int64) (storetypes.CacheMultiStore, error) {
	panic("cannot branch cached multi-store with a version")
}

// GetStoreType implements Store.
func (b *Branch) GetStoreType() storetypes.StoreType { return storetypes.StoreTypeMulti }

// LatestVersion panics, as it does for the SDK's branches.
func (b *Branch) LatestVersion() int64 {
	panic("cannot get latest version from branch cached multi-store")
}

// TracingEnabled is false: a lazy branch exists only while the root's tracing is off.
func (b *Branch) TracingEnabled() bool { return false }

// SetTracer is a no-op: tracing is set on the root store at start-up, and then branches are
// the SDK's eager ones. BaseApp never calls it on a branch.
func (b *Branch) SetTracer(io.Writer) storetypes.MultiStore { return b }

// SetTracingContext is a no-op: BaseApp sets a tracing context only where TracingEnabled says
// true.
func (b *Branch) SetTracingContext(storetypes.TraceContext) storetypes.MultiStore { return b }
