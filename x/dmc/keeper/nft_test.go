package keeper_test

import (
	"errors"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	daomod "github.com/dmexchain/dmex/x/dao/types"
	dmckeeper "github.com/dmexchain/dmex/x/dmc/keeper"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// nftFixture is the mining fixture with products and NFTs written into x/hashnft's registry.
type nftFixture struct {
	*fixture
	nextNFT uint64
}

func newNFTFixture(t *testing.T) *nftFixture {
	f := &nftFixture{fixture: newFixture(t), nextNFT: 1000}
	f.ctx = f.ctx.WithBlockTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	return f
}

func (f *nftFixture) product(id uint64, chain, node string, days int) hashnfttypes.Product {
	f.t.Helper()
	start := f.ctx.BlockTime()
	p := hashnfttypes.Product{
		Id: id, Chain: chain, NodeId: node, PowerUnit: "TiB", PowerPerNft: math.NewInt(1),
		TermStart: start, TermEnd: start.Add(time.Duration(days) * 24 * time.Hour),
		Status: hashnfttypes.PRODUCT_STATUS_ACTIVE, Price: sdk.NewInt64Coin("uusdt", 1),
	}
	if err := f.e.App.HashnftKeeper.Products.Set(f.ctx, id, p); err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *nftFixture) nft(p hashnfttypes.Product, owner *testutil.Account, power int64) uint64 {
	f.t.Helper()
	f.nextNFT++
	n := hashnfttypes.NFT{
		Id: f.nextNFT, ProductId: p.Id, Serial: f.nextNFT, Power: math.NewInt(power),
		TermStart: p.TermStart, TermEnd: p.TermEnd, MinerNodeId: p.NodeId, Owner: owner.Addr.String(),
	}
	if err := f.e.App.HashnftKeeper.NFTs.Set(f.ctx, n.Id, n); err != nil {
		f.t.Fatal(err)
	}
	return n.Id
}

func (f *nftFixture) nftFarm(scope dmctypes.NFTScope, weight uint64) uint64 {
	f.t.Helper()
	res, err := f.msg.CreateNFTFarm(f.ctx, &dmctypes.MsgCreateNFTFarm{Authority: f.auth, Program: dmctypes.PROGRAM_STAKED, Scope: scope, Weight: weight})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.FarmId
}

func (f *nftFixture) stakeNFT(a *testutil.Account, farm, nft uint64) {
	f.t.Helper()
	if _, err := f.msg.StakeNFT(f.ctx, &dmctypes.MsgStakeNFT{Staker: a.Addr.String(), FarmId: farm, NftId: nft}); err != nil {
		f.t.Fatal(err)
	}
	f.checkNFT()
}

func (f *nftFixture) checkNFT() {
	f.t.Helper()
	f.check()
	if err := f.k.CheckNFTBooks(f.ctx); err != nil {
		f.t.Fatalf("NFT books at height %d: %v", f.ctx.BlockHeight(), err)
	}
}

// block runs x/dmc's BeginBlocker (term ends, then mining) at the next height, a minute later.
func (f *nftFixture) block(d time.Duration) {
	f.t.Helper()
	f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1).WithBlockTime(f.ctx.BlockTime().Add(d))
	if err := f.k.BeginBlocker(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	f.checkNFT()
}

func (f *nftFixture) power(farm uint64) math.Int {
	f.t.Helper()
	res, err := f.query.FarmPower(f.ctx, &dmctypes.QueryFarmPowerRequest{FarmId: farm})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.StakedPower
}

func (f *nftFixture) nftPending(a *testutil.Account) math.Int {
	f.t.Helper()
	res, err := f.query.NFTStakes(f.ctx, &dmctypes.QueryNFTStakesRequest{Staker: a.Addr.String()})
	if err != nil {
		f.t.Fatal(err)
	}
	return res.TotalPending
}

// A farm's part is spread over staked power: a 3 TiB NFT earns three times a 1 TiB one; the NFT
// stays its holder's, locked by "dmc"; unstaking unlocks it and pays exactly what it earned.
func TestNFTFarmSharesByPower(t *testing.T) {
	f := newNFTFixture(t)
	fil := f.product(1, "FIL", "f01", 30)
	farm := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, 1)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	small, big := f.nft(fil, a, 1), f.nft(fil, b, 3)
	f.stakeNFT(a, farm, small)
	f.stakeNFT(b, farm, big)
	if got := f.power(farm); got.Int64() != 4 {
		t.Fatalf("staked power %s, want 4", got)
	}
	n, err := f.e.App.HashnftKeeper.GetNFT(f.ctx, big)
	if err != nil || n.LockedBy != "dmc" || n.Owner != b.Addr.String() {
		t.Fatalf("staked NFT %+v (%v), want owned by bob and locked by dmc", n, err)
	}
	f.block(time.Minute)
	// The only staked-program farm gets 5 DMC × 10% = 500,000 udmc: 1/4 and 3/4.
	if pa, pb := f.nftPending(a), f.nftPending(b); pa.Int64() != 125_000 || pb.Int64() != 375_000 {
		t.Fatalf("pending %s and %s, want 125000 and 375000", pa, pb)
	}
	fc, err := f.query.Forecast(f.ctx, &dmctypes.QueryForecastRequest{FarmId: farm, Amount: "4"})
	if err != nil || fc.PerBlock.Int64() != 250_000 {
		t.Fatalf("forecast of 4 TiB %v (%v), want 250000 per block", fc, err)
	}
	before := f.udmc(b)
	res, err := f.msg.UnstakeNFT(f.ctx, &dmctypes.MsgUnstakeNFT{Staker: b.Addr.String(), NftId: big})
	if err != nil {
		t.Fatal(err)
	}
	if res.Claimed.Int64() != 375_000 || !f.udmc(b).Sub(before).Equal(res.Claimed) {
		t.Fatalf("unstake paid %s (balance +%s), want 375000", res.Claimed, f.udmc(b).Sub(before))
	}
	f.checkNFT()
	if n, _ := f.e.App.HashnftKeeper.GetNFT(f.ctx, big); n.LockedBy != "" {
		t.Fatalf("unstaked NFT still locked by %q", n.LockedBy)
	}
	if got := f.power(farm); got.Int64() != 1 {
		t.Fatalf("staked power after unstaking %s, want 1", got)
	}
	// Claim works for NFT farms too.
	f.block(time.Minute)
	cl, err := f.msg.Claim(f.ctx, &dmctypes.MsgClaim{Staker: a.Addr.String(), FarmId: farm})
	if err != nil || cl.Claimed.Int64() != 125_000+500_000 {
		t.Fatalf("claim %v (%v), want 625000", cl, err)
	}
	f.checkNFT()
}

// At its term end a product's power leaves every farm holding it, by the queue, before that
// block's mining; its positions keep what they earned and earn no more; termination does the
// same at once.
func TestNFTFarmRetiresTermEndAndTermination(t *testing.T) {
	f := newNFTFixture(t)
	short := f.product(1, "FIL", "f01", 1)
	long := f.product(2, "FIL", "f02", 30)
	chain := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, 1)
	node := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_MINER, MinerNodeId: "f01"}, 1)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	f.stakeNFT(a, chain, f.nft(short, a, 2))
	f.stakeNFT(a, node, f.nft(short, a, 2))
	f.stakeNFT(b, chain, f.nft(long, b, 2))
	f.block(time.Minute)
	earned := f.nftPending(a)
	if !earned.IsPositive() {
		t.Fatal("nothing earned before the term end")
	}
	f.block(24 * time.Hour) // past product 1's term end
	if p := f.power(chain); p.Int64() != 2 {
		t.Fatalf("chain farm power %s after the term end, want 2 (bob's only)", p)
	}
	if p := f.power(node); !p.IsZero() {
		t.Fatalf("node farm power %s after the term end, want 0", p)
	}
	if got := f.nftPending(a); !got.Equal(earned) {
		t.Fatalf("alice's pending %s after the term end, want it frozen at %s", got, earned)
	}
	f.block(time.Minute)
	if got := f.nftPending(a); !got.Equal(earned) {
		t.Fatalf("alice's pending grew to %s after her product retired", got)
	}
	// Termination: bob's product leaves at once.
	if err := f.k.TerminationHooks().BeforeProductTerminated(f.ctx, long.Id); err != nil {
		t.Fatal(err)
	}
	f.checkNFT()
	if p := f.power(chain); !p.IsZero() {
		t.Fatalf("chain farm power %s after the termination, want 0", p)
	}
	// A retired stake can only be unstaked; it pays what it earned.
	res, err := f.msg.UnstakeNFT(f.ctx, &dmctypes.MsgUnstakeNFT{Staker: a.Addr.String(), NftId: 1001})
	if err != nil || !res.Claimed.IsPositive() {
		t.Fatalf("unstake of a retired NFT: %v (%v)", res, err)
	}
	f.checkNFT()
	// Export and import keep the books.
	gs, err := f.k.ExportGenesis(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(f.e.App.AccountKeeper.AddressCodec()); err != nil {
		t.Fatalf("exported genesis invalid: %v", err)
	}
	if len(gs.NftStakes) != 2 || len(gs.NftProductStakes) != 2 || len(gs.NftTermEnds) == 0 {
		t.Fatalf("exported %d stakes, %d sub-totals, %d queued, want 2, 2 and some", len(gs.NftStakes), len(gs.NftProductStakes), len(gs.NftTermEnds))
	}
}

// Each bad NFT staking message is a registered error and changes nothing.
func TestNFTStakingBadInputChangesNothing(t *testing.T) {
	f := newNFTFixture(t)
	fil := f.product(1, "FIL", "f01", 30)
	ended := f.product(2, "FIL", "f01", 30)
	ended.Status = hashnfttypes.PRODUCT_STATUS_ENDED
	if err := f.e.App.HashnftKeeper.Products.Set(f.ctx, ended.Id, ended); err != nil {
		t.Fatal(err)
	}
	expired := f.product(3, "FIL", "f01", 30)
	expired.TermEnd = f.ctx.BlockTime()
	if err := f.e.App.HashnftKeeper.Products.Set(f.ctx, expired.Id, expired); err != nil {
		t.Fatal(err)
	}
	other := f.product(4, "ETH", "e01", 30)
	farm := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, 1)
	prodFarm := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_PRODUCT, ProductId: 1}, 1)
	usdt := f.farm(dmctypes.PROGRAM_STAKED, "uusdt", 1)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	mine, staked := f.nft(fil, a, 1), f.nft(fil, a, 1)
	f.stakeNFT(a, farm, staked)
	bobs := f.nft(fil, b, 1)
	collateral := f.nft(fil, a, 1)
	if err := f.e.App.HashnftKeeper.LockNFT(f.ctx, collateral, a.Addr, "lending"); err != nil {
		t.Fatal(err)
	}
	listed := f.nft(fil, a, 1)
	if err := f.e.App.HashnftKeeper.Listings.Set(f.ctx, listed, hashnfttypes.Listing{NftId: listed, ProductId: 1, Seller: a.Addr.String(), Price: sdk.NewInt64Coin("uusdt", 5), ListedAt: f.ctx.BlockTime()}); err != nil {
		t.Fatal(err)
	}
	endedNFT, expiredNFT, ethNFT := f.nft(ended, a, 1), f.nft(expired, a, 1), f.nft(other, a, 1)
	fil2 := f.product(5, "FIL", "f05", 30)
	otherProduct := f.nft(fil2, a, 1)
	staker := a.Addr.String()

	testutil.BadInputs(t, f.e.App, f.ctx, []testutil.BadInput{
		{Name: "NFT not held", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: bobs}, Err: dmctypes.ErrNFTNotHeld},
		{Name: "unknown NFT", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: 99_999}, Err: hashnfttypes.ErrUnknownNFT},
		{Name: "listed NFT", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: listed}, Err: hashnfttypes.ErrNFTListed},
		{Name: "collateral NFT", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: collateral}, Err: hashnfttypes.ErrNFTLocked},
		{Name: "terminated product", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: endedNFT}, Err: dmctypes.ErrNFTExpired},
		{Name: "term ended", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: expiredNFT}, Err: dmctypes.ErrNFTExpired},
		{Name: "chain mismatch", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: farm, NftId: ethNFT}, Err: dmctypes.ErrScopeMismatch},
		{Name: "product mismatch", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: prodFarm, NftId: otherProduct}, Err: dmctypes.ErrScopeMismatch},
		{Name: "staked twice", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: prodFarm, NftId: staked}, Err: dmctypes.ErrNFTAlreadyStaked},
		{Name: "not an NFT farm", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: usdt, NftId: mine}, Err: dmctypes.ErrNotNFTFarm},
		{Name: "unknown farm", Msg: &dmctypes.MsgStakeNFT{Staker: staker, FarmId: 99, NftId: mine}, Err: dmctypes.ErrUnknownFarm},
		{Name: "coins into an NFT farm", Msg: &dmctypes.MsgStake{Staker: staker, FarmId: farm, Amount: sdk.NewInt64Coin("uusdt", 1)}, Err: dmctypes.ErrWrongDenom},
		{Name: "unstake someone else's NFT", Msg: &dmctypes.MsgUnstakeNFT{Staker: b.Addr.String(), NftId: staked}, Err: dmctypes.ErrNotNFTStaker},
		{Name: "unstake an NFT not staked", Msg: &dmctypes.MsgUnstakeNFT{Staker: staker, NftId: mine}, Err: dmctypes.ErrNFTNotStaked},
		{Name: "create: not the authority", Msg: &dmctypes.MsgCreateNFTFarm{Authority: staker, Program: dmctypes.PROGRAM_STAKED, Scope: dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "ETH"}, Weight: 1}, Err: daomod.ErrUnauthorized},
		{Name: "create: same scope twice", Msg: &dmctypes.MsgCreateNFTFarm{Authority: f.auth, Program: dmctypes.PROGRAM_STAKED, Scope: dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, Weight: 1}, Err: dmctypes.ErrInvalidFarm},
		{Name: "create: empty scope", Msg: &dmctypes.MsgCreateNFTFarm{Authority: f.auth, Program: dmctypes.PROGRAM_STAKED, Weight: 1}, Err: dmctypes.ErrInvalidFarm},
		{Name: "create: scope naming two things", Msg: &dmctypes.MsgCreateNFTFarm{Authority: f.auth, Program: dmctypes.PROGRAM_STAKED, Scope: dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "ETH", ProductId: 4}, Weight: 1}, Err: dmctypes.ErrInvalidFarm},
		{Name: "create: liquidity program", Msg: &dmctypes.MsgCreateNFTFarm{Authority: f.auth, Program: dmctypes.PROGRAM_LIQUIDITY, Scope: dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "ETH"}, Weight: 1}, Err: dmctypes.ErrInvalidFarm},
		{Name: "create: weight zero", Msg: &dmctypes.MsgCreateNFTFarm{Authority: f.auth, Program: dmctypes.PROGRAM_STAKED, Scope: dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "ETH"}}, Err: dmctypes.ErrInvalidFarm},
	})
}

// A retirement that fails is retried, with a growing wait, for as long as it fails, never
// parked: a parked one would leave the expired power earning for ever. Here the sub-total's
// record is unreadable for more than an hour past the term end (the old policy parked it after
// 5 failures, 5 minutes); once readable, the next retry retires it.
func TestNFTRetirementIsRetriedUntilItSucceeds(t *testing.T) {
	f := newNFTFixture(t)
	short := f.product(1, "FIL", "f01", 1)
	long := f.product(2, "FIL", "f02", 30)
	chain := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, 1)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	f.stakeNFT(a, chain, f.nft(short, a, 2))
	f.stakeNFT(b, chain, f.nft(long, b, 3))
	f.block(time.Minute)

	k := f.e.App.DmcKeeper
	key := collections.Join(chain, short.Id)
	good, err := k.NFTProducts.Get(f.ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := collections.EncodeKeyWithPrefix(dmctypes.NFTProductKey, k.NFTProducts.KeyCodec(), key)
	if err != nil {
		t.Fatal(err)
	}
	store := f.ctx.KVStore(f.e.App.GetKey(dmctypes.StoreKey))
	store.Set(raw, []byte{0xff, 0xff, 0xff}) // not a protobuf message: the retirement fails

	// From the term end on, a block every minute for 90 minutes: every try fails.
	f.ctx = f.ctx.WithBlockTime(short.TermEnd.Add(-time.Second))
	failures := 0
	for range 90 {
		f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1).WithBlockTime(f.ctx.BlockTime().Add(time.Minute)).
			WithEventManager(sdk.NewEventManager())
		if err := k.BeginBlocker(f.ctx); err != nil {
			t.Fatal(err)
		}
		for _, ev := range f.ctx.EventManager().Events() {
			if ev.Type == "dmex.queue.v1.EventItemFailed" {
				failures++
			}
		}
	}
	if failures < 6 {
		t.Fatalf("%d failed tries in 90 minutes, want more than the old policy's 5", failures)
	}
	if items, err := k.NFTTermEnds.Due(f.ctx, f.ctx.BlockTime().Add(2*dmckeeper.NFTRetryMax), 10); err != nil || len(items) != 1 {
		t.Fatalf("the failing retirement left the queue: %v (%v)", items, err)
	}

	// Readable again: the next try retires it, and the farm's power is bob's only.
	if err := k.NFTProducts.Set(f.ctx, key, good); err != nil {
		t.Fatal(err)
	}
	f.block(dmckeeper.NFTRetryMax)
	if p := f.power(chain); p.Int64() != 3 {
		t.Fatalf("chain farm power %s after the retry, want 3 (bob's only)", p)
	}
	if s, err := k.NFTProducts.Get(f.ctx, key); err != nil || !s.Retired {
		t.Fatalf("product 1's sub-total after the retry: %+v (%v), want retired", s, err)
	}
}

// A staked NFT cannot be listed, transferred or locked as loan collateral (x/lending's lock),
// each refused by x/hashnft with ErrNFTLocked and nothing changed; unstaked, it can be listed.
func TestStakedNFTCannotBeListedTransferredOrLent(t *testing.T) {
	f := newNFTFixture(t)
	fil := f.product(1, "FIL", "f01", 30)
	farm := f.nftFarm(dmctypes.NFTScope{Kind: dmctypes.NFT_SCOPE_KIND_CHAIN, Chain: "FIL"}, 1)
	a, b := f.e.Accounts[0], f.e.Accounts[1]
	id := f.nft(fil, a, 2)
	f.stakeNFT(a, farm, id)
	hn := hashnftkeeper.NewMsgServerImpl(f.e.App.HashnftKeeper)
	before, err := f.e.App.HashnftKeeper.GetNFT(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for name, try := range map[string]func() error{
		"list": func() error {
			_, err := hn.ListNFT(f.ctx, &hashnfttypes.MsgListNFT{Owner: a.Addr.String(), NftId: id, Price: sdk.NewInt64Coin("udmc", 10)})
			return err
		},
		"transfer": func() error {
			_, err := hn.TransferNFT(f.ctx, &hashnfttypes.MsgTransferNFT{Sender: a.Addr.String(), NftId: id, Recipient: b.Addr.String()})
			return err
		},
		"lend": func() error { return f.e.App.HashnftKeeper.LockNFT(f.ctx, id, a.Addr, "lending") },
	} {
		if err := try(); !errors.Is(err, hashnfttypes.ErrNFTLocked) {
			t.Errorf("%s a staked NFT: %v, want ErrNFTLocked", name, err)
		}
		if after, _ := f.e.App.HashnftKeeper.GetNFT(f.ctx, id); after.String() != before.String() {
			t.Errorf("%s a staked NFT changed it: %v, was %v", name, after, before)
		}
	}
	f.checkNFT()
	if _, err := f.msg.UnstakeNFT(f.ctx, &dmctypes.MsgUnstakeNFT{Staker: a.Addr.String(), NftId: id}); err != nil {
		t.Fatal(err)
	}
	if _, err := hn.ListNFT(f.ctx, &hashnfttypes.MsgListNFT{Owner: a.Addr.String(), NftId: id, Price: sdk.NewInt64Coin("udmc", 10)}); err != nil {
		t.Fatalf("list after unstaking: %v", err)
	}
	f.checkNFT()
}
