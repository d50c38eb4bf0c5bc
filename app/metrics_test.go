package app_test

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/testutil"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
)

// gather is every dmex_ metric the collector gives now, by name and label value.
func gather(t *testing.T, c prometheus.Collector) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry() // checks the descriptions against what is collected
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			name := mf.GetName()
			for _, l := range m.GetLabel() {
				name += "{" + l.GetValue() + "}"
			}
			out[name] = value(m)
		}
	}
	return out
}

func value(m *dto.Metric) float64 { return m.GetGauge().GetValue() }

// DMEX's metrics read the committed state: a product approved and 3 of its NFTs sold show as
// sold NFTs, an active product and escrow, and the price held in escrow (less the channel fee);
// DMC minted and supply are x/dmc's and x/bank's figures at the last committed height.
func TestMetricsReadTheCommittedState(t *testing.T) {
	e := testutil.New(t, testutil.Options{Accounts: 3, NodePower: map[string]int64{"f01234": 1_000}})
	c := e.App.MetricsCollector()
	before := gather(t, c)
	if before["dmex_hashnft_nfts_sold"] != 0 || before["dmex_metrics_height"] != float64(e.App.LastBlockHeight()) {
		t.Fatalf("before any sale: %v", before)
	}
	auth, err := e.App.DaoKeeper.GetAuthority(e.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	miner, buyer := e.Accounts[0], e.Accounts[1]
	e.MustDeliver(miner, &hashnfttypes.MsgApplyProduct{
		Miner: miner.Addr.String(), Chain: "FIL", NodeId: "f01234", PowerUnit: "TiB", PowerPerNft: math.NewInt(4), Count: 10,
		TermDays: 30, SaleMode: hashnfttypes.SALE_MODE_FIXED_PRICE, Price: sdk.NewInt64Coin("udmc", 1_000_000),
		Disclosure: hashnfttypes.Disclosure{Name: "Acme Mining Ltd", Registration: "HK-1", Contact: "ops@acme.example", Uri: "https://acme.example"},
	})
	e.CouncilPropose(4, &hashnfttypes.MsgApproveApplication{Authority: auth.String(), ApplicationId: 1})
	e.MustDeliver(buyer, &hashnfttypes.MsgBuyNFTs{Buyer: buyer.Addr.String(), ProductId: 1, Quantity: 3, MaxUnitPrice: sdk.NewInt64Coin("udmc", 1_000_000)})
	e.NextBlock()

	got := gather(t, c)
	ctx := e.Ctx()
	esc, err := e.App.HashnftKeeper.Escrows.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	minted, err := e.App.DmcKeeper.MintedByMining.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	supply := e.App.BankKeeper.GetSupply(ctx, "udmc").Amount
	for name, want := range map[string]float64{
		"dmex_hashnft_nfts_sold":                       3,
		"dmex_hashnft_products{PRODUCT_STATUS_ACTIVE}": 1,
		"dmex_escrow_products{ESCROW_STATUS_ACTIVE}":   1,
		"dmex_escrow_held{udmc}":                       float64(esc.Held.AmountOf("udmc").Int64()),
		"dmex_dmc_minted_by_mining":                    float64(minted.Int64()),
		"dmex_dmc_supply":                              float64(supply.Int64()),
		"dmex_metrics_height":                          float64(e.App.LastBlockHeight()),
		"dmex_oracle_days_finalized":                   got["dmex_oracle_days_finalized"],
	} {
		if v, ok := got[name]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", name, v, ok, want)
		}
	}
	if esc.Held.AmountOf("udmc").IsZero() {
		t.Fatalf("nothing held in escrow after the sale: %s", esc.Held)
	}
}
