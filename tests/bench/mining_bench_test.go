package bench

import (
	"fmt"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

// BenchmarkMiningBeginBlock times x/dmc's BeginBlock (the block's mining) with 10, 1,000 and
// 100,000 stakers in one farm, on goleveldb. Per-block work is O(farms), so the figures must
// stay flat. The positions are written straight into state (the block hook never reads them).
func BenchmarkMiningBeginBlock(b *testing.B) {
	for _, stakers := range []int{10, 1_000, 100_000} {
		b.Run(fmt.Sprintf("stakers=%d", stakers), func(b *testing.B) {
			db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			e := testutil.New(b, testutil.Options{Accounts: 1, DB: db})
			k := e.App.DmcKeeper
			h := e.App.LastBlockHeight()
			ctx := e.App.NewUncachedContext(false, cmtproto.Header{Height: h, Time: testutil.GenesisTime})
			farm := dmctypes.NewFarm(1, dmctypes.PROGRAM_STAKED, "uusdt", 1)
			for i := 0; i < stakers; i++ {
				addr := sdk.AccAddress(fmt.Appendf(nil, "staker-%014d", i))
				p := dmctypes.NewPosition(farm, addr.String())
				p.Amount = math.NewInt(int64(1_000 + i))
				farm.TotalStaked = farm.TotalStaked.Add(p.Amount)
				if err := k.Positions.Set(ctx, collections.Join(addr, farm.Id), p); err != nil {
					b.Fatal(err)
				}
			}
			if err := k.Farms.Set(ctx, farm.Id, farm); err != nil {
				b.Fatal(err)
			}
			if err := k.NextFarmID.Set(ctx, 2); err != nil {
				b.Fatal(err)
			}
			// Commit the positions to disk with an empty block.
			t := testutil.GenesisTime.Add(time.Hour)
			if _, err := e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h + 1, Time: t}); err != nil {
				b.Fatal(err)
			}
			if _, err := e.App.Commit(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var elapsed time.Duration
			var gas uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c, _ := e.App.NewUncachedContext(false, cmtproto.Header{Height: h + 2 + int64(i), Time: t}).CacheContext()
				c = c.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
				b.StartTimer()
				t0 := time.Now()
				if err := k.BeginBlocker(c); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				gas += c.GasMeter().GasConsumed()
				if len(c.EventManager().Events()) == 0 {
					b.Fatal("the block minted nothing")
				}
				b.StartTimer()
			}
			b.StopTimer()
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/1000, "us/block")
			// Store gas is deterministic: it counts every read and write the hook makes.
			b.ReportMetric(float64(gas)/float64(b.N), "storegas/block")
		})
	}
}
