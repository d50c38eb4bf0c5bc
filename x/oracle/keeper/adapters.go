package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/x/oracle/types"
)

// The oracle covers Filecoin (chain "FIL") with power in TiB; rewards are attoFIL, which is aifil.
const (
	ChainFIL = "FIL"
	UnitTiB  = "TiB"
)

// LatestNetworkDay is the most recent finalized network day.
func (k Keeper) LatestNetworkDay(ctx context.Context) (types.NetworkDay, bool, error) {
	it, err := k.NetworkDays.Iterate(ctx, new(collections.Range[uint64]).Descending())
	if err != nil {
		return types.NetworkDay{}, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return types.NetworkDay{}, false, nil
	}
	v, err := it.Value()
	return v, err == nil, err
}

// EscrowOracle is x/escrow's MarketOracle: the market average reward per TiB per day (aifil) of
// the latest finalized network day, for FIL products in TiB; no data for other chains or units.
type EscrowOracle struct{ K Keeper }

func (o EscrowOracle) MarketAverage(ctx context.Context, chain, powerUnit string) (math.LegacyDec, bool, error) {
	if chain != ChainFIL || powerUnit != UnitTiB {
		return math.LegacyDec{}, false, nil
	}
	d, ok, err := o.K.LatestNetworkDay(ctx)
	if err != nil || !ok {
		return math.LegacyDec{}, false, err
	}
	return math.LegacyNewDecFromInt(d.RewardPerTib), true, nil
}

// PowerOracle is x/hashnft's power check: a node's power on its latest finalized day, in the
// product's power unit (whole TiB, rounded down, for FIL). covered=false for chains and units the
// oracle does not know.
type PowerOracle struct{ K Keeper }

func (o PowerOracle) NodePower(ctx context.Context, chain, nodeID, powerUnit string) (power math.Int, day uint64, found, covered bool) {
	if chain != ChainFIL || powerUnit != UnitTiB {
		return math.ZeroInt(), 0, false, false
	}
	bytes, day, found := o.K.LatestNodePower(ctx, nodeID)
	return bytes.QuoRaw(types.BytesPerTiB), day, found, true
}

// NodeOwner is the DMEX account the feeders attested, on the node's latest finalized day, as the
// one that may sell its power ("" if that day attested none). covered=false for chains the
// oracle does not know.
func (o PowerOracle) NodeOwner(ctx context.Context, chain, nodeID string) (owner string, day uint64, found, covered bool) {
	if chain != ChainFIL {
		return "", 0, false, false
	}
	nd, found := o.K.LatestNodeDay(ctx, nodeID)
	return nd.Figures.Owner, nd.Day, found, true
}
