package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	epochstypes "github.com/cosmos/cosmos-sdk/x/epochs/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/blockhook"
	"github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// NFTHooks are x/escrow's hooks on the x/hashnft registry.
type NFTHooks struct{ k Keeper }

var _ hashnfttypes.NFTHooks = NFTHooks{}

func (k Keeper) NFTHooks() NFTHooks { return NFTHooks{k} }

// AfterNFTsCreated gives the new NFTs their positions at the current index (they earn from now
// on) and opens the product's escrow at its first sale. O(n) in the NFTs the sale created.
func (h NFTHooks) AfterNFTsCreated(ctx context.Context, productID, firstID, lastID uint64, _ sdk.AccAddress) error {
	k := h.k
	e, err := k.Escrows.Get(ctx, productID)
	if errors.Is(err, collections.ErrNotFound) {
		if e, err = k.openEscrow(ctx, productID); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if e.Status == types.ESCROW_STATUS_TERMINATED {
		return errorsmod.Wrapf(types.ErrEscrowClosed, "product %d is %s: its NFTs can no longer be sold", productID, e.Status)
	}
	power := math.ZeroInt()
	for id := firstID; id <= lastID; id++ {
		n, err := k.hashnft.GetNFT(ctx, id)
		if err != nil {
			return err
		}
		power = power.Add(n.Power)
		if err := k.Positions.Set(ctx, id, types.Position{
			NftId: id, ProductId: productID, Entry: e.Index, OwedScaled: math.ZeroInt(), Paid: math.ZeroInt(),
		}); err != nil {
			return err
		}
	}
	e.TotalPower = e.TotalPower.Add(power)
	e.Nfts += lastID - firstID + 1
	if e.Status == types.ESCROW_STATUS_EXPIRED {
		if err := k.releaseLateSale(ctx, &e); err != nil {
			return err
		}
	}
	if err := k.Escrows.Set(ctx, productID, e); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventNFTsJoined{ProductId: productID, FirstId: firstID, LastId: lastID, Power: power.String()})
}

// releaseLateSale pays the miner at once what a sale put into an expired escrow. The escrow's days
// are day epochs, so its last day may close up to a day before the product's term ends; a sale in
// between (a fixed-price buy, or an auction that ends then) would otherwise stay in the escrow for
// good. The last day releases everything, so this does too. The caller saves e.
func (k Keeper) releaseLateSale(ctx context.Context, e *types.ProductEscrow) error {
	held, err := k.hashnft.GetEscrow(ctx, e.ProductId)
	if err != nil || held.Held.IsZero() {
		return err
	}
	miner, err := k.addr("miner", e.Miner)
	if err != nil {
		return err
	}
	if err := k.hashnft.ReleaseEscrow(ctx, e.ProductId, miner, held.Held); err != nil {
		return err
	}
	e.Released = e.Released.Add(held.Held...)
	// Emitted again: released is the escrow's total, now with the late sale.
	return k.emit(ctx, &types.EventEscrowExpired{ProductId: e.ProductId, Released: amounts.Coins(e.Released, e.RewardDenom)})
}

// openEscrow starts a product's escrow record at its first sale: the days of the term already
// gone (counted in day epochs since the term's start) are counted as elapsed.
func (k Keeper) openEscrow(ctx context.Context, productID uint64) (types.ProductEscrow, error) {
	p, err := k.hashnft.GetProduct(ctx, productID)
	if err != nil {
		return types.ProductEscrow{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.ProductEscrow{}, err
	}
	denom, ok := params.RewardDenom(p.Chain)
	if !ok {
		return types.ProductEscrow{}, errorsmod.Wrapf(types.ErrWrongDenom, "no reward denom for chain %q in the escrow params", p.Chain)
	}
	e := newEscrow(productID, p.Miner, p.TermDays, denom)
	if info, err := k.epochs.GetEpochInfo(sdk.UnwrapSDKContext(ctx), types.DayEpoch); err == nil && info.Duration > 0 {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		if gone := now.Sub(p.TermStart); gone > 0 {
			days := int64(gone / info.Duration)
			if days >= int64(p.TermDays) {
				days = int64(p.TermDays) - 1
			}
			if days > 0 {
				e.DaysElapsed = uint32(days) //nolint:gosec // G115: 0 < days < TermDays, a uint32
			}
		}
	}
	day, err := k.currentDay(ctx)
	if err != nil {
		return e, err
	}
	e.NextDay = day + 1
	if err := k.DayQueue.Push(ctx, e.NextDay, productID); err != nil {
		return e, err
	}
	miner, err := k.addr("miner", p.Miner)
	if err != nil {
		return e, err
	}
	if err := k.MinerProducts.Set(ctx, collections.Join(miner, productID)); err != nil {
		return e, err
	}
	return e, k.emit(ctx, &types.EventEscrowOpened{ProductId: productID, TermDays: p.TermDays, DaysElapsed: e.DaysElapsed})
}

// BeforeNFTTransfer pays the previous holder what the NFT earned until now.
func (h NFTHooks) BeforeNFTTransfer(ctx context.Context, nftID uint64, from, _ sdk.AccAddress) error {
	k := h.k
	n, err := k.hashnft.GetNFT(ctx, nftID)
	if err != nil {
		return err
	}
	e, err := k.getEscrow(ctx, n.ProductId)
	if err != nil {
		return err
	}
	if _, err := k.payRewards(ctx, &e, n, from, "transfer"); err != nil {
		return err
	}
	return k.Escrows.Set(ctx, e.ProductId, e)
}

// EpochHooks close the day at the end of each `day` epoch.
type EpochHooks struct{ k Keeper }

var _ epochstypes.EpochHooks = EpochHooks{}

func (k Keeper) EpochHooks() EpochHooks { return EpochHooks{k} }

func (EpochHooks) GetModuleName() string { return types.ModuleName }

// AfterEpochEnd records the day that ended and closes the first products_per_block of its
// products' days; BeginBlock closes the rest in later blocks.
func (h EpochHooks) AfterEpochEnd(ctx context.Context, identifier string, epochNumber int64) error {
	if identifier != types.DayEpoch || epochNumber < 0 {
		return nil
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	// Apart: the day is recorded whatever happens to the closes (each product's is isolated anyway).
	blockhook.Run(sdkCtx, types.ModuleName, "day_end", func(c sdk.Context) error {
		return h.k.CurrentDay.Set(c, uint64(epochNumber)) //nolint:gosec // G115: x/epochs numbers epochs from 1 up
	})
	blockhook.Run(sdkCtx, types.ModuleName, "close_days", h.k.CloseDueDays)
	return nil
}

func (EpochHooks) BeforeEpochStart(context.Context, string, int64) error { return nil }
