package app

import (
	"context"
	"math/big"
	"sort"

	"github.com/prometheus/client_golang/prometheus"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
	escrowtypes "github.com/dmexchain/dmex/x/escrow/types"
	hashnfttypes "github.com/dmexchain/dmex/x/hashnft/types"
	oracletypes "github.com/dmexchain/dmex/x/oracle/types"
)

// DMEX's own Prometheus metrics. They are read from the latest committed state when scraped
// (a query context, as a gRPC query is): nothing in the state machine writes them, so they
// cannot drift from the chain and cost nothing between scrapes. A scrape walks the products and
// the oracle's days (tens of thousands at most: fine for a 15 s scrape, not for a block).
// Amounts are in base units (udmc, uusdt, aifil…) as float64: exact up to 2^53, close enough above.
var (
	metricNFTsSold = prometheus.NewDesc("dmex_hashnft_nfts_sold",
		"Hashrate NFTs sold, all products (primary sales and auctions).", nil, nil)
	metricProducts = prometheus.NewDesc("dmex_hashnft_products",
		"Products, by x/hashnft status.", []string{"status"}, nil)
	metricEscrowHeld = prometheus.NewDesc("dmex_escrow_held",
		"Sale proceeds held in escrow, not yet released to the miners, by denom (base units).", []string{"denom"}, nil)
	metricEscrows = prometheus.NewDesc("dmex_escrow_products",
		"Product escrows by x/escrow status (ESCROW_STATUS_SUSPENDED: release stopped).", []string{"status"}, nil)
	metricRewardsPaid = prometheus.NewDesc("dmex_escrow_rewards_paid",
		"Mining rewards paid out to NFT holders, by reward denom (base units).", []string{"denom"}, nil)
	metricOracleDays = prometheus.NewDesc("dmex_oracle_days_finalized",
		"Oracle network days finalized.", nil, nil)
	metricOracleLastDay = prometheus.NewDesc("dmex_oracle_last_finalized_day",
		"The latest finalized oracle day number.", nil, nil)
	metricDMCMinted = prometheus.NewDesc("dmex_dmc_minted_by_mining",
		"udmc minted by mining since genesis.", nil, nil)
	metricDMCBurned = prometheus.NewDesc("dmex_dmc_burned",
		"udmc burned (buyback and other burns) since genesis.", nil, nil)
	metricDMCSupply = prometheus.NewDesc("dmex_dmc_supply",
		"udmc total supply.", nil, nil)
	metricHeight = prometheus.NewDesc("dmex_metrics_height",
		"The committed height the other dmex_ metrics were read at.", nil, nil)
)

// metricsCollector reads DMEX's metrics from the app's latest committed state.
type metricsCollector struct{ app *App }

// MetricsCollector is DMEX's Prometheus collector; dmexd registers it with the default registry,
// which both the node's CometBFT Prometheus endpoint and the API server's /metrics serve.
func (app *App) MetricsCollector() prometheus.Collector { return metricsCollector{app} }

func (c metricsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{
		metricNFTsSold, metricProducts, metricEscrowHeld, metricEscrows, metricRewardsPaid,
		metricOracleDays, metricOracleLastDay, metricDMCMinted, metricDMCBurned, metricDMCSupply, metricHeight,
	} {
		ch <- d
	}
}

func (c metricsCollector) Collect(ch chan<- prometheus.Metric) {
	height := c.app.LastBlockHeight()
	if height < 1 {
		return
	}
	ctx, err := c.app.CreateQueryContext(height, false)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(metricHeight, err)
		return
	}
	if err := c.collect(ctx, ch); err != nil {
		ch <- prometheus.NewInvalidMetric(metricHeight, err)
		return
	}
	ch <- gauge(metricHeight, float64(height))
}

func (c metricsCollector) collect(ctx sdk.Context, ch chan<- prometheus.Metric) error {
	a := c.app
	sold := uint64(0)
	products := map[string]uint64{}
	if err := a.HashnftKeeper.Products.Walk(ctx, nil, func(_ uint64, p hashnfttypes.Product) (bool, error) {
		sold += p.Sold
		products[p.Status.String()]++
		return false, nil
	}); err != nil {
		return err
	}
	ch <- gauge(metricNFTsSold, float64(sold))
	for _, s := range sortedLabels(products) {
		ch <- gauge(metricProducts, float64(products[s]), s)
	}

	held := sdk.NewCoins()
	if err := a.HashnftKeeper.Escrows.Walk(ctx, nil, func(_ uint64, e hashnfttypes.Escrow) (bool, error) {
		held = held.Add(e.Held...)
		return false, nil
	}); err != nil {
		return err
	}
	for _, coin := range held {
		ch <- gauge(metricEscrowHeld, toFloat(coin.Amount), coin.Denom)
	}

	statuses := map[string]uint64{}
	paid := map[string]sdkmath.Int{}
	if err := a.EscrowKeeper.Escrows.Walk(ctx, nil, func(_ uint64, e escrowtypes.ProductEscrow) (bool, error) {
		statuses[e.Status.String()]++
		if !e.RewardsPaid.IsNil() {
			if p, ok := paid[e.RewardDenom]; ok {
				paid[e.RewardDenom] = p.Add(e.RewardsPaid)
			} else {
				paid[e.RewardDenom] = e.RewardsPaid
			}
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, s := range sortedLabels(statuses) {
		ch <- gauge(metricEscrows, float64(statuses[s]), s)
	}
	for _, d := range sortedLabels(paid) {
		ch <- gauge(metricRewardsPaid, toFloat(paid[d]), d)
	}

	days, last := uint64(0), uint64(0)
	if err := a.OracleKeeper.NetworkDays.Walk(ctx, nil, func(day uint64, _ oracletypes.NetworkDay) (bool, error) {
		days++
		last = day
		return false, nil
	}); err != nil {
		return err
	}
	ch <- gauge(metricOracleDays, float64(days))
	ch <- gauge(metricOracleLastDay, float64(last))

	for _, m := range []struct {
		desc *prometheus.Desc
		get  func(context.Context) (sdkmath.Int, error)
	}{{metricDMCMinted, a.DmcKeeper.MintedByMining.Get}, {metricDMCBurned, a.DmcKeeper.Burned.Get}} {
		v, err := m.get(ctx)
		if err != nil {
			return err
		}
		ch <- gauge(m.desc, toFloat(v))
	}
	ch <- gauge(metricDMCSupply, toFloat(a.BankKeeper.GetSupply(ctx, dmctypes.Denom).Amount))
	return nil
}

func gauge(d *prometheus.Desc, v float64, labels ...string) prometheus.Metric {
	return prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
}

func toFloat(i sdkmath.Int) float64 {
	f, _ := new(big.Float).SetInt(i.BigInt()).Float64()
	return f
}

// sortedLabels are m's keys in order: metrics come out in the same order every scrape.
func sortedLabels[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
