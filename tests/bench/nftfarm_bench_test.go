package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
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

// nftsPerProduct is how many staked NFTs each benchmark product has; nftDue is how many products'
// terms have ended at the benchmark block (more than NFTRetirementsPerBlock: the queue is full).
const (
	nftsPerProduct = 10
	nftDue         = 2 * dmctypes.NFTRetirementsPerBlock
)

func nftFarmSizes(b *testing.B) []int {
	sizes := []int{1_000, 1_000_000}
	if env := os.Getenv("NFTFARM_BENCH_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < nftsPerProduct*nftDue {
				b.Fatalf("NFTFARM_BENCH_SIZES: %q (each at least %d)", f, nftsPerProduct*nftDue)
			}
			sizes = append(sizes, n)
		}
	}
	if len(sizes) != 2 {
		b.Fatalf("NFTFARM_BENCH_SIZES: two sizes, small and large; got %v", sizes)
	}
	return sizes
}

// BenchmarkNFTFarmBeginBlock times x/dmc's BeginBlock (the term-end retirement queue, then the
// block's mining) with an NFT farm holding 1,000 and 1,000,000 staked NFTs (10 per product,
// each NFT its own staker's), on goleveldb. Every product is in the retirement queue; at the
// benchmark block the terms of 40 products have ended, more than the 20 a block retires. The
// mining is O(farms) and the retirement O(products retired × farms), never O(NFTs): the store
// gas (deterministic) must stay within 1% between the two sizes, and the benchmark fails if not,
// or if a block retires other than 20 products. The stakes are written straight into state.
func BenchmarkNFTFarmBeginBlock(b *testing.B) {
	sizes := nftFarmSizes(b)
	gasBySize := map[int]float64{}
	for _, nfts := range sizes {
		b.Run(fmt.Sprintf("nfts=%d", nfts), func(b *testing.B) {
			db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			e := testutil.New(b, testutil.Options{Accounts: 1, DB: db})
			k := e.App.DmcKeeper
			h := e.App.LastBlockHeight()
			ctx := e.App.NewUncachedContext(false, cmtproto.Header{Height: h, Time: testutil.GenesisTime})
			t := testutil.GenesisTime.Add(time.Hour)
			farm := dmctypes.NewNFTFarm(1, dmctypes.PROGRAM_STAKED, dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, 1)
			products := nfts / nftsPerProduct
			for pid := 1; pid <= products; pid++ {
				sub := dmctypes.NewNFTProductStake(farm.Id, uint64(pid))
				for j := range nftsPerProduct {
					id := uint64((pid-1)*nftsPerProduct + j + 1)
					addr := sdk.AccAddress(fmt.Appendf(nil, "nftstaker-%011d", id))
					power := math.NewInt(int64(1 + id%32))
					st := dmctypes.NFTStake{NftId: id, FarmId: farm.Id, Staker: addr.String(), ProductId: uint64(pid), Power: power}
					if err := k.NFTStakes.Set(ctx, id, st); err != nil {
						b.Fatal(err)
					}
					if err := k.NFTStakerIndex.Set(ctx, collections.Join(addr, id)); err != nil {
						b.Fatal(err)
					}
					p := dmctypes.NewPosition(farm, addr.String())
					p.ProductId, p.Amount = uint64(pid), power
					if err := k.NFTPositions.Set(ctx, collections.Join3(addr, farm.Id, uint64(pid)), p); err != nil {
						b.Fatal(err)
					}
					sub.Power = sub.Power.Add(power)
				}
				farm.TotalStaked = farm.TotalStaked.Add(sub.Power)
				if err := k.NFTProducts.Set(ctx, collections.Join(farm.Id, uint64(pid)), sub); err != nil {
					b.Fatal(err)
				}
				// The first nftDue products' terms end before the benchmark block; the others later.
				end := t.Add(time.Duration(pid) * time.Minute)
				if pid <= nftDue {
					end = t.Add(-time.Duration(nftDue-pid+1) * time.Second)
				}
				if err := k.NFTTermEnds.Push(ctx, end, uint64(pid)); err != nil {
					b.Fatal(err)
				}
			}
			if err := k.Farms.Set(ctx, farm.Id, farm); err != nil {
				b.Fatal(err)
			}
			if err := k.NextFarmID.Set(ctx, 2); err != nil {
				b.Fatal(err)
			}
			// Commit the state to disk with an empty block before the term ends.
			if _, err := e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h + 1, Time: t.Add(-time.Hour / 2)}); err != nil {
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
				retired, mined := 0, 0
				for _, ev := range c.EventManager().Events() {
					switch ev.Type {
					case "dmex.dmc.v1.EventNFTProductRetired":
						retired++
					case "dmex.dmc.v1.EventBlockMined":
						mined++
					}
				}
				if retired != dmctypes.NFTRetirementsPerBlock || mined != 1 {
					b.Fatalf("the block retired %d products (want %d) and mined %d times (want 1)", retired, dmctypes.NFTRetirementsPerBlock, mined)
				}
				b.StartTimer()
			}
			b.StopTimer()
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/1000, "us/block")
			gasBySize[nfts] = float64(gas) / float64(b.N)
			b.ReportMetric(gasBySize[nfts], "storegas/block")
		})
	}
	small, large := gasBySize[sizes[0]], gasBySize[sizes[1]]
	if small > 0 && large > 0 && (large > small*1.01 || large < small*0.99) {
		b.Fatalf("store gas per block %.0f at %d NFTs, %.0f at %d: not within 1%%", small, sizes[0], large, sizes[1])
	}
}
