package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/dmc/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// NFT farms. A staked NFT's power is its holder's shares: per (staker, farm, product) one
// position, per (farm, product) one sub-total. When a product's term ends or it is terminated,
// each of its sub-totals is retired in O(1): its power leaves the farm's total_staked and its
// positions' index stops at the farm's index of that moment (frozen_index). The work is bounded
// by the farms (max_farms), never by the NFTs.

// CreateNFTFarm opens an NFT farm (DMEX authority).
func (m msgServer) CreateNFTFarm(ctx context.Context, msg *types.MsgCreateNFTFarm) (*types.MsgCreateNFTFarmResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if msg.Program != types.PROGRAM_STAKED {
		return nil, errorsmod.Wrapf(types.ErrInvalidFarm, "NFT farms are in PROGRAM_STAKED (SPEC §3), not %s", msg.Program)
	}
	if err := msg.Scope.Validate(); err != nil {
		return nil, err
	}
	if msg.Weight == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidFarm, "weight must be positive")
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	open, openNFT := uint32(0), uint32(0)
	err = m.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
		if f.Closed {
			return false, nil
		}
		open++
		if f.IsNFT() {
			openNFT++
			if f.Program == msg.Program && *f.NftScope == msg.Scope {
				return true, errorsmod.Wrapf(types.ErrInvalidFarm, "farm %d already takes the NFTs of %s in %s", f.Id, msg.Scope.Describe(), f.Program)
			}
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if open >= p.MaxFarms {
		return nil, errorsmod.Wrapf(types.ErrTooManyFarms, "%d open farms, the maximum is %d", open, p.MaxFarms)
	}
	if openNFT >= p.MaxNftFarms {
		return nil, errorsmod.Wrapf(types.ErrTooManyFarms, "%d open NFT farms, the maximum is max_nft_farms %d", openNFT, p.MaxNftFarms)
	}
	id, err := m.NextFarmID.Next(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Farms.Set(ctx, id, types.NewNFTFarm(id, msg.Program, msg.Scope, msg.Weight)); err != nil {
		return nil, err
	}
	return &types.MsgCreateNFTFarmResponse{FarmId: id}, m.emit(ctx,
		&types.EventNFTFarmCreated{FarmId: id, Program: msg.Program, Scope: msg.Scope, Weight: msg.Weight})
}

func (k Keeper) nftFarm(ctx context.Context, id uint64) (types.Farm, error) {
	f, err := k.getFarm(ctx, id)
	if err != nil {
		return f, err
	}
	if !f.IsNFT() {
		return f, errorsmod.Wrapf(types.ErrNotNFTFarm, "farm %d takes %s, not NFTs", f.Id, f.Denom)
	}
	return f, nil
}

func (k Keeper) nftProduct(ctx context.Context, farmID, productID uint64) (types.NFTProductStake, error) {
	s, err := k.NFTProducts.Get(ctx, collections.Join(farmID, productID))
	if errors.Is(err, collections.ErrNotFound) {
		return types.NewNFTProductStake(farmID, productID), nil
	}
	return s, err
}

func (k Keeper) nftPosition(ctx context.Context, staker sdk.AccAddress, stakerStr string, f types.Farm, s types.NFTProductStake) (types.Position, error) {
	p, err := k.NFTPositions.Get(ctx, collections.Join3(staker, f.Id, s.ProductId))
	if errors.Is(err, collections.ErrNotFound) {
		p = types.NewPosition(f, stakerStr)
		p.EntryIndex = s.Index(f)
		p.ProductId = s.ProductId
		return p, nil
	}
	return p, err
}

// settleNFT brings an NFT farm position up to its sub-total's index (the farm's, or the frozen one).
func settleNFT(f types.Farm, s types.NFTProductStake, p types.Position) types.Position {
	idx := s.Index(f)
	p.OwedScaled = rewards.Settle(p.Amount, p.EntryIndex, idx, p.OwedScaled)
	p.EntryIndex = idx
	return p
}

// PendingNFT is what a claim of the NFT farm position would pay now.
func PendingNFT(f types.Farm, s types.NFTProductStake, p types.Position) math.Int {
	pay, _ := rewards.Payable(settleNFT(f, s, p).OwedScaled)
	return pay
}

func (k Keeper) saveNFTPosition(ctx context.Context, staker sdk.AccAddress, p types.Position) error {
	key := collections.Join3(staker, p.FarmId, p.ProductId)
	if p.Amount.IsZero() && p.OwedScaled.IsZero() {
		return k.NFTPositions.Remove(ctx, key)
	}
	return k.NFTPositions.Set(ctx, key, p)
}

func (k Keeper) saveNFTProduct(ctx context.Context, s types.NFTProductStake) error {
	key := collections.Join(s.FarmId, s.ProductId)
	if s.Power.IsZero() {
		return k.NFTProducts.Remove(ctx, key)
	}
	return k.NFTProducts.Set(ctx, key, s)
}

// StakeNFT stakes an NFT the staker holds, of an active product within its term, into an open
// NFT farm whose scope it matches. The NFT is locked in x/hashnft by "dmc": its rewards keep
// reaching the holder, it cannot be listed, lent or transferred until unstaked.
func (m msgServer) StakeNFT(ctx context.Context, msg *types.MsgStakeNFT) (*types.MsgStakeNFTResponse, error) {
	staker, stakerStr, err := m.addr("staker", msg.Staker)
	if err != nil {
		return nil, err
	}
	reg, err := m.nfts()
	if err != nil {
		return nil, err
	}
	f, err := m.nftFarm(ctx, msg.FarmId)
	if err != nil {
		return nil, err
	}
	if f.Closed {
		return nil, errorsmod.Wrapf(types.ErrFarmClosed, "farm %d is closed to new stake", f.Id)
	}
	if has, err := m.NFTStakes.Has(ctx, msg.NftId); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrNFTAlreadyStaked, "NFT %d is already staked", msg.NftId)
	}
	n, err := reg.GetNFT(ctx, msg.NftId)
	if err != nil {
		return nil, err
	}
	if n.Owner != stakerStr {
		return nil, errorsmod.Wrapf(types.ErrNFTNotHeld, "NFT %d belongs to %s, not %s", n.Id, n.Owner, stakerStr)
	}
	prod, err := reg.GetProduct(ctx, n.ProductId)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if prod.Status != hashnfttypes.PRODUCT_STATUS_ACTIVE {
		return nil, errorsmod.Wrapf(types.ErrNFTExpired, "NFT %d: product %d is %s (ended or terminated)", n.Id, prod.Id, prod.Status)
	}
	termEnd := n.TermEnd
	if prod.TermEnd.Before(termEnd) {
		termEnd = prod.TermEnd
	}
	if !now.Before(termEnd) {
		return nil, errorsmod.Wrapf(types.ErrNFTExpired, "NFT %d's term ended at %s (now %s)", n.Id, termEnd.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if !f.NftScope.Matches(prod.Id, prod.NodeId, prod.Chain) {
		return nil, errorsmod.Wrapf(types.ErrScopeMismatch, "farm %d takes the NFTs of %s; NFT %d is of product %d, miner node %q, chain %q",
			f.Id, f.NftScope.Describe(), n.Id, prod.Id, prod.NodeId, prod.Chain)
	}
	if n.Power.IsNil() || !n.Power.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "NFT %d has no power", n.Id)
	}
	// x/hashnft refuses an NFT that is listed or locked (as collateral) with its own error.
	if err := reg.LockNFT(ctx, n.Id, staker, types.NFTLock); err != nil {
		return nil, err
	}
	sub, err := m.nftProduct(ctx, f.Id, prod.Id)
	if err != nil {
		return nil, err
	}
	if sub.Power.IsZero() {
		// The product's first NFT in this farm: its term end retires it (Push is idempotent).
		if err := m.NFTTermEnds.Push(ctx, termEndOf(prod), prod.Id); err != nil {
			return nil, err
		}
	}
	p, err := m.nftPosition(ctx, staker, stakerStr, f, sub)
	if err != nil {
		return nil, err
	}
	p = settleNFT(f, sub, p)
	p.Amount = p.Amount.Add(n.Power)
	sub.Power = sub.Power.Add(n.Power)
	f.TotalStaked = f.TotalStaked.Add(n.Power)
	stake := types.NFTStake{NftId: n.Id, FarmId: f.Id, Staker: stakerStr, ProductId: prod.Id, Power: n.Power}
	if err := m.NFTStakes.Set(ctx, n.Id, stake); err != nil {
		return nil, err
	}
	if err := m.NFTStakerIndex.Set(ctx, collections.Join(staker, n.Id)); err != nil {
		return nil, err
	}
	if err := m.NFTPositions.Set(ctx, collections.Join3(staker, f.Id, prod.Id), p); err != nil {
		return nil, err
	}
	if err := m.NFTProducts.Set(ctx, collections.Join(f.Id, prod.Id), sub); err != nil {
		return nil, err
	}
	if err := m.Farms.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	return &types.MsgStakeNFTResponse{}, m.emit(ctx, &types.EventNFTStaked{
		Staker: stakerStr, FarmId: f.Id, NftId: n.Id, ProductId: prod.Id, Power: n.Power.String(),
	})
}

// termEndOf is when a product's NFTs stop earning: its term end.
func termEndOf(p hashnfttypes.Product) time.Time { return p.TermEnd }

// UnstakeNFT unlocks the staker's NFT and pays what its (farm, product) position earned.
func (m msgServer) UnstakeNFT(ctx context.Context, msg *types.MsgUnstakeNFT) (*types.MsgUnstakeNFTResponse, error) {
	staker, stakerStr, err := m.addr("staker", msg.Staker)
	if err != nil {
		return nil, err
	}
	reg, err := m.nfts()
	if err != nil {
		return nil, err
	}
	st, err := m.NFTStakes.Get(ctx, msg.NftId)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrNFTNotStaked, "NFT %d is not staked", msg.NftId)
	} else if err != nil {
		return nil, err
	}
	if st.Staker != stakerStr {
		return nil, errorsmod.Wrapf(types.ErrNotNFTStaker, "NFT %d is staked by %s, not %s", st.NftId, st.Staker, stakerStr)
	}
	f, err := m.getFarm(ctx, st.FarmId)
	if err != nil {
		return nil, err
	}
	sub, err := m.nftProduct(ctx, f.Id, st.ProductId)
	if err != nil {
		return nil, err
	}
	p, err := m.nftPosition(ctx, staker, stakerStr, f, sub)
	if err != nil {
		return nil, err
	}
	if p.Amount.LT(st.Power) || sub.Power.LT(st.Power) {
		return nil, errorsmod.Wrapf(types.ErrNFTBooksMismatch, "NFT %d's power %s above its position's %s or sub-total's %s", st.NftId, st.Power, p.Amount, sub.Power)
	}
	p = settleNFT(f, sub, p)
	p.Amount = p.Amount.Sub(st.Power)
	sub.Power = sub.Power.Sub(st.Power)
	if !sub.Retired {
		f.TotalStaked = f.TotalStaked.Sub(st.Power)
	}
	pay, keep := rewards.Payable(p.OwedScaled)
	p.OwedScaled = keep
	f.Paid = f.Paid.Add(pay)
	if err := m.saveNFTPosition(ctx, staker, p); err != nil {
		return nil, err
	}
	if err := m.saveNFTProduct(ctx, sub); err != nil {
		return nil, err
	}
	if err := m.Farms.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	if err := m.NFTStakes.Remove(ctx, st.NftId); err != nil {
		return nil, err
	}
	if err := m.NFTStakerIndex.Remove(ctx, collections.Join(staker, st.NftId)); err != nil {
		return nil, err
	}
	if err := reg.UnlockNFT(ctx, st.NftId, types.NFTLock); err != nil {
		return nil, err
	}
	if pay.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, staker, sdk.NewCoins(sdk.NewCoin(types.Denom, pay))); err != nil {
			return nil, err
		}
		if err := m.emit(ctx, &types.EventRewardsClaimed{Staker: stakerStr, FarmId: f.Id, Amount: amounts.Coin(types.Denom, pay)}); err != nil {
			return nil, err
		}
	}
	return &types.MsgUnstakeNFTResponse{Claimed: pay}, m.emit(ctx, &types.EventNFTUnstaked{
		Staker: stakerStr, FarmId: f.Id, NftId: st.NftId, ProductId: st.ProductId, Power: st.Power.String(),
		Paid: amounts.Coin(types.Denom, pay),
	})
}

// claimNFT pays what one NFT farm position earned (Claim); it returns the udmc paid.
func (k Keeper) claimNFT(ctx context.Context, staker sdk.AccAddress, p types.Position) (math.Int, error) {
	f, err := k.getFarm(ctx, p.FarmId)
	if err != nil {
		return math.Int{}, err
	}
	sub, err := k.nftProduct(ctx, f.Id, p.ProductId)
	if err != nil {
		return math.Int{}, err
	}
	p = settleNFT(f, sub, p)
	pay, keep := rewards.Payable(p.OwedScaled)
	if !pay.IsPositive() {
		return math.ZeroInt(), nil
	}
	p.OwedScaled = keep
	f.Paid = f.Paid.Add(pay)
	if err := k.saveNFTPosition(ctx, staker, p); err != nil {
		return math.Int{}, err
	}
	if err := k.Farms.Set(ctx, f.Id, f); err != nil {
		return math.Int{}, err
	}
	return pay, k.emit(ctx, &types.EventRewardsClaimed{Staker: p.Staker, FarmId: f.Id, Amount: amounts.Coin(types.Denom, pay)})
}

// retireProduct retires the product's sub-totals in every NFT farm holding it: O(farms).
func (k Keeper) retireProduct(ctx context.Context, productID uint64, reason string) error {
	var farms []types.Farm
	err := k.Farms.Walk(ctx, nil, func(_ uint64, f types.Farm) (bool, error) {
		if f.IsNFT() {
			farms = append(farms, f)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, f := range farms {
		sub, err := k.NFTProducts.Get(ctx, collections.Join(f.Id, productID))
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return err
		}
		if sub.Retired {
			continue
		}
		sub.Retired = true
		sub.FrozenIndex = f.RewardIndex
		f.TotalStaked = f.TotalStaked.Sub(sub.Power)
		if err := k.NFTProducts.Set(ctx, collections.Join(f.Id, productID), sub); err != nil {
			return err
		}
		if err := k.Farms.Set(ctx, f.Id, f); err != nil {
			return err
		}
		if err := k.emit(ctx, &types.EventNFTProductRetired{FarmId: f.Id, ProductId: productID, Power: sub.Power.String(), Reason: reason}); err != nil {
			return err
		}
	}
	return nil
}

// NFTRetryAfter is how long after its first failure a retirement is tried again; each further
// failure doubles the wait, up to NFTRetryMax. A retirement is never parked: a parked one would
// leave expired power earning DMC for ever, and it locks nobody's coins or records, so retrying
// it costs one queue slot per wait. Each failure's event says which product.
const (
	NFTRetryAfter = time.Minute
	NFTRetryMax   = time.Hour
)

// nftRetryWait is the wait after the failures-th failure (failures >= 1).
func nftRetryWait(failures uint32) time.Duration {
	wait := NFTRetryAfter
	for i := uint32(1); i < failures && wait < NFTRetryMax; i++ {
		wait *= 2
	}
	return min(wait, NFTRetryMax)
}

// RetireDue retires the products whose term has ended, at most NFTRetirementsPerBlock per block,
// each in its own cache context (queue.ProcessIsolated). It runs before the block's mining, so
// no farm pays expired power in the block the term ends.
func (k Keeper) RetireDue(ctx sdk.Context) error {
	now := ctx.BlockTime()
	_, err := k.NFTTermEnds.ProcessIsolated(ctx, now, types.NFTRetirementsPerBlock, queue.Policy[time.Time]{
		Module: types.ModuleName,
		Retry: func(_ context.Context, _ queue.Item[time.Time], failures uint32) (time.Time, bool) {
			return now.Add(nftRetryWait(failures)), true
		},
	}, func(c context.Context, it queue.Item[time.Time]) (bool, error) {
		return true, k.retireProduct(c, it.ID, types.RetiredTermEnd)
	})
	return err
}

// TerminationHooks is x/dmc's listener to x/escrow's termination of a product
// (x/escrow/types.TerminationHooks): the product's staked power stops earning at once.
type TerminationHooks struct{ k Keeper }

// TerminationHooks returns the listener the app registers with x/escrow.
func (k Keeper) TerminationHooks() TerminationHooks { return TerminationHooks{k} }

func (h TerminationHooks) BeforeProductTerminated(ctx context.Context, productID uint64) error {
	return h.k.retireProduct(ctx, productID, types.RetiredTerminated)
}
