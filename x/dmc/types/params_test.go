package types_test

import (
	"math"
	"testing"

	"github.com/dmexchain/dmex/x/dmc/types"
)

// The schedule of a chain restarted from a zero-height export, where start_height is moved
// below 1, is the old chain's schedule shifted: every block keeps its era, reward and blocks
// left in the era.
func TestScheduleContinuesAtAnotherHeight(t *testing.T) {
	for _, tc := range []struct {
		name        string
		start, next int64
	}{
		{"mid era 0", 1, 38},
		{"last block of era 0", 1, 40},
		{"first block of era 1", 1, 41},
		{"deep into era 3", 1, 150},
		{"before mining starts", 200, 150},
		{"start height 0", 0, 77},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			p.HalvingBlocks, p.StartHeight = 40, tc.start
			q := p.ContinueAtHeight(tc.next, 1)
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			for i := int64(0); i < 100; i++ {
				eraP, rewardP := p.BlockReward(tc.next + i)
				eraQ, rewardQ := q.BlockReward(1 + i)
				if eraP != eraQ || !rewardP.Equal(rewardQ) || p.BlocksLeftInEra(tc.next+i) != q.BlocksLeftInEra(1+i) {
					t.Fatalf("block %d: era %d reward %s left %d, continued as era %d reward %s left %d",
						i, eraP, rewardP, p.BlocksLeftInEra(tc.next+i), eraQ, rewardQ, q.BlocksLeftInEra(1+i))
				}
			}
		})
	}
}

func TestBlocksLeftInEra(t *testing.T) {
	p := types.DefaultParams()
	p.HalvingBlocks, p.StartHeight = 10, 1
	for _, tc := range []struct {
		height int64
		want   uint64
	}{{0, 1}, {1, 10}, {2, 9}, {10, 1}, {11, 10}, {25, 6}} {
		if got := p.BlocksLeftInEra(tc.height); got != tc.want {
			t.Fatalf("height %d: %d blocks left, want %d", tc.height, got, tc.want)
		}
	}
	// The most negative start height neither overflows nor mints before the last era.
	p.StartHeight = math.MinInt64
	if era, reward := p.BlockReward(math.MaxInt64); era < 256 || !reward.IsZero() {
		t.Fatalf("era %d reward %s at the extremes", era, reward)
	}
}
