package keeper_test

import (
	"context"
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	"github.com/dmexchain/dmex/x/riskfund/keeper"
	"github.com/dmexchain/dmex/x/riskfund/types"
)

const denom = "uusdt"

var (
	authority = sdk.AccAddress([]byte("authority___________")).String()
	modAddr   = authtypes.NewModuleAddress(types.ModuleName)
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
func (fakeAccounts) GetModuleAddress(string) sdk.AccAddress {
	return modAddr
}

type fakeBank struct{ bal map[string]sdk.Coins }

func (b *fakeBank) GetAllBalances(_ context.Context, a sdk.AccAddress) sdk.Coins {
	return b.bal[a.String()]
}
func (b *fakeBank) move(from, to sdk.AccAddress, amt sdk.Coins) error {
	have := b.bal[from.String()]
	if !have.IsAllGTE(amt) {
		return fmt.Errorf("insufficient funds: %s < %s", have, amt)
	}
	b.bal[from.String()] = have.Sub(amt...)
	b.bal[to.String()] = b.bal[to.String()].Add(amt...)
	return nil
}
func (b *fakeBank) SendCoinsFromAccountToModule(_ context.Context, from sdk.AccAddress, _ string, amt sdk.Coins) error {
	return b.move(from, modAddr, amt)
}
func (b *fakeBank) SendCoinsFromModuleToAccount(_ context.Context, _ string, to sdk.AccAddress, amt sdk.Coins) error {
	return b.move(modAddr, to, amt)
}

type fakeRisk struct {
	products map[uint64]*types.ProductRisk
	day      uint64
}

func (r *fakeRisk) ProductRisk(_ context.Context, id uint64) (types.ProductRisk, error) {
	p, ok := r.products[id]
	if !ok {
		return types.ProductRisk{ProductID: id}, types.ErrUnknownProduct
	}
	return *p, nil
}
func (r *fakeRisk) CurrentDay(context.Context) (uint64, error) { return r.day, nil }

type fakeNFTs struct{ nfts []hashnfttypes.NFT }

func (f *fakeNFTs) GetProduct(context.Context, uint64) (hashnfttypes.Product, error) {
	return hashnfttypes.Product{}, nil
}
func (f *fakeNFTs) GetNFT(_ context.Context, id uint64) (hashnfttypes.NFT, error) {
	for _, n := range f.nfts {
		if n.Id == id {
			return n, nil
		}
	}
	return hashnfttypes.NFT{}, fmt.Errorf("no NFT %d", id)
}
func (f *fakeNFTs) WalkProductNFTs(_ context.Context, pid, after uint64, fn func(hashnfttypes.NFT) (bool, error)) error {
	for _, n := range f.nfts {
		if n.ProductId == pid && n.Id > after {
			if stop, err := fn(n); stop || err != nil {
				return err
			}
		}
	}
	return nil
}
func (f *fakeNFTs) WalkOwnerNFTs(context.Context, sdk.AccAddress, func(hashnfttypes.NFT) (bool, error)) error {
	return nil
}

// PayeeOf and PayNFTHolder: no custodian here, every NFT's owner is paid (x/hashnft's custodian
// path is tested there and through the app).
func (f *fakeNFTs) PayeeOf(_ context.Context, n hashnfttypes.NFT) (string, error) {
	return n.Owner, nil
}
func (f *fakeNFTs) PayNFTHolder(ctx context.Context, _ uint64, payee string, coins sdk.Coins, send hashnfttypes.SendFunc) error {
	to, err := sdk.AccAddressFromBech32(payee)
	if err != nil {
		return err
	}
	return send(ctx, to, "", coins)
}

type fixture struct {
	ctx  sdk.Context
	k    keeper.Keeper
	msg  types.MsgServer
	bank *fakeBank
	risk *fakeRisk
	nfts *fakeNFTs
	hold []sdk.AccAddress
}

// setup: day 10 (both products' day closes done through it); product 1 (active, 3 NFTs, insured
// value 1,000,000 uusdt, 100 days), product 2 with 7 NFTs; the fund holds 10,000,000 uusdt;
// holders hold 10,000,000 uusdt each.
func setup(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t"))
	enc := moduletestutil.MakeTestEncodingConfig()
	f := &fixture{ctx: tctx.Ctx, bank: &fakeBank{bal: map[string]sdk.Coins{}}, nfts: &fakeNFTs{}}
	f.risk = &fakeRisk{day: 10, products: map[uint64]*types.ProductRisk{
		1: {ProductID: 1, Status: types.StatusActive, Denom: denom, InsuredValue: math.NewInt(1_000_000), TermDays: 100, NFTs: 3, ClosedThrough: 10},
		2: {ProductID: 2, Status: types.StatusActive, Denom: denom, InsuredValue: math.NewInt(1_000_000), TermDays: 100, NFTs: 7, ClosedThrough: 10},
	}}
	for i := 0; i < 10; i++ {
		a := sdk.AccAddress([]byte(fmt.Sprintf("holder%014d", i)))
		f.hold = append(f.hold, a)
		f.bank.bal[a.String()] = sdk.NewCoins(sdk.NewInt64Coin(denom, 10_000_000))
	}
	id := uint64(1)
	for s := uint64(1); s <= 3; s++ {
		f.nfts.nfts = append(f.nfts.nfts, hashnfttypes.NFT{Id: id, ProductId: 1, Serial: s, Owner: f.hold[s-1].String()})
		id++
	}
	for s := uint64(1); s <= 7; s++ {
		f.nfts.nfts = append(f.nfts.nfts, hashnfttypes.NFT{Id: id, ProductId: 2, Serial: s, Owner: f.hold[s+2].String()})
		id++
	}
	f.k = keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), fakeAuth{}, fakeAccounts{}, f.bank, f.risk, f.nfts)
	f.msg = keeper.NewMsgServerImpl(f.k)
	if err := f.k.InitGenesis(f.ctx, *types.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	f.fund(t, 10_000_000)
	return f
}

func (f *fixture) fund(t *testing.T, amt int64) {
	t.Helper()
	a := sdk.AccAddress([]byte("donor_______________"))
	f.bank.bal[a.String()] = f.bank.bal[a.String()].Add(sdk.NewInt64Coin(denom, amt))
	if _, err := f.msg.Deposit(f.ctx, &types.MsgDeposit{Sender: a.String(), Amount: sdk.NewCoins(sdk.NewInt64Coin(denom, amt))}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) books(t *testing.T) types.Books {
	t.Helper()
	b, err := f.k.Books.Get(f.ctx, denom)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (f *fixture) checkBooks(t *testing.T) {
	t.Helper()
	if err := f.k.CheckBooks(f.ctx); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) insure(nft uint64, holder sdk.AccAddress) error {
	_, err := f.msg.InsureNFT(f.ctx, &types.MsgInsureNFT{Holder: holder.String(), NftId: nft, MaxPremium: sdk.NewInt64Coin(denom, 1_000_000)})
	return err
}

func (f *fixture) rounds(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if err := f.k.ProcessRounds(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func bal(f *fixture, a sdk.AccAddress) int64 { return f.bank.bal[a.String()].AmountOf(denom).Int64() }

func TestInsurePremiumWithSurcharge(t *testing.T) {
	f := setup(t)
	f.risk.products[1].MinerMissedDays = 3 // 200 + 3×50 = 350 bps
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	if got := bal(f, f.hold[0]); got != 10_000_000-35_000 {
		t.Fatalf("holder balance %d", got)
	}
	b := f.books(t)
	if !b.Balance.Equal(math.NewInt(10_035_000)) || !b.Committed.Equal(math.NewInt(1_000_000)) {
		t.Fatalf("books %v", b)
	}
	p, _ := f.k.Policies.Get(f.ctx, 1)
	if p.CoverStartDay != 17 {
		t.Fatalf("cover start %d", p.CoverStartDay)
	}
	f.checkBooks(t)
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		prep func(f *fixture)
		run  func(f *fixture) error
		want error
	}{
		{"not holder", nil, func(f *fixture) error { return f.insure(1, f.hold[1]) }, types.ErrNotHolder},
		{"twice", func(f *fixture) { _ = f.insure(1, f.hold[0]) }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrAlreadyInsured},
		{"suspended", func(f *fixture) { f.risk.products[1].Status = types.StatusSuspended }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrProductSuspended},
		{"terminated", func(f *fixture) { f.risk.products[1].Status = types.StatusTerminated }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrProductTerminated},
		{"expired", func(f *fixture) { f.risk.products[1].Status = types.StatusExpired }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrProductExpired},
		{"missed-day streak", func(f *fixture) { f.risk.products[1].MissedInRow = 1 }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrMissedDayStreak},
		{"beyond capacity", func(f *fixture) { f.risk.products[1].InsuredValue = math.NewInt(6_000_000) }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrBeyondCapacity},
		{"wrong denom", nil, func(f *fixture) error {
			_, err := f.msg.InsureNFT(f.ctx, &types.MsgInsureNFT{Holder: f.hold[0].String(), NftId: 1, MaxPremium: sdk.NewInt64Coin("udmc", 1_000_000)})
			return err
		}, types.ErrWrongDenom},
		{"product sold in two denoms", func(f *fixture) { f.risk.products[1].SaleDenoms = 2 }, func(f *fixture) error { return f.insure(1, f.hold[0]) }, types.ErrWrongDenom},
		{"premium above max", nil, func(f *fixture) error {
			_, err := f.msg.InsureNFT(f.ctx, &types.MsgInsureNFT{Holder: f.hold[0].String(), NftId: 1, MaxPremium: sdk.NewInt64Coin(denom, 19_999)})
			return err
		}, types.ErrPremiumTooHigh},
		{"compensate active", nil, func(f *fixture) error {
			_, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: 1, Amount: sdk.NewInt64Coin(denom, 10)})
			return err
		}, types.ErrNotTerminated},
		{"compensate above balance", func(f *fixture) { f.risk.products[1].Status = types.StatusTerminated }, func(f *fixture) error {
			_, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: 1, Amount: sdk.NewInt64Coin(denom, 10_000_001)})
			return err
		}, types.ErrAboveFreeBalance},
		{"compensate by non-authority", func(f *fixture) { f.risk.products[1].Status = types.StatusTerminated }, func(f *fixture) error {
			_, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: f.hold[0].String(), ProductId: 1, Amount: sdk.NewInt64Coin(denom, 10)})
			return err
		}, nil},
		{"premium above 100%", nil, func(f *fixture) error {
			p := types.DefaultParams()
			p.PremiumBps = 10_001
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p})
			return err
		}, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			if tc.prep != nil {
				tc.prep(f)
			}
			before, _ := f.k.ExportGenesis(f.ctx)
			balsBefore := fmt.Sprint(f.bank.bal)
			cache, _ := f.ctx.CacheContext()
			_ = cache
			err := tc.run(f)
			if err == nil {
				t.Fatal("accepted")
			}
			if tc.want != nil && !errorsIs(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			after, _ := f.k.ExportGenesis(f.ctx)
			if before.String() != after.String() || balsBefore != fmt.Sprint(f.bank.bal) {
				t.Fatal("state changed on a refused message")
			}
			f.checkBooks(t)
		})
	}
}

func errorsIs(err, target error) bool {
	type iser interface{ Is(error) bool }
	return target.(iser).Is(err)
}

// Cover and waiting period (README): NFT 1 bought at day 10 (cover start 17), days 11..17 paid,
// 18..23 missed, 24 paid, 25..28 missed: 10 unpaid days after cover start, 1,000,000 × 10 / 100 =
// 100,000. NFT 2 bought at day 24 (cover start 31) is still in its waiting period at the
// termination after day 28: nothing.
func TestCoverAndWaitingPeriod(t *testing.T) {
	f := setup(t)
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	for d := 11; d <= 17; d++ {
		f.closeDay(t)
	}
	for d := 18; d <= 23; d++ {
		f.closeDay(t, 1)
	}
	f.closeDay(t) // 24
	if err := f.insure(2, f.hold[1]); err != nil {
		t.Fatal(err)
	}
	for d := 25; d <= 28; d++ {
		f.closeDay(t, 1)
	}
	if p := f.policy(t, 1); !p.CoverStarted || p.UnpaidDaysAtStart != 0 {
		t.Fatalf("policy of NFT 1 %v", p)
	}
	if p := f.policy(t, 2); p.CoverStarted || p.CoverStartDay != 31 || p.UnpaidDaysAtStart != 6+7 {
		t.Fatalf("policy of NFT 2 %v", p)
	}
	h1 := bal(f, f.hold[1])
	if got := f.terminate(t); got != 100_000 {
		t.Fatalf("cover paid %d", got)
	}
	if got := bal(f, f.hold[1]) - h1; got != 0 {
		t.Fatalf("cover paid in the waiting period %d", got)
	}
	if has, _ := f.k.StartQueue.Has(f.ctx, collections.Join(uint64(31), uint64(2))); has {
		t.Fatal("claimed policy still in the start queue")
	}
	b := f.books(t)
	if !b.Committed.IsZero() || !b.Owed.IsZero() {
		t.Fatalf("books %v", b)
	}
	f.checkBooks(t)
}

// Pro rata: the fund holds less than the claims; each claim gets its share, the rest is owed and
// paid first when the denom arrives, before a compensation.
func TestProRataOwedPaidFirst(t *testing.T) {
	f := setup(t)
	p := types.DefaultParams()
	p.CapacityBps = 10_000
	p.WaitingDays = 0
	if _, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p}); err != nil {
		t.Fatal(err)
	}
	f.risk.products[2].InsuredValue = math.NewInt(1_400_000)
	for i := uint64(4); i <= 10; i++ { // all 7 NFTs of product 2: 9.8M committed, 196,000 premiums
		if err := f.insure(i, f.hold[i-1]); err != nil {
			t.Fatal(err)
		}
	}
	f.rounds(t, 1) // the snapshots at cover start (day 10, no waiting period): counter 0
	// Drain the fund to 3,500,000 by an (unrealistic) direct move, to simulate a shortfall.
	drain := sdk.AccAddress([]byte("drain_______________"))
	b := f.books(t)
	take := b.Balance.SubRaw(3_500_000)
	_ = f.bank.move(modAddr, drain, sdk.NewCoins(sdk.NewCoin(denom, take)))
	b.Balance = math.NewInt(3_500_000)
	_ = f.k.Books.Set(f.ctx, denom, b)
	f.risk.products[2].UnpaidDays = 100 // full cover: 7 × 1,400,000 = 9,800,000
	f.risk.products[2].Status = types.StatusTerminated
	_ = f.k.BeforeProductTerminated(f.ctx, 2)
	before := bal(f, f.hold[3])
	f.rounds(t, 3)
	// each claim: 1,400,000 × 3,500,000 / 9,800,000 = 500,000
	if got := bal(f, f.hold[3]) - before; got != 500_000 {
		t.Fatalf("pro-rata part %d", got)
	}
	b = f.books(t)
	if !b.Owed.Equal(math.NewInt(6_300_000)) || !b.Balance.IsZero() {
		t.Fatalf("books after pro rata %v", b)
	}
	f.checkBooks(t)
	// A compensation cannot take what is owed.
	if _, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: 2, Amount: sdk.NewInt64Coin(denom, 1)}); !types.ErrAboveFreeBalance.Is(err) {
		t.Fatalf("compensation from owed cover: %v", err)
	}
	f.fund(t, 7_000_000)
	f.rounds(t, 1)
	if got := bal(f, f.hold[3]) - before; got != 1_400_000 {
		t.Fatalf("owed cover not paid first: %d", got)
	}
	b = f.books(t)
	if !b.Owed.IsZero() || !b.Balance.Equal(math.NewInt(700_000)) {
		t.Fatalf("books after owed %v", b)
	}
	f.checkBooks(t)
	gs, _ := f.k.ExportGenesis(f.ctx)
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
}

// Compensation parts add up exactly: 1,000,003 over 7 NFTs -> 142,858 ×3 + 142,857 ×4.
func TestCompensationPartsSumExactly(t *testing.T) {
	f := setup(t)
	p := types.DefaultParams()
	p.RoundsPerBlock = 2
	_, _ = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p})
	f.risk.products[2].Status = types.StatusTerminated
	before := map[int]int64{}
	for i := 3; i < 10; i++ {
		before[i] = bal(f, f.hold[i])
	}
	if _, err := f.msg.Compensate(f.ctx, &types.MsgCompensate{Authority: authority, ProductId: 2, Amount: sdk.NewInt64Coin(denom, 1_000_003)}); err != nil {
		t.Fatal(err)
	}
	f.rounds(t, 1)
	if bal(f, f.hold[5]) != before[5] { // bounded: 2 per block
		t.Fatal("more than rounds_per_block paid in a block")
	}
	f.rounds(t, 4)
	sum := int64(0)
	for i := 3; i < 10; i++ {
		got := bal(f, f.hold[i]) - before[i]
		want := int64(142_857)
		if i-2 <= 4 { // serials 1..4 take the remainder (1,000,003 mod 7 = 4)
			want++
		}
		if got != want {
			t.Fatalf("serial %d got %d want %d", i-2, got, want)
		}
		sum += got
	}
	if sum != 1_000_003 {
		t.Fatalf("parts sum %d", sum)
	}
	b := f.books(t)
	if !b.Reserved.IsZero() || !b.Balance.Equal(math.NewInt(10_000_000-1_000_003)) {
		t.Fatalf("books %v", b)
	}
	f.checkBooks(t)
}

// Expiry releases committed cover.
func TestExpiryReleasesCover(t *testing.T) {
	f := setup(t)
	if err := f.insure(1, f.hold[0]); err != nil {
		t.Fatal(err)
	}
	f.risk.products[1].Status = types.StatusExpired
	f.rounds(t, 1)
	if b := f.books(t); !b.Committed.IsZero() {
		t.Fatalf("committed after expiry %s", b.Committed)
	}
	if has, _ := f.k.Policies.Has(f.ctx, 1); has {
		t.Fatal("expired policy kept")
	}
	f.checkBooks(t)
}
