package keeper

import (
	"context"
	"fmt"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/x/hashnft/types"
)

// maxReasonLength bounds a rejection's reason.
const maxReasonLength = 512

func admitted(p types.Params) string {
	var s []string
	for _, c := range p.PowerCaps {
		s = append(s, c.Chain+" in "+c.PowerUnit)
	}
	return strings.Join(s, ", ")
}

// validateSale checks a sale's mode, price and auction duration against the params.
func validateSale(p types.Params, mode types.SaleMode, price sdk.Coin, d time.Duration, errType *errorsmod.Error) error {
	if mode != types.SALE_MODE_FIXED_PRICE && mode != types.SALE_MODE_AUCTION {
		return errorsmod.Wrapf(errType, "sale mode %s: want SALE_MODE_FIXED_PRICE or SALE_MODE_AUCTION", mode)
	}
	if err := price.Validate(); err != nil || !price.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidPrice, "price %s must be a positive amount of a valid denom", price)
	}
	if !p.Accepts(price.Denom) {
		return errorsmod.Wrapf(types.ErrDenomNotAccepted, "price denom %s is not accepted (accepted: %s)", price.Denom, strings.Join(p.AcceptedDenoms, ", "))
	}
	if mode == types.SALE_MODE_FIXED_PRICE && d != 0 {
		return errorsmod.Wrapf(errType, "auction duration %s given for a fixed-price sale", d)
	}
	if mode == types.SALE_MODE_AUCTION && (d < p.MinAuctionDuration || d > p.MaxAuctionDuration) {
		return errorsmod.Wrapf(errType, "auction duration %s is not between %s and %s", d, p.MinAuctionDuration, p.MaxAuctionDuration)
	}
	return nil
}

func (m msgServer) ApplyProduct(ctx context.Context, msg *types.MsgApplyProduct) (*types.MsgApplyProductResponse, error) {
	miner, minerStr, err := m.account("miner", msg.Miner)
	if err != nil {
		return nil, err
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	limit, ok := p.PowerCap(msg.Chain, msg.PowerUnit)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "chain %q with power unit %q is not admitted (admitted: %s)", msg.Chain, msg.PowerUnit, admitted(p))
	}
	if err := m.checkRewardDenom(ctx, msg.Chain); err != nil {
		return nil, err
	}
	if err := types.ValidateName(types.ErrInvalidApplication, "node id", msg.NodeId, 64); err != nil {
		return nil, err
	}
	if msg.PowerPerNft.IsNil() || !msg.PowerPerNft.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "power per NFT %v must be positive", msg.PowerPerNft)
	}
	if msg.Count == 0 || msg.Count > p.MaxNftsPerProduct {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "count %d: a product has 1 to %d NFTs", msg.Count, p.MaxNftsPerProduct)
	}
	if msg.TermDays == 0 || msg.TermDays > p.MaxTermDays {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "term %d days: the term must be 1 to %d days", msg.TermDays, p.MaxTermDays)
	}
	if err := validateSale(p, msg.SaleMode, msg.Price, msg.AuctionDuration, types.ErrInvalidApplication); err != nil {
		return nil, err
	}
	d := msg.Disclosure
	if strings.TrimSpace(d.Name) == "" || strings.TrimSpace(d.Contact) == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidApplication, "the disclosure needs at least the miner's name and a contact")
	}
	if n := d.Length(); n > int(p.MaxDisclosureLength) {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "disclosure is %d bytes, the maximum is %d", n, p.MaxDisclosureLength)
	}
	if err := m.checkNodeOwner(ctx, msg.Chain, msg.NodeId, miner, false); err != nil {
		return nil, err
	}
	power := msg.PowerPerNft.Mul(math.NewIntFromUint64(msg.Count))
	cur, err := m.minerPower(ctx, miner, msg.Chain, msg.PowerUnit)
	if err != nil {
		return nil, err
	}
	if total := cur.Add(power); total.GT(limit) {
		return nil, errorsmod.Wrapf(types.ErrPowerCapExceeded, "%s %s of %s would take miner %s to %s %s on sale and active, above the cap %s %s (now %s)",
			power, msg.PowerUnit, msg.Chain, minerStr, total, msg.PowerUnit, limit, msg.PowerUnit, cur)
	}
	if p.ApplicationDeposit.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, miner, types.ModuleName, sdk.NewCoins(p.ApplicationDeposit)); err != nil {
			return nil, errorsmod.Wrapf(err, "application deposit %s", p.ApplicationDeposit)
		}
	}
	id, err := m.NextApplicationID.Next(ctx)
	if err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	app := types.Application{
		Id: id, Miner: minerStr, Chain: msg.Chain, NodeId: msg.NodeId, PowerUnit: msg.PowerUnit, PowerPerNft: msg.PowerPerNft,
		Count: msg.Count, TermDays: msg.TermDays, SaleMode: msg.SaleMode, Price: msg.Price, AuctionDuration: msg.AuctionDuration,
		Disclosure: msg.Disclosure, Deposit: p.ApplicationDeposit, Status: types.APPLICATION_STATUS_PENDING,
		SubmittedAt: now, ExpiresAt: now.Add(p.ApplicationTtl),
	}
	if err := m.Applications.Set(ctx, id, app); err != nil {
		return nil, err
	}
	if err := m.ApplicationQueue.Push(ctx, app.ExpiresAt, id); err != nil {
		return nil, err
	}
	if err := m.addMinerPower(ctx, miner, msg.Chain, msg.PowerUnit, power); err != nil {
		return nil, err
	}
	return &types.MsgApplyProductResponse{ApplicationId: id}, m.emit(ctx, &types.EventApplicationSubmitted{
		ApplicationId: id, Miner: minerStr, Chain: msg.Chain, NodeId: msg.NodeId, Power: power.String(), PowerUnit: msg.PowerUnit,
		Count: msg.Count, SaleMode: msg.SaleMode, Price: msg.Price.String(), Deposit: p.ApplicationDeposit.String(),
	})
}

// pending returns the application if it still waits for a decision.
func (k Keeper) pending(ctx context.Context, id uint64) (types.Application, error) {
	a, err := k.getApplication(ctx, id)
	if err != nil {
		return a, err
	}
	if a.Status != types.APPLICATION_STATUS_PENDING {
		word := map[types.ApplicationStatus]string{
			types.APPLICATION_STATUS_APPROVED: "approved", types.APPLICATION_STATUS_REJECTED: "rejected", types.APPLICATION_STATUS_EXPIRED: "expired",
		}[a.Status]
		return a, errorsmod.Wrapf(types.ErrApplicationNotPending, "application %d is already %s", id, word)
	}
	return a, nil
}

func (m msgServer) ApproveApplication(ctx context.Context, msg *types.MsgApproveApplication) (*types.MsgApproveApplicationResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	a, err := m.pending(ctx, msg.ApplicationId)
	if err != nil {
		return nil, err
	}
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	miner, err := m.addr("miner", a.Miner)
	if err != nil {
		return nil, err
	}
	// The rules may have changed since the application: it must still fit them.
	limit, ok := p.PowerCap(a.Chain, a.PowerUnit)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "chain %s with power unit %s is no longer admitted", a.Chain, a.PowerUnit)
	}
	committed, err := m.minerPower(ctx, miner, a.Chain, a.PowerUnit)
	if err != nil {
		return nil, err
	}
	if committed.GT(limit) {
		return nil, errorsmod.Wrapf(types.ErrPowerCapExceeded, "miner %s has %s %s of %s on sale, active and applied for, above the cap %s %s",
			a.Miner, committed, a.PowerUnit, a.Chain, limit, a.PowerUnit)
	}
	if !p.Accepts(a.Price.Denom) {
		return nil, errorsmod.Wrapf(types.ErrDenomNotAccepted, "price denom %s is no longer accepted", a.Price.Denom)
	}
	if err := m.checkRewardDenom(ctx, a.Chain); err != nil {
		return nil, err
	}
	if err := m.checkNodePower(ctx, a); err != nil {
		return nil, err
	}
	if err := m.checkNodeOwner(ctx, a.Chain, a.NodeId, miner, true); err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	productID, err := m.NextProductID.Next(ctx)
	if err != nil {
		return nil, err
	}
	// An auction product's term starts when its first auction ends: that is when its NFTs come
	// into being. A fixed-price product's term starts at approval.
	start := now.Add(a.AuctionDuration)
	product := types.Product{
		Id: productID, ApplicationId: a.Id, Miner: a.Miner, Chain: a.Chain, NodeId: a.NodeId, PowerUnit: a.PowerUnit,
		PowerPerNft: a.PowerPerNft, Count: a.Count, TermDays: a.TermDays, TermStart: start,
		TermEnd: start.Add(termDuration(a.TermDays)), Disclosure: a.Disclosure, Status: types.PRODUCT_STATUS_ACTIVE,
	}
	if err := m.ProductQueue.Push(ctx, product.TermEnd, productID); err != nil {
		return nil, err
	}
	auctionID, err := m.openSale(ctx, &product, a.SaleMode, a.Price, a.AuctionDuration)
	if err != nil {
		return nil, err
	}
	if err := m.Products.Set(ctx, productID, product); err != nil {
		return nil, err
	}
	if err := m.addNodePower(ctx, product, product.CommittedPower()); err != nil {
		return nil, err
	}
	a.Status, a.DecidedAt, a.ProductId = types.APPLICATION_STATUS_APPROVED, now, productID
	if err := m.Applications.Set(ctx, a.Id, a); err != nil {
		return nil, err
	}
	if err := m.ApplicationQueue.Remove(ctx, a.ExpiresAt, a.Id); err != nil {
		return nil, err
	}
	if a.Deposit.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, miner, sdk.NewCoins(a.Deposit)); err != nil {
			return nil, err
		}
	}
	// The application's power stays committed: it is now the product's.
	if err := m.emit(ctx, &types.EventApplicationApproved{ApplicationId: a.Id, ProductId: productID, DepositRefunded: a.Deposit.String()}); err != nil {
		return nil, err
	}
	return &types.MsgApproveApplicationResponse{ProductId: productID, AuctionId: auctionID}, m.emit(ctx, &types.EventProductCreated{
		ProductId: productID, Miner: a.Miner, Count: a.Count, TermStart: product.TermStart, TermEnd: product.TermEnd,
	})
}

func (m msgServer) RejectApplication(ctx context.Context, msg *types.MsgRejectApplication) (*types.MsgRejectApplicationResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if len(msg.Reason) > maxReasonLength {
		return nil, errorsmod.Wrapf(types.ErrInvalidApplication, "reason is %d bytes, the maximum is %d", len(msg.Reason), maxReasonLength)
	}
	return &types.MsgRejectApplicationResponse{}, m.RejectPending(ctx, msg.ApplicationId, msg.Reason)
}

// RejectPending rejects a pending application: its deposit goes to the risk fund and its power
// is released. Governance hooks call it for an application whose approval proposal failed.
func (k Keeper) RejectPending(ctx context.Context, id uint64, reason string) error {
	a, err := k.pending(ctx, id)
	if err != nil {
		return err
	}
	return k.closeApplication(ctx, a, types.APPLICATION_STATUS_REJECTED, reason, true)
}

// closeApplication ends a pending application without a product, rejected or expired; its
// deposit goes to the risk fund (forfeit) or back to the miner.
func (k Keeper) closeApplication(ctx context.Context, a types.Application, status types.ApplicationStatus, reason string, forfeit bool) error {
	miner, err := k.addr("miner", a.Miner)
	if err != nil {
		return err
	}
	if a.Deposit.IsPositive() {
		if forfeit {
			if k.wiring.riskFund == nil {
				return errorsmod.Wrapf(types.ErrInvalidApplication, "application %d: no risk fund registered for its deposit", a.Id)
			}
			err = k.wiring.riskFund.DepositFromModule(ctx, types.ModuleName, sdk.NewCoins(a.Deposit), fmt.Sprintf("rejected_deposit:application/%d", a.Id))
		} else {
			err = k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, miner, sdk.NewCoins(a.Deposit))
		}
		if err != nil {
			return err
		}
	}
	if err := k.addMinerPower(ctx, miner, a.Chain, a.PowerUnit, a.Power().Neg()); err != nil {
		return err
	}
	if err := k.ApplicationQueue.Remove(ctx, a.ExpiresAt, a.Id); err != nil {
		return err
	}
	a.Status, a.DecidedAt, a.Reason = status, blockTime(ctx), reason
	if err := k.Applications.Set(ctx, a.Id, a); err != nil {
		return err
	}
	if status == types.APPLICATION_STATUS_REJECTED {
		ev := &types.EventApplicationRejected{ApplicationId: a.Id, Reason: reason}
		if forfeit {
			ev.DepositToRiskFund = a.Deposit.String()
		} else {
			ev.DepositRefunded = a.Deposit.String()
		}
		return k.emit(ctx, ev)
	}
	return k.emit(ctx, &types.EventApplicationExpired{ApplicationId: a.Id, DepositRefunded: a.Deposit.String()})
}

// expireApplication is the application queue's handler.
func (k Keeper) expireApplication(ctx context.Context, id uint64) (bool, error) {
	a, err := k.getApplication(ctx, id)
	if err != nil {
		return false, err
	}
	if a.Status != types.APPLICATION_STATUS_PENDING {
		return true, nil
	}
	return true, k.closeApplication(ctx, a, types.APPLICATION_STATUS_EXPIRED, "no decision within the application ttl", false)
}

// checkRewardDenom refuses a product of a chain x/escrow has no reward denom for: it could be
// sold, but every buy would fail (its escrow cannot open), its rewards could not be deposited and
// it could not be terminated. Checked at application (the miner learns before paying a deposit)
// and again at approval (x/escrow's params may have changed meanwhile).
func (k Keeper) checkRewardDenom(ctx context.Context, chain string) error {
	if k.wiring.rewardDenoms == nil {
		return nil // a keeper built without x/escrow (the app refuses to start so: CheckWiring)
	}
	_, found, err := k.wiring.rewardDenoms.RewardDenom(ctx, chain)
	if err != nil {
		return err
	}
	if !found {
		return errorsmod.Wrapf(types.ErrNoRewardDenom, "chain %q has no reward denom in x/escrow (reward_denoms): its products' mining rewards could not be paid", chain)
	}
	return nil
}

// checkNodePower refuses a product whose node's verified power (oracle, latest finalized day) is
// below the power it sells, power_per_nft × count, plus the power of the node's products already
// on sale or active (NodePower): a node's power is sold once.
func (k Keeper) checkNodePower(ctx context.Context, a types.Application) error {
	power, day, found, covered := k.powerOracle.NodePower(ctx, a.Chain, a.NodeId, a.PowerUnit)
	if !covered {
		return nil
	}
	selling := a.PowerPerNft.Mul(math.NewIntFromUint64(a.Count))
	if !found {
		return errorsmod.Wrapf(types.ErrPowerNotVerified, "node %s on %s has no finalized power in the oracle; the product sells %s %s",
			a.NodeId, a.Chain, selling, a.PowerUnit)
	}
	if power.LT(selling) {
		return errorsmod.Wrapf(types.ErrPowerNotVerified, "node %s has %s %s (oracle, day %d), below the %s %s the product sells",
			a.NodeId, power, a.PowerUnit, day, selling, a.PowerUnit)
	}
	onSale, err := k.nodePower(ctx, a.Chain, a.NodeId, a.PowerUnit)
	if err != nil {
		return err
	}
	if total := onSale.Add(selling); total.GT(power) {
		return errorsmod.Wrapf(types.ErrPowerNotVerified, "node %s has %s %s (oracle, day %d); %s %s are already on sale or active, %s %s more would make %s %s",
			a.NodeId, power, a.PowerUnit, day, onSale, a.PowerUnit, selling, a.PowerUnit, total, a.PowerUnit)
	}
	return nil
}
