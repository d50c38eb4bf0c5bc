// Package keeper is the x/jointmine keeper: pool applications decided through x/dao, deposits
// and redemptions of a pool's dToken, the miner's pledge and income, the redemption queue,
// share-time (time-weighted shares, followed through bank transfers) and the maturity
// settlement.
//
// Invariants: the module account holds exactly, per denom, the pools' liquid IFIL plus their
// maturity funds not yet paid, plus the deposits of pending applications (CheckBooks); dToken is
// never held by the module (minted to the depositor, burned at once on redemption); each pool's
// dToken supply equals its supply and its holders' shares (a holder's shares: its balance plus
// what it stakes in x/dmc's farms); each pool's queued amount is what its redemptions still owe.
package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/jointmine/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	revenue      modaccounts.RevenueLedger
	riskFund     modaccounts.RiskFundLedger
	payer        types.RiskFundPayer
	nodes        types.NodeOwners

	Schema collections.Schema
	Params collections.Item[types.Params]
	Pools  collections.Map[uint64, types.Pool]
	// NextPoolID is the id the next application gets (ids start at 1).
	NextPoolID collections.Sequence
	// PoolByNode: the open pool (pending or approved) of each node.
	PoolByNode collections.Map[string, uint64]
	Holders    collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Holder]
	// Redemptions: each pool's queue, keyed (pool, id): ids grow, so key order is arrival order.
	Redemptions collections.Map[collections.Pair[uint64, uint64], types.Redemption]
	Incomes     collections.Map[collections.Pair[uint64, uint64], types.Income]

	// ApplicationQueue: pending pools at their expiry; TermQueue: approved pools at their term
	// end, then matured ones at their grace end; PayQueue: pools with cash for their redemption
	// queue; SettleQueue: pools in maturity rounds.
	ApplicationQueue queue.Queue[time.Time]
	TermQueue        queue.Queue[time.Time]
	PayQueue         queue.Queue[time.Time]
	SettleQueue      queue.Queue[time.Time]
}

func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper, revenue modaccounts.RevenueLedger, riskFund modaccounts.RiskFundLedger,
	payer types.RiskFundPayer, nodes types.NodeOwners,
) Keeper {
	if ak.GetModuleAddress(types.ModuleName) == nil {
		panic("jointmine module account has not been set")
	}
	sb := collections.NewSchemaBuilder(storeService)
	pair := collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)
	k := Keeper{
		cdc: cdc, addressCodec: ak.AddressCodec(), authority: authority, authKeeper: ak, bankKeeper: bk,
		revenue: revenue, riskFund: riskFund, payer: payer, nodes: nodes,
		Params:     collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Pools:      collections.NewMap(sb, types.PoolsKey, "pools", collections.Uint64Key, codec.CollValue[types.Pool](cdc)),
		NextPoolID: collections.NewSequence(sb, types.NextPoolIDKey, "next_pool_id"),
		PoolByNode: collections.NewMap(sb, types.PoolByNodeKey, "pool_by_node", collections.StringKey, collections.Uint64Value),
		Holders: collections.NewMap(sb, types.HoldersKey, "holders",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Holder](cdc)),
		Redemptions:      collections.NewMap(sb, types.RedemptionsKey, "redemptions", pair, codec.CollValue[types.Redemption](cdc)),
		Incomes:          collections.NewMap(sb, types.IncomesKey, "incomes", pair, codec.CollValue[types.Income](cdc)),
		ApplicationQueue: queue.New(sb, types.ApplicationQueueKey, "application_queue", sdk.TimeKey),
		TermQueue:        queue.New(sb, types.TermQueueKey, "term_queue", sdk.TimeKey),
		PayQueue:         queue.New(sb, types.PayQueueKey, "pay_queue", sdk.TimeKey),
		SettleQueue:      queue.New(sb, types.SettleQueueKey, "settle_queue", sdk.TimeKey),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

func (k Keeper) emit(ctx context.Context, ev sdk.Msg) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

// addr parses an address a user sent and returns its bytes and canonical spelling.
func (k Keeper) addr(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}

func (k Keeper) moduleAddr() sdk.AccAddress { return k.authKeeper.GetModuleAddress(types.ModuleName) }

func blockTime(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime().UTC() }

func (k Keeper) getPool(ctx context.Context, id uint64) (types.Pool, error) {
	p, err := k.Pools.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return p, errorsmod.Wrapf(types.ErrPoolNotFound, "pool %d does not exist", id)
	}
	return p, err
}

// setStatus changes a pool's status and says so.
func (k Keeper) setStatus(ctx context.Context, p *types.Pool, to types.PoolStatus) error {
	from := p.Status
	p.Status = to
	return k.emit(ctx, &types.EventStatusChanged{PoolId: p.Id, From: from, To: to})
}

// NetValue is what a pool's shares are worth together: liquid + pledge owed back − queued
// payouts, on cash received only; a defaulted pool's owed pledge is not counted.
func NetValue(p types.Pool) math.Int {
	v := p.Liquid.Sub(p.Queued)
	if p.Status != types.PoolStatus_POOL_STATUS_DEFAULTED {
		v = v.Add(p.PledgeOwed)
	}
	if v.IsNegative() {
		return math.ZeroInt()
	}
	return v
}

// ValuePerShare is NetValue / supply (zero without supply), rounded down.
func ValuePerShare(p types.Pool) math.LegacyDec {
	if !p.Supply.IsPositive() {
		return math.LegacyZeroDec()
	}
	return math.LegacyNewDecFromInt(NetValue(p)).QuoInt(p.Supply)
}

// available is the liquid balance not owed to the redemption queue.
func available(p types.Pool) math.Int {
	a := p.Liquid.Sub(p.Queued)
	if a.IsNegative() {
		return math.ZeroInt()
	}
	return a
}

func (k Keeper) pay(ctx context.Context, to sdk.AccAddress, coin sdk.Coin) error {
	if !coin.IsPositive() {
		return nil
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, sdk.NewCoins(coin))
}

// checkAmount checks a coin a message brings: of want's denom, positive, at most 2^128.
func checkAmount(what string, c sdk.Coin, want string) error {
	if c.Denom != want {
		return errorsmod.Wrapf(types.ErrWrongDenom, "%s %s: the pool takes %s", what, c, want)
	}
	if c.Amount.IsNil() || !c.Amount.IsPositive() || c.Amount.GT(types.MaxAmount) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "%s %s must be positive and at most 2^128", what, c)
	}
	return nil
}

// schedulePay puts a pool with cash and queued redemptions on the pay queue (paid this block's
// end or the next block's start).
func (k Keeper) schedulePay(ctx context.Context, p types.Pool) error {
	if p.Queued.IsZero() || p.Liquid.IsZero() {
		return nil
	}
	return k.PayQueue.Push(ctx, blockTime(ctx), p.Id)
}

const timeFormat = time.RFC3339

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

// BankBalance is an account's balance of a denom (for the simulation's factories).
func (k Keeper) BankBalance(ctx context.Context, addr sdk.AccAddress, denom string) math.Int {
	return k.bankKeeper.GetBalance(ctx, addr, denom).Amount
}
