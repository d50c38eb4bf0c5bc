package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/amm/types"
)

// The books check catches each way the pools' books can go wrong.
func TestCheckBooksCatchesMismatches(t *testing.T) {
	for _, c := range []struct {
		name  string
		spoil func(f *fixture)
		names string
	}{
		{"a reserve off by one", func(f *fixture) {
			p := f.pool(1)
			p.ReserveA = p.ReserveA.AddRaw(1)
			if err := f.k.Pools.Set(f.ctx, 1, p); err != nil {
				t.Fatal(err)
			}
		}, "the amm account holds 999751udmc,3000000uht,6001000uusdt; the pools' reserves are 999752udmc"},
		{"a coin no pool holds", func(f *fixture) { f.bank.give(ammAddr, sdk.NewCoins(coin(ifil, 1))) }, "1aifil"},
		{"share supply above the unlocked shares", func(f *fixture) {
			if err := f.bank.MintCoins(f.ctx, types.ModuleName, sdk.NewCoins(coin("amm/pool/2", 1))); err != nil {
				t.Fatal(err)
			}
			if err := f.bank.SendCoinsFromModuleToAccount(f.ctx, types.ModuleName, f.bob, sdk.NewCoins(coin("amm/pool/2", 1))); err != nil {
				t.Fatal(err)
			}
		}, "pool 2: amm/pool/2 supply 2448490"},
		{"a pair entry missing", func(f *fixture) {
			if err := f.k.PoolByPair.Remove(f.ctx, collections.Join(dmc, usdt)); err != nil {
				t.Fatal(err)
			}
		}, "pool 1 of udmc/uusdt: the pair index says 0"},
		{"a pair entry too many", func(f *fixture) {
			if err := f.k.PoolByPair.Set(f.ctx, collections.Join(ht, ifil), 1); err != nil {
				t.Fatal(err)
			}
		}, "pair uht/aifil points at pool 1"},
		{"a denom entry missing", func(f *fixture) {
			if err := f.k.PoolsByDenom.Remove(f.ctx, collections.Join(ht, uint64(2))); err != nil {
				t.Fatal(err)
			}
		}, "pool 2 is not indexed under uht"},
		{"a denom entry too many", func(f *fixture) {
			if err := f.k.PoolsByDenom.Set(f.ctx, collections.Join(ifil, uint64(2))); err != nil {
				t.Fatal(err)
			}
		}, "denom index aifil names pool 2"},
		{"locked shares above the shares", func(f *fixture) {
			p := f.pool(2)
			p.LockedShares = p.Shares.AddRaw(1)
			if err := f.k.Pools.Set(f.ctx, 2, p); err != nil {
				t.Fatal(err)
			}
		}, "pool 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t)
			f.create(f.alice, coin(dmc, 1_000_000), coin(usdt, 4_000_000))
			f.create(f.alice, coin(ht, 3_000_000), coin(usdt, 2_000_000))
			f.swapIn(f.bob, coin(usdt, 1000), hop(1, dmc))
			c.spoil(f)
			err := f.k.CheckBooks(f.ctx)
			if !types.ErrBooksMismatch.Is(err) {
				t.Fatalf("books check: %v", err)
			}
			if !strings.Contains(err.Error(), c.names) {
				t.Fatalf("%v does not name %q", err, c.names)
			}
		})
	}
}
