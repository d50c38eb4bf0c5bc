package keeper_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/dmexchain/dmex/internal/modaccounts"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/lending/keeper"
	"github.com/dmexchain/dmex/x/lending/types"
)

const (
	usdt = "uusdt"
	ifil = "aifil"
)

var (
	authority  = sdk.AccAddress([]byte("authority___________")).String()
	modAddr    = authtypes.NewModuleAddress(types.ModuleName)
	revenueAcc = authtypes.NewModuleAddress(modaccounts.Revenue)
	t0         = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day        = 24 * time.Hour
)

type fakeAuth struct{}

func (fakeAuth) CheckAuthority(_ context.Context, s string) error {
	if s != authority {
		return fmt.Errorf("%s is not the authority", s)
	}
	return nil
}

type fakeAccounts struct{}

// AddressCodec follows the SDK's global prefix (the app tests of this package set it to dmex).
func (fakeAccounts) AddressCodec() address.Codec {
	return addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
}
func (fakeAccounts) GetModuleAddress(string) sdk.AccAddress { return modAddr }

type fakeBank struct{ bal map[string]sdk.Coins }

func (b *fakeBank) GetAllBalances(_ context.Context, a sdk.AccAddress) sdk.Coins {
	return b.bal[a.String()]
}
func (b *fakeBank) SendCoins(_ context.Context, from, to sdk.AccAddress, amt sdk.Coins) error {
	have := b.bal[from.String()]
	if !have.IsAllGTE(amt) {
		return fmt.Errorf("insufficient funds: %s < %s", have, amt)
	}
	b.bal[from.String()] = have.Sub(amt...)
	b.bal[to.String()] = b.bal[to.String()].Add(amt...)
	return nil
}
func (b *fakeBank) SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, _ string, amt sdk.Coins) error {
	return b.SendCoins(ctx, from, modAddr, amt)
}
func (b *fakeBank) SendCoinsFromModuleToAccount(ctx context.Context, _ string, to sdk.AccAddress, amt sdk.Coins) error {
	return b.SendCoins(ctx, modAddr, to, amt)
}

// fakeRevenue is x/dmc's ledger: it moves the fee to the revenue account and records it.
type fakeRevenue struct {
	bank *fakeBank
	fees map[string]sdk.Coins
}

func (r *fakeRevenue) PayRevenueFromAccount(ctx context.Context, source string, payer sdk.AccAddress, fee sdk.Coin) error {
	if !fee.IsPositive() || !modaccounts.IsRevenueSource(source) {
		return fmt.Errorf("refused fee %s from %s", fee, source)
	}
	if err := r.bank.SendCoins(ctx, payer, revenueAcc, sdk.NewCoins(fee)); err != nil {
		return err
	}
	r.fees[source] = r.fees[source].Add(fee)
	return nil
}
func (r *fakeRevenue) PayRevenueFromModule(context.Context, string, string, sdk.Coin) error {
	return errors.New("not used")
}

// fakeNFTs is x/hashnft's registry as lending sees it, kept in the test store (so the queue's
// cache contexts discard its writes as they would the real registry's): owner, lock, listing,
// and the one transfer path, with the registry's errors and checks.
type fakeNFTs struct {
	nfts      collections.Map[uint64, hashnfttypes.NFT]
	listed    map[uint64]bool
	products  map[uint64]hashnfttypes.Product
	failMoves bool
	// transfersFail makes the transfer of these NFTs fail (a hook that errors).
	transfersFail map[uint64]bool
	transfers     []string
	terminated    map[uint64]bool
	// earned is what x/escrow reports an NFT has earned (NFTEarnings.earned); no entry: no record.
	earned map[uint64]sdk.Coin
}

func (f *fakeNFTs) GetNFT(ctx context.Context, id uint64) (hashnfttypes.NFT, error) {
	n, err := f.nfts.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return n, errorsmod.Wrapf(hashnfttypes.ErrUnknownNFT, "NFT %d does not exist", id)
	}
	return n, err
}
func (f *fakeNFTs) GetProduct(_ context.Context, id uint64) (hashnfttypes.Product, error) {
	p, ok := f.products[id]
	if !ok {
		return p, fmt.Errorf("product %d does not exist", id)
	}
	return p, nil
}
func (f *fakeNFTs) movable(ctx context.Context, id uint64, owner string) (hashnfttypes.NFT, error) {
	n, err := f.GetNFT(ctx, id)
	if err != nil {
		return n, err
	}
	if n.Owner != owner {
		return n, errorsmod.Wrapf(hashnfttypes.ErrNotOwner, "NFT %d belongs to %s, not %s", id, n.Owner, owner)
	}
	if n.LockedBy != "" {
		return n, errorsmod.Wrapf(hashnfttypes.ErrNFTLocked, "NFT %d is held by %s", id, n.LockedBy)
	}
	if f.listed[id] {
		return n, errorsmod.Wrapf(hashnfttypes.ErrNFTListed, "NFT %d is listed", id)
	}
	return n, nil
}
func (f *fakeNFTs) LockNFT(ctx context.Context, id uint64, owner sdk.AccAddress, by string) error {
	n, err := f.movable(ctx, id, owner.String())
	if err != nil {
		return err
	}
	n.LockedBy = by
	return f.nfts.Set(ctx, id, n)
}
func (f *fakeNFTs) UnlockNFT(ctx context.Context, id uint64, by string) error {
	n, err := f.GetNFT(ctx, id)
	if err != nil {
		return err
	}
	if n.LockedBy != by {
		return errorsmod.Wrapf(hashnfttypes.ErrNFTLocked, "NFT %d is locked by %q, not %q", id, n.LockedBy, by)
	}
	n.LockedBy = ""
	return f.nfts.Set(ctx, id, n)
}
func (f *fakeNFTs) Transfer(ctx context.Context, id uint64, from, to sdk.AccAddress) error {
	if f.failMoves || f.transfersFail[id] {
		return errors.New("transfer hook failed")
	}
	n, err := f.movable(ctx, id, from.String())
	if err != nil {
		return err
	}
	n.Owner = to.String()
	f.transfers = append(f.transfers, fmt.Sprintf("%d:%s>%s", id, from, to))
	return f.nfts.Set(ctx, id, n)
}
func (f *fakeNFTs) ProductTerminated(_ context.Context, id uint64) (bool, error) {
	return f.terminated[id], nil
}
func (f *fakeNFTs) NFTEarnings(_ context.Context, n hashnfttypes.NFT) (hashnfttypes.NFTEarnings, bool, error) {
	e, ok := f.earned[n.Id]
	if !ok {
		return hashnfttypes.NFTEarnings{}, false, nil
	}
	return hashnfttypes.NFTEarnings{Earned: e}, true, nil
}

type fixture struct {
	t       *testing.T
	ctx     sdk.Context
	k       keeper.Keeper
	msg     types.MsgServer
	q       types.QueryServer
	bank    *fakeBank
	revenue *fakeRevenue
	nfts    *fakeNFTs
	// lender, alice, bob, carol
	lender, alice, bob, carol sdk.AccAddress
	store                     storetypes.StoreKey
}

// setup: product 1 (active, FIL miner f01234, power 10 per NFT, NFTs 1-4, term to t0+360 days): NFT 1 and 2 alice's, 3 bob's, 4
// carol's; product 2 (ended; NFT 5 alice's); product 3 (terminated in escrow; NFT 6 alice's);
// product 4 (active, term ends at t0+20 days; NFT 7 alice's); NFTs 8 and 10 (alice's) and 9
// (carol's) of product 1. Everyone holds 1,000,000 uusdt and
// 1,000,000 aifil. The block time is t0; default params (10% fee, 7 days grace).
func setup(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t"))
	enc := moduletestutil.MakeTestEncodingConfig()
	svc := runtime.NewKVStoreService(key)
	sb := collections.NewSchemaBuilder(svc)
	f := &fixture{t: t, ctx: tctx.Ctx.WithBlockTime(t0), bank: &fakeBank{bal: map[string]sdk.Coins{}}, store: key}
	f.nfts = &fakeNFTs{
		nfts:   collections.NewMap(sb, collections.NewPrefix(250), "fake_nfts", collections.Uint64Key, codec.CollValue[hashnfttypes.NFT](enc.Codec)),
		listed: map[uint64]bool{}, terminated: map[uint64]bool{3: true}, earned: map[uint64]sdk.Coin{},
		products: map[uint64]hashnfttypes.Product{
			1: {Id: 1, Status: hashnfttypes.PRODUCT_STATUS_ACTIVE, TermEnd: t0.Add(360 * day), Chain: "FIL", NodeId: "f01234"},
			2: {Id: 2, Status: hashnfttypes.PRODUCT_STATUS_ENDED, TermEnd: t0.Add(-day)},
			3: {Id: 3, Status: hashnfttypes.PRODUCT_STATUS_ACTIVE, TermEnd: t0.Add(360 * day)},
			4: {Id: 4, Status: hashnfttypes.PRODUCT_STATUS_ACTIVE, TermEnd: t0.Add(20 * day), Chain: "FIL", NodeId: "f09999"},
		},
	}
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	f.revenue = &fakeRevenue{bank: f.bank, fees: map[string]sdk.Coins{}}
	f.lender = sdk.AccAddress([]byte("lender______________"))
	f.alice = sdk.AccAddress([]byte("alice_______________"))
	f.bob = sdk.AccAddress([]byte("bob_________________"))
	f.carol = sdk.AccAddress([]byte("carol_______________"))
	for _, a := range []sdk.AccAddress{f.lender, f.alice, f.bob, f.carol} {
		f.bank.bal[a.String()] = sdk.NewCoins(sdk.NewInt64Coin(usdt, 1_000_000), sdk.NewInt64Coin(ifil, 1_000_000))
	}
	owners := []sdk.AccAddress{f.alice, f.alice, f.bob, f.carol, f.alice, f.alice, f.alice, f.alice, f.carol, f.alice}
	productOf := []uint64{1, 1, 1, 1, 2, 3, 4, 1, 1, 1}
	for i, o := range owners {
		p := f.nfts.products[productOf[i]]
		n := hashnfttypes.NFT{Id: uint64(i + 1), ProductId: p.Id, Serial: uint64(i + 1), Power: math.NewInt(10), TermEnd: p.TermEnd, MinerNodeId: p.NodeId, Owner: o.String()}
		if err := f.nfts.nfts.Set(f.ctx, n.Id, n); err != nil {
			t.Fatal(err)
		}
	}
	f.k = keeper.NewKeeper(enc.Codec, svc, fakeAuth{}, fakeAccounts{}, f.bank, f.nfts, f.nfts, f.revenue)
	if err := f.k.InitGenesis(f.ctx, *types.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	f.msg = keeper.NewMsgServerImpl(f.k)
	f.q = keeper.NewQueryServerImpl(f.k)
	return f
}

// snapshot is every byte of the module's store (the fake registry's NFTs included), every
// balance and the revenue ledger: what a refused message must leave as it was.
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
	fmt.Fprintf(&b, "revenue:%v transfers:%v", f.revenue.fees, f.nfts.transfers)
	return b.String()
}

func (f *fixture) checkBooks() {
	f.t.Helper()
	if err := f.k.CheckBooks(f.ctx); err != nil {
		f.t.Fatalf("books: %v", err)
	}
}

func (f *fixture) balance(a sdk.AccAddress, denom string) int64 {
	return f.bank.bal[a.String()].AmountOf(denom).Int64()
}

func (f *fixture) nft(id uint64) hashnfttypes.NFT {
	f.t.Helper()
	n, err := f.nfts.GetNFT(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) loan(id uint64) *types.QueryLoanResponse {
	f.t.Helper()
	r, err := f.q.Loan(f.ctx, &types.QueryLoanRequest{LoanId: id})
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// advance moves the block time and runs the module's block work.
func (f *fixture) advance(d time.Duration) {
	f.t.Helper()
	f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(d))
	if err := f.k.BeginBlocker(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	f.checkBooks()
}

func productOffer(lender sdk.AccAddress, product uint64, maxLoans uint32) *types.MsgCreateOffer {
	return &types.MsgCreateOffer{
		Lender: lender.String(), Principal: sdk.NewInt64Coin(usdt, 1000), Interest: math.NewInt(100), Term: 30 * day,
		Collateral: types.CollateralTerms{Kind: types.CollateralKind_COLLATERAL_KIND_PRODUCT, ProductId: product, Amount: math.ZeroInt()},
		MaxLoans:   maxLoans, Expiry: t0.Add(10 * day),
	}
}

func (f *fixture) createOffer(m *types.MsgCreateOffer) uint64 {
	f.t.Helper()
	r, err := f.msg.CreateOffer(f.ctx, m)
	if err != nil {
		f.t.Fatal(err)
	}
	f.checkBooks()
	return r.OfferId
}

func (f *fixture) take(borrower sdk.AccAddress, offer, nft uint64) uint64 {
	f.t.Helper()
	r, err := f.msg.TakeOffer(f.ctx, &types.MsgTakeOffer{Borrower: borrower.String(), OfferId: offer, NftId: nft})
	if err != nil {
		f.t.Fatal(err)
	}
	f.checkBooks()
	return r.LoanId
}

func (f *fixture) repay(payer sdk.AccAddress, loan uint64, amt int64) *types.MsgRepayResponse {
	f.t.Helper()
	r, err := f.msg.Repay(f.ctx, &types.MsgRepay{Payer: payer.String(), LoanId: loan, Amount: sdk.NewInt64Coin(usdt, amt)})
	if err != nil {
		f.t.Fatal(err)
	}
	f.checkBooks()
	return r
}

func dayN(n int) time.Duration { return time.Duration(n) * day }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
