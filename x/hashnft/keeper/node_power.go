package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// A node's power is sold once (SPEC §4, §10): NodePower counts, per (chain, node, power unit), the
// power of the node's products on sale or active (CommittedPower: every NFT not retired, while
// the product is active). It changes with the product, where the miner's power does (approval,
// retirement of unsold NFTs, an auction's unsold rest, the end of the term or a termination), is
// rebuilt from the products at InitGenesis and checked by CheckBooks. Approval refuses a product
// that would take it above the node's finalized power (oracle).

func nodeKey(chain, node, unit string) collections.Triple[string, string, string] {
	return collections.Join3(chain, node, unit)
}

// addNodePower changes the power on sale and active of a product's node by delta.
func (k Keeper) addNodePower(ctx context.Context, p types.Product, delta math.Int) error {
	key := nodeKey(p.Chain, p.NodeId, p.PowerUnit)
	cur, err := k.nodePower(ctx, p.Chain, p.NodeId, p.PowerUnit)
	if err != nil {
		return err
	}
	next := cur.Add(delta)
	switch {
	case next.IsNegative():
		return errorsmod.Wrapf(types.ErrBooksMismatch, "node %s power on sale in %s %s would go negative: %s%+s", p.NodeId, p.Chain, p.PowerUnit, cur, delta)
	case next.IsZero():
		return k.NodePower.Remove(ctx, key)
	}
	return k.NodePower.Set(ctx, key, next)
}

// addProductPower changes a product's committed power: its miner's (the cap) and its node's.
func (k Keeper) addProductPower(ctx context.Context, p types.Product, delta math.Int) error {
	miner, err := k.addr("miner", p.Miner)
	if err != nil {
		return err
	}
	if err := k.addMinerPower(ctx, miner, p.Chain, p.PowerUnit, delta); err != nil {
		return err
	}
	return k.addNodePower(ctx, p, delta)
}

func (k Keeper) nodePower(ctx context.Context, chain, node, unit string) (math.Int, error) {
	v, err := k.NodePower.Get(ctx, nodeKey(chain, node, unit))
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

// checkNodeOwner refuses an applicant the oracle does not attest as the node's owner. At
// application (strict=false) only an attested owner that is someone else refuses; at approval
// (strict=true) the node must have a finalized owner and it must be the miner.
func (k Keeper) checkNodeOwner(ctx context.Context, chain, node string, miner sdk.AccAddress, strict bool) error {
	owner, day, found, covered := k.powerOracle.NodeOwner(ctx, chain, node)
	if !covered {
		return nil
	}
	minerStr, err := k.addressCodec.BytesToString(miner)
	if err != nil {
		return err
	}
	if !found || owner == "" {
		if strict {
			return errorsmod.Wrapf(types.ErrNotNodeOwner, "node %s on %s has no owner attested by the oracle; %s cannot sell its power", node, chain, minerStr)
		}
		return nil
	}
	if ownerBz, err := k.addressCodec.StringToBytes(owner); err != nil || !bytes.Equal(ownerBz, miner) {
		return errorsmod.Wrapf(types.ErrNotNodeOwner, "node %s on %s is owned by %s (oracle, day %d), not %s", node, chain, owner, day, minerStr)
	}
	return nil
}

// checkNodeBooks is CheckBooks' part for the nodes: NodePower is what the active products commit.
func (k Keeper) checkNodeBooks(ctx context.Context) error {
	want := map[string]math.Int{}
	if err := k.Products.Walk(ctx, nil, func(_ uint64, p types.Product) (bool, error) {
		if v := p.CommittedPower(); v.IsPositive() {
			name := p.Chain + "/" + p.NodeId + "/" + p.PowerUnit
			if cur, ok := want[name]; ok {
				v = v.Add(cur)
			}
			want[name] = v
		}
		return false, nil
	}); err != nil {
		return err
	}
	recorded := 0
	if err := k.NodePower.Walk(ctx, nil, func(key collections.Triple[string, string, string], v math.Int) (bool, error) {
		recorded++
		name := key.K1() + "/" + key.K2() + "/" + key.K3()
		if w, ok := want[name]; !ok || !w.Equal(v) {
			return true, types.ErrBooksMismatch.Wrapf("node %s power on sale is %s, its products commit %v", name, v, w)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if recorded != len(want) {
		return types.ErrBooksMismatch.Wrapf("%d node power records, the products commit power on %d nodes", recorded, len(want))
	}
	return nil
}
