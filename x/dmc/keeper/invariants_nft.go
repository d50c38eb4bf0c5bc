package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/dmc/types"
)

// LockedNFTLister is what CheckNFTBooks uses, when the registry offers it (x/hashnft does), to
// see that no NFT is locked by "dmc" without being staked.
type LockedNFTLister interface {
	NFTsLockedBy(ctx context.Context, lockedBy string) ([]uint64, error)
}

// CheckNFTBooks is the NFT farms' books check, for tests and the simulation (it walks every
// staked NFT, so it never runs in a block): each NFT farm's total_staked is the sum of its
// sub-totals not retired; each sub-total is the power of its staked NFTs, and each position the
// power of its staker's; every staked NFT is locked by "dmc" in x/hashnft with the staker as its
// owner and the power it was staked with, and every NFT locked by "dmc" is staked.
func (k Keeper) CheckNFTBooks(ctx context.Context) error {
	type fp struct{ farm, product uint64 }
	type fps struct {
		farm, product uint64
		staker        string
	}
	byProduct, byStaker := map[fp]math.Int{}, map[fps]math.Int{}
	reg := k.wiring.nfts
	staked := map[uint64]bool{}
	err := k.NFTStakes.Walk(ctx, nil, func(id uint64, st types.NFTStake) (bool, error) {
		staked[id] = true
		byProduct[fp{st.FarmId, st.ProductId}] = orZero(byProduct[fp{st.FarmId, st.ProductId}]).Add(st.Power)
		ks := fps{st.FarmId, st.ProductId, st.Staker}
		byStaker[ks] = orZero(byStaker[ks]).Add(st.Power)
		addr, _, err := k.addr("NFT staker", st.Staker)
		if err != nil {
			return true, err
		}
		if ok, err := k.NFTStakerIndex.Has(ctx, collections.Join(addr, id)); err != nil || !ok {
			return true, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "NFT %d missing from %s's index (%v)", id, st.Staker, err)
		}
		if reg == nil {
			return false, nil
		}
		n, err := reg.GetNFT(ctx, id)
		if err != nil {
			return true, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "staked NFT %d: %v", id, err)
		}
		if n.LockedBy != types.NFTLock || n.Owner != st.Staker || !n.Power.Equal(st.Power) || n.ProductId != st.ProductId {
			return true, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "staked NFT %d of %s (%s power, product %d) is in x/hashnft owned by %s, locked by %q, %s power, product %d",
				id, st.Staker, st.Power, st.ProductId, n.Owner, n.LockedBy, n.Power, n.ProductId)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	indexed := 0
	if err := k.NFTStakerIndex.Walk(ctx, nil, func(collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		indexed++
		return false, nil
	}); err != nil {
		return err
	}
	if indexed != len(staked) {
		return errorsmod.Wrapf(types.ErrNFTBooksMismatch, "%d NFTs staked, %d in the stakers' index", len(staked), indexed)
	}
	if lister, ok := reg.(LockedNFTLister); ok {
		locked, err := lister.NFTsLockedBy(ctx, types.NFTLock)
		if err != nil {
			return err
		}
		for _, id := range locked {
			if !staked[id] {
				return errorsmod.Wrapf(types.ErrNFTBooksMismatch, "NFT %d is locked by %q in x/hashnft but not staked", id, types.NFTLock)
			}
		}
		if len(locked) != len(staked) {
			return errorsmod.Wrapf(types.ErrNFTBooksMismatch, "%d NFTs staked, %d locked by %q", len(staked), len(locked), types.NFTLock)
		}
	}
	holding := 0
	err = k.NFTPositions.Walk(ctx, nil, func(_ collections.Triple[sdk.AccAddress, uint64, uint64], p types.Position) (bool, error) {
		want := orZero(byStaker[fps{p.FarmId, p.ProductId, p.Staker}])
		if !p.Amount.Equal(want) {
			return true, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "position of %s in farm %d for product %d holds %s power, its staked NFTs %s", p.Staker, p.FarmId, p.ProductId, p.Amount, want)
		}
		if p.Amount.IsPositive() {
			holding++
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if holding != len(byStaker) {
		return errorsmod.Wrapf(types.ErrNFTBooksMismatch, "%d positions hold power, the staked NFTs need %d", holding, len(byStaker))
	}
	totals := map[uint64]math.Int{}
	subs := 0
	err = k.NFTProducts.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], s types.NFTProductStake) (bool, error) {
		subs++
		if want := orZero(byProduct[fp{s.FarmId, s.ProductId}]); !s.Power.Equal(want) {
			return true, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "sub-total of product %d in farm %d is %s, its staked NFTs add up to %s", s.ProductId, s.FarmId, s.Power, want)
		}
		if !s.Retired {
			totals[s.FarmId] = orZero(totals[s.FarmId]).Add(s.Power)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if subs != len(byProduct) {
		return errorsmod.Wrapf(types.ErrNFTBooksMismatch, "%d sub-totals, the staked NFTs are of %d (farm, product) pairs", subs, len(byProduct))
	}
	return k.Farms.Walk(ctx, nil, func(id uint64, f types.Farm) (bool, error) {
		if f.IsNFT() && !orZero(totals[id]).Equal(f.TotalStaked) {
			return true, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "NFT farm %d: staked power %s, its earning sub-totals add up to %s", id, f.TotalStaked, orZero(totals[id]))
		}
		return false, nil
	})
}
