package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/internal/rewards"
	"github.com/dmexchain/dmex/x/escrow/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// checkAuthority is x/dao's check on the signer's canonical address.
func (m msgServer) checkAuthority(ctx context.Context, signer string) error {
	_, canonical, err := m.canonical("authority", signer)
	if err != nil {
		return err
	}
	return m.authority.CheckAuthority(ctx, canonical)
}

func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.checkAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}

// DepositRewards accrues a deposit over the product's NFTs by power: O(1) (one index update),
// and puts the product in the payout queue so that its holders are paid within bounded rounds.
func (m msgServer) DepositRewards(ctx context.Context, msg *types.MsgDepositRewards) (*types.MsgDepositRewardsResponse, error) {
	miner, minerStr, err := m.canonical("miner", msg.Miner)
	if err != nil {
		return nil, err
	}
	if !msg.Amount.IsValid() || !msg.Amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "deposit %s must be a positive amount of a valid denom", msg.Amount)
	}
	e, err := m.getEscrow(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	if e.Miner != minerStr {
		return nil, errorsmod.Wrapf(types.ErrNotMiner, "product %d belongs to miner %s, not %s", e.ProductId, e.Miner, minerStr)
	}
	if e.Status == types.ESCROW_STATUS_TERMINATED || e.Status == types.ESCROW_STATUS_EXPIRED {
		return nil, errorsmod.Wrapf(types.ErrEscrowClosed, "product %d is %s (%s): it takes no more rewards", e.ProductId, e.Status, e.StatusReason)
	}
	if msg.Amount.Denom != e.RewardDenom {
		return nil, errorsmod.Wrapf(types.ErrWrongDenom, "product %d takes rewards in %s, not %s", e.ProductId, e.RewardDenom, msg.Amount.Denom)
	}
	if !e.TotalPower.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrNoPower, "product %d has no NFTs to reward", e.ProductId)
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, miner, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	e.Index, e.Residual = rewards.Accrue(e.Index, e.Residual, msg.Amount.Amount, e.TotalPower)
	e.Deposited = e.Deposited.Add(msg.Amount.Amount)
	e.DepositedToday = e.DepositedToday.Add(msg.Amount.Amount)
	e.Deposits++
	if err := m.queuePayout(ctx, &e); err != nil {
		return nil, err
	}
	if err := m.Escrows.Set(ctx, e.ProductId, e); err != nil {
		return nil, err
	}
	rec, err := m.minerRecord(ctx, miner, minerStr)
	if err != nil {
		return nil, err
	}
	rec.Deposits++
	rec.Deposited = rec.Deposited.Add(msg.Amount)
	rec.LastDeposit = sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := m.Miners.Set(ctx, miner, rec); err != nil {
		return nil, err
	}
	return &types.MsgDepositRewardsResponse{}, m.emit(ctx, &types.EventRewardsDeposited{
		ProductId: e.ProductId, Miner: minerStr, Amount: msg.Amount.String(), Index: e.Index.String(),
	})
}

// ClaimRewards pays the holder's pending rewards on the NFTs named (or all it owns, up to MaxClaimNFTs).
func (m msgServer) ClaimRewards(ctx context.Context, msg *types.MsgClaimRewards) (*types.MsgClaimRewardsResponse, error) {
	holder, holderStr, err := m.canonical("holder", msg.Holder)
	if err != nil {
		return nil, err
	}
	ids := msg.NftIds
	if len(ids) > types.MaxClaimNFTs {
		return nil, errorsmod.Wrapf(types.ErrTooManyNFTs, "%d NFTs named; at most %d per claim", len(ids), types.MaxClaimNFTs)
	}
	if len(ids) == 0 {
		err := m.hashnft.WalkOwnerNFTs(ctx, holder, func(n hashnftNFT) (bool, error) {
			if _, ok, err := m.position(ctx, n.Id); err != nil || ok {
				if ok {
					ids = append(ids, n.Id)
				}
				return len(ids) >= types.MaxClaimNFTs, err
			}
			return false, nil
		})
		if err != nil {
			return nil, err
		}
	}
	seen := map[uint64]bool{}
	paid := sdk.NewCoins()
	touched := map[uint64]*types.ProductEscrow{}
	var order []uint64
	for _, id := range ids {
		if seen[id] {
			return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "NFT %d named twice", id)
		}
		seen[id] = true
		n, err := m.hashnft.GetNFT(ctx, id)
		if err != nil {
			return nil, err
		}
		if n.Owner != holderStr {
			return nil, errorsmod.Wrapf(types.ErrNotOwner, "NFT %d belongs to %s, not %s", id, n.Owner, holderStr)
		}
		e, ok := touched[n.ProductId]
		if !ok {
			got, err := m.getEscrow(ctx, n.ProductId)
			if err != nil {
				return nil, err
			}
			e = &got
			touched[n.ProductId] = e
			order = append(order, n.ProductId)
		}
		amt, err := m.payRewards(ctx, e, n, holder, "claim")
		if err != nil {
			return nil, err
		}
		if amt.IsPositive() {
			paid = paid.Add(sdk.NewCoin(e.RewardDenom, amt))
		}
	}
	if paid.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrNothingPending, "no rewards pending for %s on NFTs %v", holderStr, ids)
	}
	for _, pid := range order {
		if err := m.Escrows.Set(ctx, pid, *touched[pid]); err != nil {
			return nil, err
		}
	}
	return &types.MsgClaimRewardsResponse{Paid: paid}, nil
}

func (m msgServer) SuspendEscrow(ctx context.Context, msg *types.MsgSuspendEscrow) (*types.MsgSuspendEscrowResponse, error) {
	if err := m.checkAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	e, err := m.getEscrow(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	if e.Status != types.ESCROW_STATUS_ACTIVE {
		return nil, errorsmod.Wrapf(types.ErrWrongStatus, "product %d is %s, only an active escrow can be suspended", e.ProductId, e.Status)
	}
	reason := msg.Reason
	if reason == "" {
		reason = "suspended by the DMEX authority"
	}
	e.Status, e.StatusReason = types.ESCROW_STATUS_SUSPENDED, reason
	if err := m.Escrows.Set(ctx, e.ProductId, e); err != nil {
		return nil, err
	}
	return &types.MsgSuspendEscrowResponse{}, m.emit(ctx, &types.EventEscrowSuspended{ProductId: e.ProductId, Reason: reason})
}

// ResumeEscrow restarts the release of a suspended escrow (the risk counters start again from
// zero) and queues again the work parked after repeated failures: the day close (from the next
// day's end) and the payout round.
func (m msgServer) ResumeEscrow(ctx context.Context, msg *types.MsgResumeEscrow) (*types.MsgResumeEscrowResponse, error) {
	if err := m.checkAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	e, err := m.getEscrow(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	if e.Status != types.ESCROW_STATUS_SUSPENDED && !e.DayCloseParked && !e.PayoutParked {
		return nil, errorsmod.Wrapf(types.ErrWrongStatus, "product %d is %s, not suspended, and has no parked day close or payout round", e.ProductId, e.Status)
	}
	if e.Status == types.ESCROW_STATUS_SUSPENDED {
		e.Status, e.StatusReason = types.ESCROW_STATUS_ACTIVE, ""
		e.MissedDaysInRow, e.BelowMarketDaysInRow = 0, 0
	}
	if e.DayCloseParked {
		day, err := m.currentDay(ctx)
		if err != nil {
			return nil, err
		}
		e.DayCloseParked, e.NextDay = false, day+1
		if err := m.DayQueue.Push(ctx, e.NextDay, e.ProductId); err != nil {
			return nil, err
		}
	}
	if e.PayoutParked {
		if err := m.queuePayout(ctx, &e); err != nil {
			return nil, err
		}
	}
	if err := m.Escrows.Set(ctx, e.ProductId, e); err != nil {
		return nil, err
	}
	return &types.MsgResumeEscrowResponse{}, m.emit(ctx, &types.EventEscrowResumed{ProductId: e.ProductId})
}

// TerminateEscrow ends the product: its escrow's remainder moves to the escrow account and is
// refunded per NFT to the holders by the payout rounds; the NFTs earn nothing more.
func (m msgServer) TerminateEscrow(ctx context.Context, msg *types.MsgTerminateEscrow) (*types.MsgTerminateEscrowResponse, error) {
	if err := m.checkAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	e, err := m.getEscrow(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	if e.Status != types.ESCROW_STATUS_ACTIVE && e.Status != types.ESCROW_STATUS_SUSPENDED {
		return nil, errorsmod.Wrapf(types.ErrWrongStatus, "product %d is %s, only an active or suspended escrow can be terminated", e.ProductId, e.Status)
	}
	// The listeners first (x/hashnft's stops the sale: an open auction is called off, an auction
	// still creating its winners' NFTs creates no more and pays those winners their share of the
	// escrow back, the unsold NFTs are retired). The rest of the escrow goes to the NFTs that exist.
	if err := m.wiring.termination.BeforeProductTerminated(ctx, e.ProductId); err != nil {
		return nil, err
	}
	held, err := m.hashnft.GetEscrow(ctx, e.ProductId)
	if err != nil {
		return nil, err
	}
	if err := m.hashnft.ReleaseEscrowToModule(ctx, e.ProductId, types.ModuleName, held.Held); err != nil {
		return nil, err
	}
	reason := msg.Reason
	if reason == "" {
		reason = "terminated by the DMEX authority"
	}
	if e.InDayQueue() {
		if err := m.DayQueue.Remove(ctx, e.NextDay, e.ProductId); err != nil {
			return nil, err
		}
	}
	e.Status, e.StatusReason, e.DayCloseParked = types.ESCROW_STATUS_TERMINATED, reason, false
	e.RefundTotal = held.Held
	e.RefundDone = held.Held.IsZero()
	if !e.RefundDone {
		// The refund round visits every NFT from the start, also paying pending rewards.
		e.RoundOpen, e.RoundCursor, e.RoundIndex = false, 0, math.ZeroInt()
		if err := m.queuePayout(ctx, &e); err != nil {
			return nil, err
		}
	}
	if err := m.Escrows.Set(ctx, e.ProductId, e); err != nil {
		return nil, err
	}
	return &types.MsgTerminateEscrowResponse{}, m.emit(ctx, &types.EventEscrowTerminated{
		ProductId: e.ProductId, Refund: amounts.Coins(held.Held, e.RewardDenom), Nfts: e.Nfts,
	})
}
