// Package keeper is the escrow, mining rewards and risk control of SPEC §5.
//
// A product's sale proceeds stay in x/hashnft's Escrow record and hashnftescrow account (the one
// record of them); at each end of the `day` epoch x/escrow releases remaining / days left of the
// term to the miner (the last day: the remainder). The miner's reward deposits sit in the escrow
// module account and accrue to the product's NFTs through internal/rewards (shares = NFT power),
// settled on every NFT transfer and paid to holders by bounded payout rounds or a claim. Risk
// control suspends the release after suspend_after_days days without deposits or below the
// market; the authority suspends, resumes and terminates; a termination refunds the escrow's
// remainder per NFT through the same bounded rounds.
//
// Invariants (Keeper.CheckBooks, run by the tests after every block): the escrow account holds
// exactly the deposited rewards not yet paid plus the refunds not yet paid; the hashnftescrow
// account holds exactly what the escrows hold; for every product, paid in = held + released +
// refunded at termination; every open escrow is in the day queue at its next day (unless its day
// close is parked), and every product with a round to run in the payout queue.
//
// Per block: at most products_per_block day closes and payouts_per_block NFT visits; nothing
// walks all products, NFTs or holders. Both queues run through queue.ProcessIsolated: a product
// whose day close or round fails (an error or a panic) changes nothing, is retried at the next
// day's end and parked after a bounded number of failures, and the others go on.
package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/accounts"
	"github.com/dmexchain/dmex/internal/queue"
	"github.com/dmexchain/dmex/x/escrow/types"
)

type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    types.AuthorityKeeper
	authKeeper   types.AccountKeeper
	bankKeeper   types.BankKeeper
	epochs       types.EpochsKeeper
	hashnft      hashnftAPI
	oracle       types.MarketOracle
	// wiring holds the listeners registered once the keeper is built (wiring.go), shared by
	// every copy of the keeper.
	wiring *wiring

	Schema  collections.Schema
	Params  collections.Item[types.Params]
	Escrows collections.Map[uint64, types.ProductEscrow]
	// Positions: one per NFT (its place in its product's reward index).
	Positions collections.Map[uint64, types.Position]
	Miners    collections.Map[sdk.AccAddress, types.MinerRecord]
	// MinerProducts lists each miner's products (for the miner's record).
	MinerProducts collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// DayQueue holds open escrows by the day number at whose end their next day closes;
	// PayoutQueue holds products with a payout or refund round to run, by day number.
	DayQueue    queue.Queue[uint64]
	PayoutQueue queue.Queue[uint64]
	// CurrentDay is the number of the last `day` epoch that ended.
	CurrentDay collections.Item[uint64]
}

// hashnftAPI is what x/escrow uses of x/hashnft: its NFT registry and its escrow ledger.
type hashnftAPI struct {
	types.HashnftNFTs
	types.HashnftEscrows
}

// NewKeeper builds the keeper on the modules that exist before it: x/hashnft's registry (nfts)
// and escrow ledger (ledger), and the market oracle (nil: types.NoMarketData). The listeners to a
// termination are registered afterwards (wiring.go).
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority types.AuthorityKeeper,
	ak types.AccountKeeper, bk types.BankKeeper, ek types.EpochsKeeper,
	nfts types.HashnftNFTs, ledger types.HashnftEscrows, oracle types.MarketOracle,
) Keeper {
	if ak.GetModuleAddress(types.ModuleName) == nil {
		panic("escrow module account has not been set")
	}
	if oracle == nil {
		oracle = types.NoMarketData{}
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc: cdc, addressCodec: ak.AddressCodec(), authority: authority, authKeeper: ak, bankKeeper: bk,
		epochs: ek, hashnft: hashnftAPI{nfts, ledger}, oracle: oracle, wiring: &wiring{},
		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Escrows:       collections.NewMap(sb, types.EscrowsKey, "escrows", collections.Uint64Key, codec.CollValue[types.ProductEscrow](cdc)),
		Positions:     collections.NewMap(sb, types.PositionsKey, "positions", collections.Uint64Key, codec.CollValue[types.Position](cdc)),
		Miners:        collections.NewMap(sb, types.MinersKey, "miners", sdk.AccAddressKey, codec.CollValue[types.MinerRecord](cdc)),
		MinerProducts: collections.NewKeySet(sb, types.MinerProductsKey, "miner_products", collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		DayQueue:      queue.New(sb, types.DayQueueKey, "day_queue", collections.Uint64Key),
		PayoutQueue:   queue.New(sb, types.PayoutQueueKey, "payout_queue", collections.Uint64Key),
		CurrentDay:    collections.NewItem(sb, types.CurrentDayKey, "current_day", collections.Uint64Value),
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

func (k Keeper) addr(what, s string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q: %v", what, s, err)
	}
	return bz, nil
}

// canonical parses an address from a message and returns it with its canonical (lowercase
// bech32) spelling, the one records and events use: an uppercase address is the same account.
func (k Keeper) canonical(what, s string) (sdk.AccAddress, string, error) {
	return accounts.Parse(k.addressCodec, types.ErrInvalidAddress, what, s)
}

func (k Keeper) getEscrow(ctx context.Context, id uint64) (types.ProductEscrow, error) {
	e, err := k.Escrows.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return e, errorsmod.Wrapf(types.ErrUnknownEscrow, "product %d has no escrow (no NFT sold yet, or no such product)", id)
	}
	return e, err
}

func (k Keeper) currentDay(ctx context.Context) (uint64, error) {
	d, err := k.CurrentDay.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return d, err
}

func (k Keeper) minerRecord(ctx context.Context, miner sdk.AccAddress, minerStr string) (types.MinerRecord, error) {
	r, err := k.Miners.Get(ctx, miner)
	if errors.Is(err, collections.ErrNotFound) {
		return types.MinerRecord{Miner: minerStr}, nil
	}
	return r, err
}

func zeroIfNil(v math.Int) math.Int {
	if v.IsNil() {
		return math.ZeroInt()
	}
	return v
}

// newEscrow is the record a product's escrow starts with.
func newEscrow(id uint64, miner string, termDays uint32, denom string) types.ProductEscrow {
	z := math.ZeroInt()
	return types.ProductEscrow{
		ProductId: id, Miner: miner, Status: types.ESCROW_STATUS_ACTIVE, TermDays: termDays, RewardDenom: denom,
		TotalPower: z, Index: z, Residual: z, Deposited: z, RewardsPaid: z, DepositedToday: z, RoundIndex: z,
	}
}

// queuePayout puts a product in the payout queue (due at once) unless it is already there.
func (k Keeper) queuePayout(ctx context.Context, e *types.ProductEscrow) error {
	if e.PayoutQueued {
		return nil
	}
	day, err := k.currentDay(ctx)
	if err != nil {
		return err
	}
	e.PayoutQueued, e.PayoutParked = true, false
	return k.PayoutQueue.Push(ctx, day, e.ProductId)
}
