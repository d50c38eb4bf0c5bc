package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/dmexchain/dmex/internal/accounts"
)

// validateNFT checks the NFT farms' books: each sub-total belongs to an NFT farm, the staked
// NFTs of a (farm, product) add up to its sub-total and, per staker, to the staker's position,
// and each NFT farm's total_staked is the sum of its sub-totals not retired.
func (gs GenesisState) validateNFT(ac address.Codec, farms map[uint64]Farm) error {
	type fp struct{ farm, product uint64 }
	subs := map[fp]NFTProductStake{}
	for _, s := range gs.NftProductStakes {
		f, ok := farms[s.FarmId]
		if !ok {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "sub-total of product %d in farm %d, which is not an NFT farm", s.ProductId, s.FarmId)
		}
		if _, dup := subs[fp{s.FarmId, s.ProductId}]; dup {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "two sub-totals of product %d in farm %d", s.ProductId, s.FarmId)
		}
		if s.Power.IsNil() || !s.Power.IsPositive() || s.FrozenIndex.IsNil() || s.FrozenIndex.IsNegative() || s.FrozenIndex.GT(f.RewardIndex) {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "sub-total of product %d in farm %d: power must be positive and the frozen index at most the farm's", s.ProductId, s.FarmId)
		}
		subs[fp{s.FarmId, s.ProductId}] = s
	}
	type fps struct {
		farm, product uint64
		staker        string
	}
	byProduct, byStaker := map[fp]math.Int{}, map[fps]math.Int{}
	nfts := map[uint64]bool{}
	for _, st := range gs.NftStakes {
		if nfts[st.NftId] {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "NFT %d staked twice", st.NftId)
		}
		nfts[st.NftId] = true
		if _, ok := subs[fp{st.FarmId, st.ProductId}]; !ok {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "NFT %d staked in farm %d without a sub-total of product %d", st.NftId, st.FarmId, st.ProductId)
		}
		_, canonical, err := accounts.Parse(ac, ErrInvalidAddress, "NFT staker", st.Staker)
		if err != nil {
			return err
		}
		if st.Power.IsNil() || !st.Power.IsPositive() {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "NFT %d: power must be positive", st.NftId)
		}
		k := fp{st.FarmId, st.ProductId}
		byProduct[k] = orZero(byProduct[k]).Add(st.Power)
		ks := fps{st.FarmId, st.ProductId, canonical}
		byStaker[ks] = orZero(byStaker[ks]).Add(st.Power)
	}
	seen := map[fps]bool{}
	for _, p := range gs.NftPositions {
		if _, ok := farms[p.FarmId]; !ok {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "NFT position of %s in farm %d, which is not an NFT farm", p.Staker, p.FarmId)
		}
		_, canonical, err := accounts.Parse(ac, ErrInvalidAddress, "NFT position staker", p.Staker)
		if err != nil {
			return err
		}
		ks := fps{p.FarmId, p.ProductId, canonical}
		if seen[ks] {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "two positions of %s in farm %d for product %d", p.Staker, p.FarmId, p.ProductId)
		}
		seen[ks] = true
		for _, v := range []math.Int{p.Amount, p.EntryIndex, p.OwedScaled} {
			if v.IsNil() || v.IsNegative() {
				return errorsmod.Wrapf(ErrNFTBooksMismatch, "position of %s in farm %d: amounts must be non-negative", p.Staker, p.FarmId)
			}
		}
		if !p.Amount.Equal(orZero(byStaker[ks])) {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "position of %s in farm %d for product %d holds %s power, its staked NFTs %s", p.Staker, p.FarmId, p.ProductId, p.Amount, orZero(byStaker[ks]))
		}
	}
	// Every staker's staked power has its position: the positions holding power are as many as
	// the (farm, product, staker) triples of the staked NFTs (each was matched above).
	holding := 0
	for _, p := range gs.NftPositions {
		if p.Amount.IsPositive() {
			holding++
		}
	}
	if holding != len(byStaker) {
		return errorsmod.Wrapf(ErrNFTBooksMismatch, "%d positions hold power, the staked NFTs need %d", holding, len(byStaker))
	}
	totals := map[uint64]math.Int{}
	for _, s := range gs.NftProductStakes {
		k := fp{s.FarmId, s.ProductId}
		if !s.Power.Equal(orZero(byProduct[k])) {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "sub-total of product %d in farm %d is %s, its staked NFTs add up to %s", s.ProductId, s.FarmId, s.Power, orZero(byProduct[k]))
		}
		if !s.Retired {
			totals[s.FarmId] = orZero(totals[s.FarmId]).Add(s.Power)
		}
	}
	for _, f := range gs.Farms {
		if f.IsNFT() && !orZero(totals[f.Id]).Equal(f.TotalStaked) {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "NFT farm %d total_staked %s, its earning sub-totals add up to %s", f.Id, f.TotalStaked, orZero(totals[f.Id]))
		}
	}
	queued := map[string]bool{}
	for _, q := range gs.NftTermEnds {
		k := fmt.Sprintf("%d/%d", q.TermEnd.UnixNano(), q.ProductId)
		if q.ProductId == 0 || queued[k] {
			return errorsmod.Wrapf(ErrNFTBooksMismatch, "retirement queue: product %d at %s listed twice or zero", q.ProductId, q.TermEnd)
		}
		queued[k] = true
	}
	return nil
}

func orZero(v math.Int) math.Int {
	if v.IsNil() {
		return math.ZeroInt()
	}
	return v
}
