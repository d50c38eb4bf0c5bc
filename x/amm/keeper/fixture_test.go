package keeper_test

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	"github.com/dmexchain/dmex/x/amm/keeper"
	"github.com/dmexchain/dmex/x/amm/types"
)

const (
	dmc  = "udmc"
	usdt = "uusdt"
	ht   = "uht"
	ifil = "aifil"
)

var (
	authority = sdk.AccAddress([]byte("authority___________")).String()
	ammAddr   = authtypes.NewModuleAddress(types.ModuleName)
	t0        = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
)

type fakeAuth struct{}

func (fakeAuth) CheckAuthority(_ context.Context, s string) error {
	if s != authority {
		return fmt.Errorf("%s is not the authority", s)
	}
	return nil
}

type fakeAccounts struct{}

func (fakeAccounts) AddressCodec() address.Codec {
	return addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
}
func (fakeAccounts) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

// fakeBank keeps balances and supplies in maps; a send checks every coin before it moves any.
type fakeBank struct {
	bal    map[string]sdk.Coins
	supply sdk.Coins
}

func modAddr(name string) sdk.AccAddress { return authtypes.NewModuleAddress(name) }

func (b *fakeBank) GetAllBalances(_ context.Context, a sdk.AccAddress) sdk.Coins {
	return b.bal[a.String()]
}
func (b *fakeBank) GetBalance(_ context.Context, a sdk.AccAddress, denom string) sdk.Coin {
	return sdk.NewCoin(denom, b.bal[a.String()].AmountOf(denom))
}
func (b *fakeBank) GetSupply(_ context.Context, denom string) sdk.Coin {
	return sdk.NewCoin(denom, b.supply.AmountOf(denom))
}
func (b *fakeBank) send(from, to sdk.AccAddress, amt sdk.Coins) error {
	if !amt.IsValid() {
		return fmt.Errorf("invalid coins %s", amt)
	}
	have := b.bal[from.String()]
	if !have.IsAllGTE(amt) {
		return fmt.Errorf("insufficient funds: %s < %s", have, amt)
	}
	b.bal[from.String()] = have.Sub(amt...)
	b.bal[to.String()] = b.bal[to.String()].Add(amt...)
	return nil
}
func (b *fakeBank) SendCoinsFromAccountToModule(_ context.Context, from sdk.AccAddress, m string, amt sdk.Coins) error {
	return b.send(from, modAddr(m), amt)
}
func (b *fakeBank) SendCoinsFromModuleToAccount(_ context.Context, m string, to sdk.AccAddress, amt sdk.Coins) error {
	return b.send(modAddr(m), to, amt)
}
func (b *fakeBank) SendCoinsFromModuleToModule(_ context.Context, from, to string, amt sdk.Coins) error {
	return b.send(modAddr(from), modAddr(to), amt)
}
func (b *fakeBank) MintCoins(_ context.Context, m string, amt sdk.Coins) error {
	if m != types.ModuleName {
		return fmt.Errorf("%s may not mint", m)
	}
	b.bal[modAddr(m).String()] = b.bal[modAddr(m).String()].Add(amt...)
	b.supply = b.supply.Add(amt...)
	return nil
}
func (b *fakeBank) BurnCoins(_ context.Context, m string, amt sdk.Coins) error {
	if err := b.send(modAddr(m), modAddr("burned"), amt); err != nil {
		return err
	}
	b.bal[modAddr("burned").String()] = nil
	b.supply = b.supply.Sub(amt...)
	return nil
}

// give credits coins to an account and the supply (as a genesis balance would).
func (b *fakeBank) give(a sdk.AccAddress, amt sdk.Coins) {
	b.bal[a.String()] = b.bal[a.String()].Add(amt...)
	b.supply = b.supply.Add(amt...)
}

// fakeRevenue is x/dmc's ledger: each fee moves to the revenue account and is recorded by source.
type fakeRevenue struct {
	bank *fakeBank
	fees map[string]sdk.Coins
}

func (r *fakeRevenue) record(source string, fee sdk.Coin) error {
	if !fee.IsPositive() || !modaccounts.IsRevenueSource(source) {
		return fmt.Errorf("refused fee %s from %s", fee, source)
	}
	r.fees[source] = r.fees[source].Add(fee)
	return nil
}
func (r *fakeRevenue) PayRevenueFromAccount(_ context.Context, source string, payer sdk.AccAddress, fee sdk.Coin) error {
	if !fee.IsPositive() || !modaccounts.IsRevenueSource(source) {
		return fmt.Errorf("refused fee %s from %s", fee, source)
	}
	if err := r.bank.send(payer, modAddr(modaccounts.Revenue), sdk.NewCoins(fee)); err != nil {
		return err
	}
	return r.record(source, fee)
}
func (r *fakeRevenue) PayRevenueFromModule(_ context.Context, source, module string, fee sdk.Coin) error {
	if !fee.IsPositive() || !modaccounts.IsRevenueSource(source) {
		return fmt.Errorf("refused fee %s from %s", fee, source)
	}
	if err := r.bank.send(modAddr(module), modAddr(modaccounts.Revenue), sdk.NewCoins(fee)); err != nil {
		return err
	}
	return r.record(source, fee)
}
func (r *fakeRevenue) SpendRevenueToModule(_ context.Context, _, module string, amt sdk.Coin) error {
	return r.bank.send(modAddr(modaccounts.Revenue), modAddr(module), sdk.NewCoins(amt))
}
func (r *fakeRevenue) RevenueBalances(context.Context, int) (sdk.Coins, error) {
	return r.bank.bal[modAddr(modaccounts.Revenue).String()], nil
}

type fakeDMC struct{}

func (fakeDMC) BurnRoom(context.Context) (math.Int, error)             { return math.ZeroInt(), nil }
func (fakeDMC) BurnFromModule(context.Context, string, math.Int) error { return fmt.Errorf("not used") }

type fixture struct {
	t       *testing.T
	ctx     sdk.Context
	k       keeper.Keeper
	msg     types.MsgServer
	q       types.QueryServer
	bank    *fakeBank
	revenue *fakeRevenue
	store   storetypes.StoreKey
	// alice, bob, carol each hold 10^15 of udmc, uusdt, uht and aifil.
	alice, bob, carol sdk.AccAddress
}

// setup: the default params (creation fee 100000000udmc, 0.3% default swap fee, 1000 shares
// locked, 48 hours of price history), no pool, block time t0 at height 10.
func setup(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t"))
	enc := moduletestutil.MakeTestEncodingConfig()
	f := &fixture{t: t, ctx: tctx.Ctx.WithBlockTime(t0).WithBlockHeight(10), bank: &fakeBank{bal: map[string]sdk.Coins{}}, store: key}
	f.revenue = &fakeRevenue{bank: f.bank, fees: map[string]sdk.Coins{}}
	f.alice = sdk.AccAddress([]byte("alice_______________"))
	f.bob = sdk.AccAddress([]byte("bob_________________"))
	f.carol = sdk.AccAddress([]byte("carol_______________"))
	for _, a := range []sdk.AccAddress{f.alice, f.bob, f.carol} {
		f.bank.give(a, sdk.NewCoins(sdk.NewInt64Coin(dmc, 1e15), sdk.NewInt64Coin(usdt, 1e15), sdk.NewInt64Coin(ht, 1e15), sdk.NewInt64Coin(ifil, 1e15)))
	}
	f.k = keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), fakeAuth{}, fakeAccounts{}, f.bank, f.revenue, fakeDMC{})
	if err := f.k.InitGenesis(f.ctx, *types.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	f.msg = keeper.NewMsgServerImpl(f.k)
	f.q = keeper.NewQueryServerImpl(f.k)
	return f
}

// snapshot is every byte of the module's store, every balance, the supplies and the revenue
// ledger: what a refused message must leave as it was.
func (f *fixture) snapshot() string {
	f.t.Helper()
	var b strings.Builder
	it := f.ctx.KVStore(f.store).Iterator(nil, nil)
	defer it.Close()
	for ; it.Valid(); it.Next() {
		fmt.Fprintf(&b, "%x=%x\n", it.Key(), it.Value())
	}
	addrs := make([]string, 0, len(f.bank.bal))
	for a := range f.bank.bal {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		fmt.Fprintf(&b, "%s:%s\n", a, f.bank.bal[a])
	}
	srcs := make([]string, 0, len(f.revenue.fees))
	for s := range f.revenue.fees {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		fmt.Fprintf(&b, "revenue %s:%s\n", s, f.revenue.fees[s])
	}
	fmt.Fprintf(&b, "supply:%s", f.bank.supply)
	return b.String()
}

func (f *fixture) checkBooks() {
	f.t.Helper()
	if err := f.k.CheckBooks(f.ctx); err != nil {
		f.t.Fatalf("books: %v", err)
	}
}

func (f *fixture) balance(a sdk.AccAddress, denom string) math.Int {
	return f.bank.bal[a.String()].AmountOf(denom)
}

func (f *fixture) pool(id uint64) types.Pool {
	f.t.Helper()
	p, err := f.k.GetPool(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// at moves the block time to t0 + d (and the height by one).
func (f *fixture) at(d time.Duration) {
	f.ctx = f.ctx.WithBlockTime(t0.Add(d)).WithBlockHeight(f.ctx.BlockHeight() + 1)
}

func (f *fixture) create(who sdk.AccAddress, a, b sdk.Coin) uint64 {
	f.t.Helper()
	r, err := f.msg.CreatePool(f.ctx, &types.MsgCreatePool{Creator: who.String(), TokenA: a, TokenB: b})
	if err != nil {
		f.t.Fatal(err)
	}
	f.checkBooks()
	return r.PoolId
}

func (f *fixture) swapIn(who sdk.AccAddress, in sdk.Coin, hops ...types.SwapHop) sdk.Coin {
	f.t.Helper()
	before := f.products(hops)
	r, err := f.msg.SwapExactIn(f.ctx, &types.MsgSwapExactIn{Sender: who.String(), Route: hops, TokenIn: in, MinOut: math.OneInt()})
	if err != nil {
		f.t.Fatal(err)
	}
	f.checkProducts(hops, before)
	f.checkBooks()
	return r.TokenOut
}

// products are x·y of the route's pools.
func (f *fixture) products(hops []types.SwapHop) []*big.Int {
	out := make([]*big.Int, len(hops))
	for i, h := range hops {
		p := f.pool(h.PoolId)
		out[i] = new(big.Int).Mul(p.ReserveA.BigInt(), p.ReserveB.BigInt())
	}
	return out
}

// checkProducts: no pool's x·y decreased across a swap.
func (f *fixture) checkProducts(hops []types.SwapHop, before []*big.Int) {
	f.t.Helper()
	for i, after := range f.products(hops) {
		if after.Cmp(before[i]) < 0 {
			f.t.Fatalf("pool %d: x·y fell from %s to %s", hops[i].PoolId, before[i], after)
		}
	}
}

func hop(id uint64, out string) types.SwapHop { return types.SwapHop{PoolId: id, DenomOut: out} }

func coin(denom string, amt int64) sdk.Coin { return sdk.NewInt64Coin(denom, amt) }

func setParams(f *fixture, mod func(*types.Params)) {
	f.t.Helper()
	p := types.DefaultParams()
	mod(&p)
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p}); err != nil {
		f.t.Fatal(err)
	}
}

// outGivenIn is the swap formula written out again with big integers (the test's own
// arithmetic): fee = ceil(in × bps / 10000), out = floor(rout × (in - fee) / (rin + in - fee)).
func outGivenIn(rin, rout, in int64, bps int64) int64 {
	fee := new(big.Int).Div(big.NewInt(in*bps+9999), big.NewInt(10000))
	after := new(big.Int).Sub(big.NewInt(in), fee)
	num := new(big.Int).Mul(big.NewInt(rout), after)
	return new(big.Int).Div(num, new(big.Int).Add(big.NewInt(rin), after)).Int64()
}
