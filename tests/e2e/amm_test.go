package e2e

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

const hopUSDTToDMC = `{"pool_id":1,"denom_out":"udmc"}`

// ammTx runs `dmexd tx amm ...` and fails the test unless it succeeds.
func (n *node) ammTx(t *testing.T, args ...string) {
	t.Helper()
	if code, log := n.sendTx(append(append([]string{"tx", "amm"}, args...), "--gas", "1000000")...); code != 0 {
		t.Fatalf("tx amm %s: code %d: %s", strings.Join(args, " "), code, log)
	}
}

type ammPool struct {
	Pool struct {
		ReserveA flexInt `json:"reserve_a"`
		ReserveB flexInt `json:"reserve_b"`
		Shares   flexInt `json:"shares"`
	} `json:"pool"`
}

type ammMonth struct {
	Month         flexInt `json:"month"`
	Denom         string  `json:"denom"`
	SetAside      flexInt `json:"set_aside"`
	Spent         flexInt `json:"spent"`
	Bought        flexInt `json:"bought"`
	Burned        flexInt `json:"burned"`
	Returned      flexInt `json:"returned"`
	SlicesDone    flexInt `json:"slices_done"`
	SlicesRefused flexInt `json:"slices_refused"`
	LastRefusal   string  `json:"last_refusal"`
}

func (n *node) buybackMonths() []ammMonth {
	var v struct {
		Months []ammMonth `json:"months"`
	}
	n.jsonQuery(&v, "q", "amm", "buyback-months")
	return v.Months
}

type dmcSupply struct {
	TotalSupply    flexInt `json:"total_supply"`
	MintedByMining flexInt `json:"minted_by_mining"`
	Burned         flexInt `json:"burned"`
}

func (n *node) dmcSupplyAt(h int64) dmcSupply {
	var s dmcSupply
	n.jsonQuery(&s, "q", "dmc", "supply", "--height", fmt.Sprint(h))
	return s
}

// revenueAt is the revenue ledger's uusdt balance and what the buyback has taken of it, at height h.
func (n *node) revenueAt(h int64, denom string) (balance, buyback int64) {
	var r struct {
		Revenue []struct {
			Denom   string  `json:"denom"`
			Balance flexInt `json:"balance"`
			Debited []struct {
				Name   string  `json:"name"`
				Amount flexInt `json:"amount"`
			} `json:"debited"`
		} `json:"revenue"`
	}
	n.jsonQuery(&r, "q", "dmc", "revenue", "--denom", denom, "--height", fmt.Sprint(h))
	for _, d := range r.Revenue {
		if d.Denom != denom {
			continue
		}
		balance = int64(d.Balance)
		for _, f := range d.Debited {
			if f.Name == "buyback" {
				buyback += int64(f.Amount)
			}
		}
	}
	return balance, buyback
}

// The AMM and the buyback over the CLI on a real localnet (issue #16 item 7), with months of
// 150 s and the buyback spread over the 15 s after each. The localnet opens the USDT/DMC pool
// (pool 1) and its liquidity farm (farm 6) at genesis. Alice adds USDT/DMC liquidity at the
// pool's ratio, stakes her shares in the farm and earns DMC; bob swaps uusdt for udmc with a
// minimum out (and is refused when the minimum is above what the pool pays); the channel fees of
// two NFT sales are platform revenue in uusdt, 80% of which the month epoch sets aside and the
// slices buy into DMC and burn: the DMC supply then differs from what mining added by exactly
// what the buyback burned.
func TestAMMAndBuybackOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	const month = 150 * time.Second
	n, _, _ := startLocalnet(t, 31957, fmt.Sprintf("MONTH_EPOCH_SECONDS=%d", int(month.Seconds())))
	n.waitHeight(2, 90*time.Second)
	start := time.Now()
	alice, bob := n.addr("alice"), n.addr("bob")

	// Alice joins pool 1 (100,000 DMC / 100,000 USDT) with at most 1,000 of each.
	var p0 ammPool
	n.jsonQuery(&p0, "q", "amm", "pool", "1")
	if p0.Pool.ReserveA != 100_000_000_000 || p0.Pool.ReserveB != 100_000_000_000 {
		t.Fatalf("pool 1 at genesis: %+v, want 100,000 DMC and 100,000 USDT (localnet.sh)", p0.Pool)
	}
	n.ammTx(t, "join-pool", "1", "1000000000udmc", "1000000000uusdt", "1", "--from", "alice")
	shares := n.hnBalance(t, alice, "amm/pool/1")
	want := new(big.Int).Quo(new(big.Int).Mul(big.NewInt(1_000_000_000), big.NewInt(int64(p0.Pool.Shares))), big.NewInt(int64(p0.Pool.ReserveA)))
	if shares != want.Int64() {
		t.Fatalf("alice holds %d shares of pool 1, want %d (1,000 DMC at the pool's ratio)", shares, want)
	}

	// She stakes them in the liquidity farm and earns DMC.
	n.ammStake(t, shares)
	n.waitHeight(n.height()+3, 60*time.Second)
	d0 := n.hnBalance(t, alice, "udmc")
	if code, log := n.sendTx("tx", "dmc", "claim", "6", "--from", "alice"); code != 0 {
		t.Fatalf("claim: %d %s", code, log)
	}
	if got := n.hnBalance(t, alice, "udmc") - d0; got <= 0 {
		t.Fatalf("alice's claim from the liquidity farm paid %dudmc, want DMC", got)
	}

	// Bob swaps 1,000,000uusdt for udmc: refused above what the pool pays, then at the estimate.
	var est struct {
		TokenOut rfCoin `json:"token_out"`
	}
	n.jsonQuery(&est, "q", "amm", "estimate-swap-exact-in", "1000000uusdt", hopUSDTToDMC)
	if est.TokenOut.Denom != "udmc" || est.TokenOut.Amount <= 0 {
		t.Fatalf("estimate: %+v", est)
	}
	if code, log := n.sendTx("tx", "amm", "swap-exact-in", "1000000uusdt", fmt.Sprint(int64(est.TokenOut.Amount)*2), hopUSDTToDMC, "--from", "bob", "--gas", "1000000"); code == 0 || !strings.Contains(log, "below the minimum") || !strings.Contains(log, "udmc per uusdt") {
		t.Fatalf("a swap with a minimum out twice the estimate: code %d %q, want refused naming the price", code, log)
	}
	b0 := n.hnBalance(t, bob, "udmc")
	n.ammTx(t, "swap-exact-in", "1000000uusdt", fmt.Sprint(int64(est.TokenOut.Amount)), hopUSDTToDMC, "--from", "bob")
	if got := n.hnBalance(t, bob, "udmc") - b0; got < int64(est.TokenOut.Amount) {
		t.Fatalf("bob received %dudmc, below his minimum %d", got, est.TokenOut.Amount)
	}
	t.Logf("liquidity, farm and swap after %s", time.Since(start))

	// Platform revenue in uusdt: the channel fee of two NFT sales (2% of 2,000,000uusdt).
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`
	n.hnTx(t, "apply", "FIL", "f01234", "TiB", "2", "10", "30", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	auth := n.councilPolicy()
	n.councilDecidesWithGas(t, "2000000", fmt.Sprintf(`{"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "1"}`, auth))
	n.hnTx(t, "buy", "1", "2", "1000000uusdt", "--from", "alice")
	h0 := n.height()
	if bal, _ := n.revenueAt(h0, "uusdt"); bal < 40_000 {
		t.Fatalf("uusdt revenue after two sales: %d, want at least the 40,000 channel fee", bal)
	}
	t.Logf("revenue in after %s", time.Since(start))

	// The next month epoch sets 80% aside; its slices buy DMC and burn it within 15 s.
	var m ammMonth
	waitFor(t, "a month epoch's uusdt buyback to finish", 2*month+90*time.Second, func() bool {
		for _, x := range n.buybackMonths() {
			if x.Denom == "uusdt" && x.SetAside > 0 && x.SlicesDone+x.SlicesRefused >= 10 {
				m = x
				return true
			}
		}
		return false
	})
	if m.SlicesRefused != 0 || m.Spent != m.SetAside || m.Bought <= 0 || m.Burned != m.Bought || m.Returned != 0 {
		t.Fatalf("month %d's uusdt buyback: %+v, want all 10 slices bought and burned", m.Month, m)
	}
	// The height of the set-aside: the first block whose revenue ledger shows the buyback's debit.
	lo, hi := h0, n.height()
	if _, taken := n.revenueAt(lo, "uusdt"); taken != 0 {
		t.Fatalf("the buyback took uusdt before the sales' block %d", lo)
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if _, taken := n.revenueAt(mid, "uusdt"); taken > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	before, _ := n.revenueAt(hi-1, "uusdt")
	after, taken := n.revenueAt(hi, "uusdt")
	if want := before * 8000 / 10000; taken != want || int64(m.SetAside) != want || after != before-want {
		t.Fatalf("set aside at height %d: %d of a balance of %d (month record %d, balance after %d), want 80%% = %d", hi, taken, before, m.SetAside, after, want)
	}
	// The DMC supply: what mining added less exactly what the buyback burned.
	var burnedByBuybacks int64
	for _, x := range n.buybackMonths() {
		burnedByBuybacks += int64(x.Burned)
	}
	s0, s1 := n.dmcSupplyAt(hi-1), n.dmcSupplyAt(n.height())
	if got := int64(s1.Burned - s0.Burned); got != burnedByBuybacks {
		t.Fatalf("x/dmc recorded %dudmc burned since the set-aside, the buybacks %d", got, burnedByBuybacks)
	}
	if got, want := int64(s1.TotalSupply-s0.TotalSupply), int64(s1.MintedByMining-s0.MintedByMining)-burnedByBuybacks; got != want {
		t.Fatalf("DMC supply changed by %d, want mined %d − burned %d = %d", got, s1.MintedByMining-s0.MintedByMining, burnedByBuybacks, want)
	}
	t.Logf("month %d: %d uusdt bought %d udmc, burned; done after %s", m.Month, m.Spent, m.Bought, time.Since(start))
}

// ammStake stakes alice's pool-1 shares in farm 6 (localnet.sh's liquidity farm of amm/pool/1).
func (n *node) ammStake(t *testing.T, shares int64) {
	t.Helper()
	if code, log := n.sendTx("tx", "dmc", "stake", "6", fmt.Sprintf("%damm/pool/1", shares), "--from", "alice"); code != 0 {
		t.Fatalf("stake shares: %d %s", code, log)
	}
}
