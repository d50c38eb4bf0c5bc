package bench

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/dmexchain/dmex/app"
	"github.com/dmexchain/dmex/testutil"
	hashnftkeeper "github.com/dmexchain/dmex/x/hashnft/keeper"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// hnMarket is a chain with one fixed-price product of which `existing` NFTs are already sold,
// in equal runs to the env's accounts.
type hnMarket struct {
	e          *testutil.Env
	product    uint64
	existing   uint64
	perAccount uint64
	height     int64
	time       time.Time
}

// hnSetup starts a chain on goleveldb and sells `existing` NFTs through the message server
// (so every module that hooks NFT creation sees them), committing every 100,000 or so; then it
// compacts the database, as a node's background compaction would have.
func hnSetup(b *testing.B, accounts int, existing uint64) *hnMarket {
	b.Helper()
	db, err := dbm.NewGoLevelDB("application", b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	// The oracle finalized f01234's power at genesis: approval checks it covers the product.
	supply := existing + 10_000_000
	e := testutil.New(b, testutil.Options{Accounts: accounts, DB: db, NodePower: map[string]int64{"f01234": int64(supply)}})
	m := &hnMarket{e: e, existing: existing, height: e.App.LastBlockHeight(), time: e.Ctx().BlockTime()}
	m.perAccount = max(existing/uint64(accounts), 1)
	k := e.App.HashnftKeeper
	msg := hashnftkeeper.NewMsgServerImpl(k)
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		b.Fatal(err)
	}

	ctx := m.ctx()
	p, _ := k.Params.Get(ctx)
	p.AcceptedDenoms = []string{"udmc", "uusdt"}
	p.MaxNftsPerProduct = 100_000_000
	p.PowerCaps[0].MaxPowerPerMiner = math.NewInt(1_000_000_000)
	if err := k.Params.Set(ctx, p); err != nil {
		b.Fatal(err)
	}
	res, err := msg.ApplyProduct(ctx, &hashnfttypes.MsgApplyProduct{
		Miner: e.Accounts[0].Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: math.OneInt(),
		Count: supply, TermDays: 540, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("uusdt", 1_000),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining", Contact: "ops@acme.example"},
	})
	if err != nil {
		b.Fatal(err)
	}
	approved, err := msg.ApproveApplication(ctx, &hashnfttypes.MsgApproveApplication{Authority: auth.String(), ApplicationId: res.ApplicationId})
	if err != nil {
		b.Fatal(err)
	}
	m.product = approved.ProductId
	m.commit()

	sinceCommit := uint64(0)
	for sold, i := uint64(0), 0; sold < existing; i++ {
		n := min(m.perAccount, existing-sold)
		if _, err := msg.BuyNFTs(m.ctx(), &hashnfttypes.MsgBuyNFTs{Buyer: e.Accounts[i%accounts].Addr.String(), ProductId: m.product,
			Quantity: n, MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000)}); err != nil {
			b.Fatal(err)
		}
		sold += n
		if sinceCommit += n; sinceCommit >= 100_000 || sold == existing {
			m.commit()
			sinceCommit = 0
		}
	}
	if err := db.ForceCompact(nil, nil); err != nil {
		b.Fatal(err)
	}
	return m
}

// ctx writes straight into the last committed state (setup only).
func (m *hnMarket) ctx() sdk.Context {
	return m.e.App.NewUncachedContext(false, cmtproto.Header{Height: m.height, Time: m.time})
}

// commit seals what ctx wrote with an empty block.
func (m *hnMarket) commit() {
	m.height++
	m.time = m.time.Add(3 * time.Second)
	if _, err := m.e.App.FinalizeBlock(&abci.RequestFinalizeBlock{Height: m.height, Time: m.time}); err != nil {
		panic(err)
	}
	if _, err := m.e.App.Commit(); err != nil {
		panic(err)
	}
}

// owner is the account that holds NFT id.
func (m *hnMarket) owner(id uint64) *testutil.Account {
	return m.e.Accounts[((id-1)/m.perAccount)%uint64(len(m.e.Accounts))]
}

// hnCase is one message against a market: i picks the buyer or NFT.
type hnCase struct {
	name string
	run  func(m *hnMarket, msg hashnfttypes.MsgServer, ctx sdk.Context, i int) error
}

var hnCases = []hnCase{
	{"buy", func(m *hnMarket, msg hashnfttypes.MsgServer, ctx sdk.Context, i int) error {
		buyer := m.e.Accounts[i%len(m.e.Accounts)]
		_, err := msg.BuyNFTs(ctx, &hashnfttypes.MsgBuyNFTs{Buyer: buyer.Addr.String(), ProductId: m.product, Quantity: 1,
			MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000)})
		return err
	}},
	{"list", func(m *hnMarket, msg hashnfttypes.MsgServer, ctx sdk.Context, i int) error {
		id := m.pick(i)
		_, err := msg.ListNFT(ctx, &hashnfttypes.MsgListNFT{Owner: m.owner(id).Addr.String(), NftId: id, Price: sdk.NewInt64Coin("uusdt", 5_000)})
		return err
	}},
	{"transfer", func(m *hnMarket, msg hashnfttypes.MsgServer, ctx sdk.Context, i int) error {
		id := m.pick(i)
		to := m.e.Accounts[(i+1)%len(m.e.Accounts)]
		if to.Addr.Equals(m.owner(id).Addr) {
			to = m.e.Accounts[(i+2)%len(m.e.Accounts)]
		}
		_, err := msg.TransferNFT(ctx, &hashnfttypes.MsgTransferNFT{Sender: m.owner(id).Addr.String(), NftId: id, Recipient: to.Addr.String()})
		return err
	}},
}

// pick spreads the NFTs a run touches over the whole registry.
func (m *hnMarket) pick(i int) uint64 { return 1 + (uint64(i)*7_919+13)%m.existing }

// fresh is a cache of the committed state with a gas meter that counts every read and write.
func (m *hnMarket) fresh() sdk.Context {
	c, _ := m.e.App.NewUncachedContext(false, cmtproto.Header{Height: m.height + 1, Time: m.time.Add(time.Second)}).CacheContext()
	return c.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
}

// BenchmarkHashNFTMessage times one message at a time (buy 1 NFT at the fixed price, list an
// NFT, transfer an NFT) on a chain whose registry holds 1,000 NFTs and on one whose registry
// holds 1,000,000 (goleveldb), side by side: the iterations alternate between the two chains,
// so both see the same machine. Each message runs in a fresh cache of the committed state.
//
// A message never walks the registry, so its store gas (deterministic: every read and write it
// makes) is the same at both sizes. Wall time is the median of the iterations (other work on the
// machine preempts some of them), in two modes. cache=warm: the iterations cycle over 20 NFTs and
// buyers touched once before the timing, which isolates the message's own work. cache=cold:
// every iteration touches another NFT spread over the whole registry, so at 1,000,000 NFTs its
// reads miss the node's caches and go to the disk.
func BenchmarkHashNFTMessage(b *testing.B) {
	small, large := hnSetup(b, 100, 1_000), hnSetup(b, 100, 1_000_000)
	markets := []*hnMarket{small, large}
	for _, tc := range hnCases {
		for _, warm := range []bool{true, false} {
			cache := map[bool]string{false: "cold", true: "warm"}[warm]
			b.Run(fmt.Sprintf("msg=%s/cache=%s", tc.name, cache), func(b *testing.B) {
				index := func(i int) int { return 1_000 + i } // past what an earlier run touched
				if warm {
					index = func(i int) int { return i % 20 }
				}
				servers := make([]hashnfttypes.MsgServer, len(markets))
				times := make([][]time.Duration, len(markets))
				gas := make([]uint64, len(markets))
				for k, m := range markets {
					servers[k] = hashnftkeeper.NewMsgServerImpl(m.e.App.HashnftKeeper)
					if warm {
						for i := 0; i < 20; i++ {
							if err := tc.run(m, servers[k], m.fresh(), i); err != nil {
								b.Fatal(err)
							}
						}
					}
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for k, m := range markets {
						b.StopTimer()
						c := m.fresh()
						b.StartTimer()
						t0 := time.Now()
						if err := tc.run(m, servers[k], c, index(i)); err != nil {
							b.Fatal(err)
						}
						times[k] = append(times[k], time.Since(t0))
						b.StopTimer()
						gas[k] += c.GasMeter().GasConsumed()
						b.StartTimer()
					}
				}
				b.StopTimer()
				p50 := func(ts []time.Duration) float64 {
					slices.Sort(ts)
					return float64(ts[len(ts)/2].Nanoseconds()) / 1000
				}
				t1k, t1m := p50(times[0]), p50(times[1])
				b.ReportMetric(t1k, "us@1k(p50)")
				b.ReportMetric(t1m, "us@1M(p50)")
				b.ReportMetric(100*(t1m-t1k)/t1k, "%time")
				b.ReportMetric(float64(gas[0])/float64(b.N), "gas@1k")
				b.ReportMetric(float64(gas[1])/float64(b.N), "gas@1M")
				b.ReportMetric(100*(float64(gas[1])-float64(gas[0]))/float64(gas[0]), "%gas")
			})
		}
	}
}

// hnSignedBlock signs one tx per account (sender j % accounts), each carrying make(j).
func hnSignedBlock(b *testing.B, e *testutil.Env, r *rand.Rand, n int, msgFor func(j int, a *testutil.Account) sdk.Msg) [][]byte {
	b.Helper()
	txCfg := e.App.TxConfig()
	txs := make([][]byte, 0, n)
	for j := 0; j < n; j++ {
		a := e.Accounts[j%len(e.Accounts)]
		tx, err := simtestutil.GenSignedMockTx(r, txCfg, []sdk.Msg{msgFor(j, a)}, sdk.Coins{sdk.NewInt64Coin(app.BondDenom, 0)},
			400_000, testutil.ChainID, []uint64{a.AccNum}, []uint64{a.Seq}, a.Key)
		if err != nil {
			b.Fatal(err)
		}
		a.Seq++
		bz, err := txCfg.TxEncoder()(tx)
		if err != nil {
			b.Fatal(err)
		}
		txs = append(txs, bz)
	}
	return txs
}

// BenchmarkHashNFTBuyFinalizeCommit delivers blocks of 1,000 signed txs through FinalizeBlock +
// Commit on goleveldb (1,000 accounts, 1,000 NFTs already sold) and reports tx/s: NFT purchases
// (1 NFT per tx) next to bank sends of the same shape (1 udmc per tx) on the same chain.
func BenchmarkHashNFTBuyFinalizeCommit(b *testing.B) {
	const txPerBlock = 1_000
	m := hnSetup(b, 1_000, 1_000)
	e := m.e
	r := rand.New(rand.NewSource(1))
	for _, tc := range []struct {
		name string
		msg  func(j int, a *testutil.Account) sdk.Msg
	}{
		{"bank-send", func(j int, a *testutil.Account) sdk.Msg {
			to := e.Accounts[(j+1)%len(e.Accounts)]
			return banktypes.NewMsgSend(a.Addr, to.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		}},
		{"buy-nft", func(_ int, a *testutil.Account) sdk.Msg {
			return &hashnfttypes.MsgBuyNFTs{Buyer: a.Addr.String(), ProductId: m.product, Quantity: 1, MaxUnitPrice: sdk.NewInt64Coin("uusdt", 1_000)}
		}},
	} {
		b.Run(fmt.Sprintf("txPerBlock=%d/msg=%s", txPerBlock, tc.name), func(b *testing.B) {
			var elapsed time.Duration
			var gasUsed int64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				txs := hnSignedBlock(b, e, r, txPerBlock, tc.msg)
				m.height++
				m.time = m.time.Add(3 * time.Second)
				req := &abci.RequestFinalizeBlock{Height: m.height, Time: m.time, Txs: txs}
				b.StartTimer()
				t0 := time.Now()
				res, err := e.App.FinalizeBlock(req)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.App.Commit(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				for k, tr := range res.TxResults {
					if tr.Code != 0 {
						b.Fatalf("tx %d failed: code=%d log=%s", k, tr.Code, tr.Log)
					}
					gasUsed += tr.GasUsed
				}
				b.StartTimer()
			}
			b.StopTimer()
			nTx := float64(b.N * txPerBlock)
			b.ReportMetric(nTx/elapsed.Seconds(), "tx/s")
			b.ReportMetric(float64(elapsed.Microseconds())/nTx, "us/tx")
			b.ReportMetric(float64(gasUsed)/nTx, "gas/tx")
		})
	}
	e.CheckInvariants()
}
