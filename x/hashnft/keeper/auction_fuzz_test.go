package keeper

import (
	"encoding/binary"
	"sort"
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// FuzzFills clears arbitrary bid books (each bid 4 bytes: a 16-bit unit price, a quantity of 1 to
// 256; the quantity is at least 1 as PlaceBid and genesis validation require) against an
// arbitrary supply, ranked as auctionBids ranks them. Winners never get more than the supply or
// their quantity; sold is min(supply, demand); the clearing price is the lowest winning bid's unit
// price (zero when nothing is won), so every winner pays at most its bid; a better-ranked bid is
// filled in full before a worse one gets anything.
func FuzzFills(f *testing.F) {
	bid := func(price uint16, qty byte) []byte {
		b := make([]byte, 4)
		binary.BigEndian.PutUint16(b, price)
		b[2] = qty
		return b
	}
	f.Add(uint16(0), []byte{})
	f.Add(uint16(10), append(bid(100, 3), bid(90, 9)...))
	f.Add(uint16(10), append(append(bid(100, 3), bid(100, 9)...), bid(50, 1)...))
	f.Add(uint16(1000), append(bid(7, 255), bid(65535, 0)...))
	f.Add(uint16(5), append(bid(0, 4), bid(3, 4)...))

	f.Fuzz(func(t *testing.T, supply16 uint16, data []byte) {
		supply := uint64(supply16)
		var bids []types.Bid
		for id := uint64(1); len(data) >= 4 && id <= 500; id++ {
			price := math.NewInt(int64(binary.BigEndian.Uint16(data)))
			qty := uint64(data[2]) + 1
			data = data[4:]
			bids = append(bids, types.Bid{Id: id, Quantity: qty, UnitPrice: sdk.NewCoin("uusdt", price),
				Locked: sdk.NewCoin("uusdt", price.MulRaw(int64(qty)))})
		}
		sort.Slice(bids, func(i, j int) bool { return types.Ranks(bids[i], bids[j]) })

		out, clearing, sold := fills(bids, supply)
		if len(out) != len(bids) {
			t.Fatalf("%d fills for %d bids", len(out), len(bids))
		}
		var demand, total uint64
		lowest := math.Int{}
		for i, b := range bids {
			demand += b.Quantity
			total += out[i]
			if out[i] > b.Quantity {
				t.Fatalf("bid %d filled %d of %d", b.Id, out[i], b.Quantity)
			}
			if out[i] > 0 {
				if i > 0 && out[i-1] != bids[i-1].Quantity {
					t.Fatalf("bid %d filled %d while the better bid %d got %d of %d", b.Id, out[i], bids[i-1].Id, out[i-1], bids[i-1].Quantity)
				}
				if lowest.IsNil() || b.UnitPrice.Amount.LT(lowest) {
					lowest = b.UnitPrice.Amount
				}
				if pay := clearing.MulRaw(int64(out[i])); pay.GT(b.Locked.Amount) {
					t.Fatalf("bid %d pays %s, above the %s it locked", b.Id, pay, b.Locked.Amount)
				}
			}
		}
		if total != sold || sold > supply || sold != min(supply, demand) {
			t.Fatalf("supply %d, demand %d: sold %d, fills sum to %d", supply, demand, sold, total)
		}
		if lowest.IsNil() {
			lowest = math.ZeroInt()
		}
		if !clearing.Equal(lowest) {
			t.Fatalf("clearing %s, lowest winning unit price %s", clearing, lowest)
		}
	})
}
