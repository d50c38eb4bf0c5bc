package types_test

import (
	"bytes"
	"errors"
	"math/big"
	"math/rand"
	"testing"

	"cosmossdk.io/collections/colltest"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

func encode(t *testing.T, v math.Int) []byte {
	t.Helper()
	buf := make([]byte, types.PriceKey.Size(v))
	if _, err := types.PriceKey.Encode(buf, v); err != nil {
		t.Fatal(err)
	}
	return buf
}

// The price key sorts numerically, byte for byte, and round-trips.
func TestPriceKeyOrder(t *testing.T) {
	for _, v := range []math.Int{math.ZeroInt(), math.NewInt(1), math.NewInt(255), math.NewInt(256), math.NewIntWithDecimal(7, 30)} {
		colltest.TestKeyCodec(t, types.PriceKey, v)
	}
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 5_000; i++ {
		a := math.NewIntFromBigInt(new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(r.Intn(120)+1))))
		b := math.NewIntFromBigInt(new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(r.Intn(120)+1))))
		if got, want := bytes.Compare(encode(t, a), encode(t, b)), a.BigInt().Cmp(b.BigInt()); got != want {
			t.Fatalf("compare(%s, %s): bytes %d, numbers %d", a, b, got, want)
		}
	}
	if _, err := types.PriceKey.Encode(make([]byte, 9), math.NewInt(-1)); err == nil {
		t.Fatal("a negative price encoded")
	}
}

func TestDefaultsAreValid(t *testing.T) {
	ac := address.NewBech32Codec("dmex")
	if err := types.DefaultParams().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := types.DefaultGenesis().Validate(ac); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*types.GenesisState){
		"next id zero": func(gs *types.GenesisState) { gs.NextNftId = 0 },
		"NFT of an unknown product": func(gs *types.GenesisState) {
			gs.Nfts = []types.NFT{{Id: 1, ProductId: 3, Serial: 1}}
			gs.NextNftId = 2
		},
		"listing of an unknown NFT": func(gs *types.GenesisState) { gs.Listings = []types.Listing{{NftId: 7}} },
		"bid in an unknown auction": func(gs *types.GenesisState) {
			gs.Bids = []types.Bid{{Id: 1, AuctionId: 4, Quantity: 1}}
			gs.NextBidId = 2
		},
		"power caps twice": func(gs *types.GenesisState) {
			gs.Params.PowerCaps = append(gs.Params.PowerCaps, gs.Params.PowerCaps[0])
		},
	} {
		gs := types.DefaultGenesis()
		edit(gs)
		err := gs.Validate(ac)
		if !errors.Is(err, types.ErrInvalidGenesis) && !errors.Is(err, types.ErrInvalidParams) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
