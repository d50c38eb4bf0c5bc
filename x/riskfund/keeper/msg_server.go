package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/riskfund/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// checkAuthority: x/dao's check, before anything else.
func (m msgServer) checkAuthority(ctx context.Context, signer string) error {
	if _, err := m.addr("authority", signer); err != nil {
		return err
	}
	return m.authority.CheckAuthority(ctx, signer)
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

func (m msgServer) Deposit(ctx context.Context, msg *types.MsgDeposit) (*types.MsgDepositResponse, error) {
	sender, err := m.addr("sender", msg.Sender)
	if err != nil {
		return nil, err
	}
	if !msg.Amount.IsValid() || msg.Amount.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "deposit %q must be positive amounts of valid denoms", msg.Amount.String())
	}
	if err := m.SendAndCredit(ctx, sender, msg.Amount, "deposit:"+sender.String()); err != nil {
		return nil, err
	}
	return &types.MsgDepositResponse{}, nil
}

// Quote is the premium to insure one NFT of a product now, with the numbers it depends on.
func (k Keeper) Quote(ctx context.Context, productID uint64) (types.ProductRisk, uint64, math.Int, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.ProductRisk{}, 0, math.Int{}, err
	}
	r, err := k.risk.ProductRisk(ctx, productID)
	if err != nil {
		return r, 0, math.Int{}, err
	}
	if r.SaleDenoms > 1 {
		return r, 0, math.Int{}, errorsmod.Wrapf(types.ErrWrongDenom, "product %d was sold in %d denoms: no single insured value per NFT, so none of its NFTs can be insured", productID, r.SaleDenoms)
	}
	if r.InsuredValue.IsNil() || !r.InsuredValue.IsPositive() {
		return r, 0, math.Int{}, errorsmod.Wrapf(types.ErrNoInsuredValue, "product %d has no sale proceeds per NFT", productID)
	}
	bps := params.PremiumBpsFor(uint64(r.MinerMissedDays))
	return r, bps, types.Premium(r.InsuredValue, bps), nil
}

// InsureNFT checks every adverse-selection rule before anything moves: the holder holds the NFT,
// it has no policy, its product is active with no missed day in its current streak, the premium
// is in the product's price denom and within the buyer's maximum, and the cover fits the capacity.
func (m msgServer) InsureNFT(ctx context.Context, msg *types.MsgInsureNFT) (*types.MsgInsureNFTResponse, error) {
	holder, err := m.addr("holder", msg.Holder)
	if err != nil {
		return nil, err
	}
	n, err := m.nfts.GetNFT(ctx, msg.NftId)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrUnknownNFT, "NFT %d: %v", msg.NftId, err)
	}
	if n.Owner != holder.String() {
		return nil, errorsmod.Wrapf(types.ErrNotHolder, "NFT %d is held by %s, not %s", n.Id, n.Owner, holder)
	}
	has, err := m.Policies.Has(ctx, n.Id)
	if err != nil {
		return nil, err
	}
	if has {
		return nil, errorsmod.Wrapf(types.ErrAlreadyInsured, "NFT %d already has a policy", n.Id)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	r, bps, premium, err := m.Quote(ctx, n.ProductId)
	if err != nil {
		return nil, err
	}
	switch r.Status {
	case types.StatusActive:
	case types.StatusSuspended:
		return nil, errorsmod.Wrapf(types.ErrProductSuspended, "product %d is suspended", r.ProductID)
	case types.StatusTerminated:
		return nil, errorsmod.Wrapf(types.ErrProductTerminated, "product %d is terminated", r.ProductID)
	case types.StatusExpired:
		return nil, errorsmod.Wrapf(types.ErrProductExpired, "product %d has expired", r.ProductID)
	default:
		return nil, errorsmod.Wrapf(types.ErrUnknownProduct, "product %d has no escrow", r.ProductID)
	}
	if r.MissedInRow > 0 {
		return nil, errorsmod.Wrapf(types.ErrMissedDayStreak, "product %d has %d missed days in its current streak; no policy until a day closes with a deposit", r.ProductID, r.MissedInRow)
	}
	if msg.MaxPremium.Denom != r.Denom {
		return nil, errorsmod.Wrapf(types.ErrWrongDenom, "premium of product %d is paid in %s, not %q", r.ProductID, r.Denom, msg.MaxPremium.Denom)
	}
	if msg.MaxPremium.Amount.IsNil() || msg.MaxPremium.Amount.LT(premium) {
		return nil, errorsmod.Wrapf(types.ErrPremiumTooHigh, "premium %s%s (%d bps of %s) above the maximum %s", premium, r.Denom, bps, r.InsuredValue, msg.MaxPremium)
	}
	b, err := m.books(ctx, r.Denom)
	if err != nil {
		return nil, err
	}
	after := b
	after.Balance = b.Balance.Add(premium)
	if free := FreeCapacity(after, params); free.LT(r.InsuredValue) {
		return nil, errorsmod.Wrapf(types.ErrBeyondCapacity,
			"cover %s%s above the free capacity %s%s (capacity_bps %d of a balance of %s with the premium, committed %s, owed %s, reserved %s)",
			r.InsuredValue, r.Denom, free, r.Denom, params.CapacityBps, after.Balance, b.Committed, b.Owed, b.Reserved)
	}
	day, err := m.risk.CurrentDay(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.SendAndCredit(ctx, holder, sdk.NewCoins(sdk.NewCoin(r.Denom, premium)), fmt.Sprintf("premium:nft/%d", n.Id)); err != nil {
		return nil, err
	}
	b, err = m.books(ctx, r.Denom)
	if err != nil {
		return nil, err
	}
	b.Committed = b.Committed.Add(r.InsuredValue)
	if err := m.Books.Set(ctx, r.Denom, b); err != nil {
		return nil, err
	}
	// unpaid_days_at_start starts as an upper bound of the counter at cover start (the day closes
	// of the waiting days add at most one unpaid day each); the start queue replaces it with the
	// counter itself once the product's day close of cover_start_day has run (takeSnapshots).
	p := types.Policy{
		NftId: n.Id, ProductId: r.ProductID, Buyer: holder.String(), Denom: r.Denom,
		InsuredValue: r.InsuredValue, Premium: premium, BoughtDay: day,
		CoverStartDay:     day + uint64(params.WaitingDays),
		UnpaidDaysAtStart: r.UnpaidDays + params.WaitingDays,
		TermDays:          r.TermDays,
	}
	if err := m.setPolicy(ctx, p); err != nil {
		return nil, err
	}
	return &types.MsgInsureNFTResponse{Policy: p}, m.emit(ctx, &types.EventPolicyIssued{
		NftId: p.NftId, ProductId: p.ProductId, Buyer: p.Buyer,
		InsuredValue: sdk.NewCoin(p.Denom, p.InsuredValue).String(), Premium: sdk.NewCoin(p.Denom, premium).String(),
		CoverStartDay: p.CoverStartDay,
	})
}

func (k Keeper) setPolicy(ctx context.Context, p types.Policy) error {
	buyer, err := k.addr("buyer", p.Buyer)
	if err != nil {
		return err
	}
	if err := k.Policies.Set(ctx, p.NftId, p); err != nil {
		return err
	}
	if err := k.PolicyByBuyer.Set(ctx, collections.Join(buyer, p.NftId)); err != nil {
		return err
	}
	if err := k.PolicyByProduct.Set(ctx, collections.Join(p.ProductId, p.NftId)); err != nil {
		return err
	}
	if awaitsStart(p) {
		return k.StartQueue.Set(ctx, startKey(p))
	}
	return nil
}

// awaitsStart: the policy's snapshot at cover start is still to be taken (it is in StartQueue).
func awaitsStart(p types.Policy) bool { return !p.CoverStarted && !p.Claimed }

func startKey(p types.Policy) collections.Pair[uint64, uint64] {
	return collections.Join(p.CoverStartDay, p.NftId)
}

func (k Keeper) removePolicy(ctx context.Context, p types.Policy) error {
	buyer, err := k.addr("buyer", p.Buyer)
	if err != nil {
		return err
	}
	if err := k.Policies.Remove(ctx, p.NftId); err != nil {
		return err
	}
	if err := k.PolicyByBuyer.Remove(ctx, collections.Join(buyer, p.NftId)); err != nil {
		return err
	}
	if err := k.StartQueue.Remove(ctx, startKey(p)); err != nil {
		return err
	}
	return k.PolicyByProduct.Remove(ctx, collections.Join(p.ProductId, p.NftId))
}

// Compensate reserves an amount of the fund's free balance for the holders of a terminated
// product; the compensation rounds pay it per NFT once the product's insured claims are paid.
func (m msgServer) Compensate(ctx context.Context, msg *types.MsgCompensate) (*types.MsgCompensateResponse, error) {
	if err := m.checkAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if !msg.Amount.IsValid() || !msg.Amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "compensation %s must be a positive amount of a valid denom", msg.Amount)
	}
	r, err := m.risk.ProductRisk(ctx, msg.ProductId)
	if err != nil {
		return nil, err
	}
	if r.Status != types.StatusTerminated {
		return nil, errorsmod.Wrapf(types.ErrNotTerminated, "product %d is %s; only a terminated product can be compensated", msg.ProductId, r.Status)
	}
	if r.NFTs == 0 {
		return nil, errorsmod.Wrapf(types.ErrUnknownProduct, "product %d has no NFTs", msg.ProductId)
	}
	b, err := m.books(ctx, msg.Amount.Denom)
	if err != nil {
		return nil, err
	}
	if free := Free(b); free.LT(msg.Amount.Amount) {
		return nil, errorsmod.Wrapf(types.ErrAboveFreeBalance, "compensation %s above the free balance %s%s (balance %s, owed %s, committed %s, reserved %s)",
			msg.Amount, free, b.Denom, b.Balance, b.Owed, b.Committed, b.Reserved)
	}
	if r.NFTs > uint64(^uint32(0)) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "product %d has %d NFTs", msg.ProductId, r.NFTs)
	}
	id, err := m.NextCompID.Next(ctx) // starts at 1 (genesis next_compensation_id)
	if err != nil {
		return nil, err
	}
	c := types.Compensation{Id: id, ProductId: msg.ProductId, Denom: msg.Amount.Denom, Amount: msg.Amount.Amount, Paid: math.ZeroInt(), NftCount: uint32(r.NFTs)}
	if err := m.Compensations.Set(ctx, id, c); err != nil {
		return nil, err
	}
	if err := m.CompByProduct.Set(ctx, collections.Join(c.ProductId, id)); err != nil {
		return nil, err
	}
	if err := m.CompQueue.Set(ctx, id); err != nil {
		return nil, err
	}
	b.Reserved = b.Reserved.Add(msg.Amount.Amount)
	if err := m.Books.Set(ctx, b.Denom, b); err != nil {
		return nil, err
	}
	return &types.MsgCompensateResponse{CompensationId: id}, m.emit(ctx, &types.EventCompensationCreated{Id: id, ProductId: c.ProductId, Amount: msg.Amount.String()})
}
