package types_test

import (
	"context"
	"errors"
	"testing"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

type earningsOf struct {
	e     types.NFTEarnings
	found bool
	err   error
}

func (r earningsOf) NFTEarnings(context.Context, types.NFT) (types.NFTEarnings, bool, error) {
	return r.e, r.found, r.err
}

func earned(denom string, paid, pending int64, refunded ...sdk.Coin) types.NFTEarnings {
	return types.NFTEarnings{
		Earned: sdk.NewInt64Coin(denom, paid+pending), Paid: sdk.NewInt64Coin(denom, paid),
		Pending: sdk.NewInt64Coin(denom, pending), Refunded: refunded,
	}
}

// The earnings of an NFT are summed over the modules that report them; one reader's figures are
// returned as they are; a reader in another denom is an error, not a hidden amount.
func TestMultiEarningsReader(t *testing.T) {
	ctx, nft := context.Background(), types.NFT{Id: 9}
	escrow := earningsOf{e: earned("aifil", 10, 5, sdk.NewInt64Coin("udmc", 3)), found: true}
	staking := earningsOf{e: earned("aifil", 1, 2, sdk.NewInt64Coin("uusdt", 4)), found: true}
	none := earningsOf{}

	if _, found, err := (types.MultiEarningsReader{}).NFTEarnings(ctx, nft); found || err != nil {
		t.Fatalf("no reader: found %v, %v", found, err)
	}
	if _, found, err := (types.MultiEarningsReader{none}).NFTEarnings(ctx, nft); found || err != nil {
		t.Fatalf("a reader without a record: found %v, %v", found, err)
	}
	got, found, err := types.MultiEarningsReader{none, escrow}.NFTEarnings(ctx, nft)
	if err != nil || !found || got.Earned.String() != "15aifil" || got.Paid.String() != "10aifil" || got.Pending.String() != "5aifil" ||
		got.Refunded.String() != "3udmc" {
		t.Fatalf("one reader with a record: %v %v %v", got, found, err)
	}
	got, found, err = types.MultiEarningsReader{escrow, none, staking}.NFTEarnings(ctx, nft)
	if err != nil || !found || got.Earned.String() != "18aifil" || got.Paid.String() != "11aifil" || got.Pending.String() != "7aifil" ||
		got.Refunded.String() != "3udmc,4uusdt" {
		t.Fatalf("two readers: %v %v %v", got, found, err)
	}
	other := earningsOf{e: earned("udmc", 1, 1), found: true}
	if _, _, err := (types.MultiEarningsReader{escrow, other}).NFTEarnings(ctx, nft); !errors.Is(err, types.ErrEarningsDenom) {
		t.Fatalf("readers in two denoms: %v, want ErrEarningsDenom", err)
	}
	boom := errors.New("store")
	if _, _, err := (types.MultiEarningsReader{escrow, earningsOf{err: boom}}).NFTEarnings(ctx, nft); !errors.Is(err, boom) {
		t.Fatalf("a failing reader: %v", err)
	}
}

// powerOf covers one chain (and one unit) and answers with fixed figures.
type powerOf struct {
	chain, unit, owner string
	power              int64
}

func (o powerOf) NodePower(_ context.Context, chain, _, unit string) (math.Int, uint64, bool, bool) {
	if chain != o.chain || unit != o.unit {
		return math.ZeroInt(), 0, false, false
	}
	return math.NewInt(o.power), 7, true, true
}

func (o powerOf) NodeOwner(_ context.Context, chain, _ string) (string, uint64, bool, bool) {
	if chain != o.chain {
		return "", 0, false, false
	}
	return o.owner, 7, true, true
}

// The first oracle that covers the chain (and the unit) answers; a chain none covers is not covered.
func TestMultiPowerOracle(t *testing.T) {
	ctx := context.Background()
	m := types.MultiPowerOracle{
		powerOf{chain: "FIL", unit: "TiB", owner: "fil-owner", power: 100},
		powerOf{chain: "BTC", unit: "TH/s", owner: "btc-owner", power: 5},
		powerOf{chain: "BTC", unit: "PH/s", owner: "second", power: 1},
		powerOf{chain: "FIL", unit: "TiB", owner: "shadowed", power: 1},
	}
	for _, c := range []struct {
		chain, unit string
		power       int64
		covered     bool
	}{
		{"FIL", "TiB", 100, true}, {"BTC", "TH/s", 5, true}, {"BTC", "PH/s", 1, true}, {"FIL", "PiB", 0, false}, {"ETH", "MH/s", 0, false},
	} {
		power, _, found, covered := m.NodePower(ctx, c.chain, "n1", c.unit)
		if covered != c.covered || found != c.covered || power.Int64() != c.power {
			t.Errorf("NodePower %s %s: %s found=%v covered=%v, want %d covered=%v", c.chain, c.unit, power, found, covered, c.power, c.covered)
		}
	}
	for chain, want := range map[string]string{"FIL": "fil-owner", "BTC": "btc-owner"} {
		if owner, _, _, covered := m.NodeOwner(ctx, chain, "n1"); !covered || owner != want {
			t.Errorf("NodeOwner %s: %q covered=%v, want %q", chain, owner, covered, want)
		}
	}
	if _, _, _, covered := m.NodeOwner(ctx, "ETH", "n1"); covered {
		t.Error("NodeOwner ETH: covered by no oracle, yet covered")
	}
	if _, _, _, covered := (types.MultiPowerOracle{}).NodePower(ctx, "FIL", "n1", "TiB"); covered {
		t.Error("no oracle: covered")
	}
}
