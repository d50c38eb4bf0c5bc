package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// jmTx runs `dmexd tx ...` with generous gas and fails the test unless it succeeds.
func (n *node) jmTx(t *testing.T, args ...string) int64 {
	t.Helper()
	code, log, h := n.sendTxAt(append(args, "--gas", "2000000")...)
	if code != 0 {
		t.Fatalf("tx %s: code %d: %s", strings.Join(args, " "), code, log)
	}
	return h
}

func (n *node) jmBalance(t *testing.T, addr, denom string) *big.Int {
	t.Helper()
	var b struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	n.jsonQuery(&b, "q", "bank", "balance", addr, denom)
	return bigInt(t, b.Balance.Amount)
}

type jmPool struct {
	Pool struct {
		Pool struct {
			Status   string `json:"status"`
			Liquid   string `json:"liquid"`
			Queued   string `json:"queued"`
			Supply   string `json:"supply"`
			TermEnd  string `json:"term_end"`
			Denom    string `json:"denom"`
			Pledged  string `json:"pledged"`
			Returned string `json:"returned"`
		} `json:"pool"`
		Period        string `json:"period"`
		ValuePerShare string `json:"value_per_share"`
	} `json:"pool"`
}

func (n *node) jmPool(id string) jmPool {
	var p jmPool
	n.jsonQuery(&p, "q", "jointmine", "pool", id)
	return p
}

type jmHolder struct {
	Holder struct {
		Holder struct {
			Shares       string `json:"shares"`
			MaturityPaid string `json:"maturity_paid"`
		} `json:"holder"`
		ShareTime string `json:"share_time"`
	} `json:"holder"`
}

func (n *node) jmHolder(id, addr string) jmHolder {
	var h jmHolder
	n.jsonQuery(&h, "q", "jointmine", "holder", id, addr)
	return h
}

// ratOf parses a decimal string (a LegacyDec) exactly.
func ratOf(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("not a decimal: %q", s)
	}
	return r
}

func ifilAmt(whole, milli int64) *big.Int {
	v := new(big.Int).Mul(big.NewInt(whole*1000+milli), new(big.Int).Exp(big.NewInt(10), big.NewInt(15), nil))
	return v
}

func wantBig(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Fatalf("%s: got %s, want %s", what, got, want)
	}
}

// A joint-mining pool over the CLI on a real localnet (issue #17 item 8), the README's worked
// example with the chain's own times: the council sets short days (10 s, a 12-day term) and opens
// a behavioral farm for the pool's dToken, then approves the miner's pool (an x/dao decision);
// alice and bob deposit until the cap, the miner withdraws to pledge, income is split 20/5/75, bob
// sends half his dToken to carol, alice redeems part (the queue pays her when income arrives),
// alice stakes dToken in the behavioral farm and earns DMC; the pool matures and the returned
// pledge is shared by share-time: each holder's part is ⌊fund × share_time / total⌋ (README).
func TestJointMiningOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 32357)
	n.waitHeight(2, 90*time.Second)
	alice, bob, miner := n.addr("alice"), n.addr("bob"), n.addr("miner")
	carol := strings.TrimSpace(lastJSONLine(n.cli("keys", "add", "carol", "--keyring-backend", "test", "--output", "json")))
	var ck struct {
		Address string `json:"address"`
	}
	if err := json.Unmarshal([]byte(carol), &ck); err != nil {
		t.Fatalf("carol's key: %v %s", err, carol)
	}
	carol = ck.Address
	auth := n.councilPolicy()
	denom := "jointmine/pool/1"

	// The application: 4 TiB, cap 100 IFIL; the deposit is held.
	n.jmTx(t, "tx", "jointmine", "apply-pool", "f01234", "4", "Miner Co, ops@miner.example, f01234 in Hong Kong", "100000000udmc", "--from", "miner")
	// The council: short days and a behavioral farm for the dToken; then the approval alone, so
	// x/dao records it as the pool's decision.
	var params struct {
		Params map[string]any `json:"params"`
	}
	n.jsonQuery(&params, "q", "jointmine", "params")
	params.Params["day_seconds"], params.Params["term_days"], params.Params["grace_days"] = "10", 12, 2
	pj, err := json.Marshal(params.Params)
	if err != nil {
		t.Fatal(err)
	}
	n.councilDecidesWithGas(t, "2000000", fmt.Sprintf(`{"@type": "/dmex.jointmine.v1.MsgUpdateParams", "authority": %q, "params": %s},
 {"@type": "/dmex.dmc.v1.MsgCreateFarm", "authority": %q, "program": "PROGRAM_BEHAVIORAL", "denom": %q, "weight": "1"}`, auth, pj, auth, denom))
	n.councilDecidesWithGas(t, "2000000", fmt.Sprintf(`{"@type": "/dmex.jointmine.v1.MsgApprovePool", "authority": %q, "pool_id": "1"}`, auth))
	if p := n.jmPool("1"); p.Pool.Period != "genesis" {
		t.Fatalf("after the council's approval: %+v", p)
	}
	var dec struct {
		Decision struct {
			Outcome string `json:"outcome"`
		} `json:"decision"`
	}
	n.jsonQuery(&dec, "q", "dao", "decision", "jointmine", "1")
	if !strings.Contains(dec.Decision.Outcome, "APPROVED") {
		t.Fatalf("x/dao's decision of pool 1: %+v", dec)
	}

	// Genesis: 1:1 until the cap; the cap starts the growth period.
	n.jmTx(t, "tx", "jointmine", "deposit", "1", ifilAmt(60, 0).String()+"aifil", "--from", "alice")
	n.jmTx(t, "tx", "jointmine", "deposit", "1", ifilAmt(40, 0).String()+"aifil", "--from", "bob")
	if p := n.jmPool("1"); p.Pool.Period != "growth" {
		t.Fatalf("at the cap: %+v", p)
	}
	wantBig(t, "alice's dToken", n.jmBalance(t, alice, denom), ifilAmt(60, 0))

	// The pledge, then income 10: 2 stay with the miner, 0.5 to revenue, 7.5 to the pool.
	n.jmTx(t, "tx", "jointmine", "withdraw-pledge", "1", ifilAmt(100, 0).String()+"aifil", "--from", "miner")
	m0 := n.jmBalance(t, miner, "aifil")
	n.jmTx(t, "tx", "jointmine", "deposit-income", "1", ifilAmt(10, 0).String()+"aifil", "--from", "miner")
	wantBig(t, "the miner's net income payment", new(big.Int).Sub(m0, n.jmBalance(t, miner, "aifil")), ifilAmt(8, 0))
	var incomes struct {
		Incomes []struct {
			Miner    string `json:"miner"`
			Platform string `json:"platform"`
			Users    string `json:"users"`
		} `json:"incomes"`
	}
	n.jsonQuery(&incomes, "q", "jointmine", "incomes", "1")
	if len(incomes.Incomes) != 1 || incomes.Incomes[0].Miner != ifilAmt(2, 0).String() || incomes.Incomes[0].Platform != ifilAmt(0, 500).String() ||
		incomes.Incomes[0].Users != ifilAmt(7, 500).String() {
		t.Fatalf("income split: %+v", incomes)
	}

	// Bob sends half his dToken to carol: the booked shares follow.
	n.jmTx(t, "tx", "bank", "send", bob, carol, ifilAmt(20, 0).String()+denom, "--from", "bob")
	if h := n.jmHolder("1", carol); h.Holder.Holder.Shares != ifilAmt(20, 0).String() {
		t.Fatalf("carol's booked shares: %+v", h)
	}

	// Alice redeems 30 at 1.075: 7.4355 now (after the 0.0645 fee), 24.75 queued.
	a0 := n.jmBalance(t, alice, "aifil")
	n.jmTx(t, "tx", "jointmine", "redeem", "1", ifilAmt(30, 0).String()+denom, "--from", "alice")
	wantBig(t, "alice paid now", new(big.Int).Sub(n.jmBalance(t, alice, "aifil"), a0), new(big.Int).Mul(big.NewInt(74355), new(big.Int).Exp(big.NewInt(10), big.NewInt(14), nil)))
	var q struct {
		Redemptions []struct {
			Place      string `json:"place"`
			AmountLeft struct {
				Amount string `json:"amount"`
			} `json:"amount_left"`
		} `json:"redemptions"`
	}
	n.jsonQuery(&q, "q", "jointmine", "redemptions", "1")
	if len(q.Redemptions) != 1 || q.Redemptions[0].Place != "1" || q.Redemptions[0].AmountLeft.Amount != ifilAmt(24, 750).String() {
		t.Fatalf("the queue: %+v", q)
	}
	a0 = n.jmBalance(t, alice, "aifil")
	h := n.jmTx(t, "tx", "jointmine", "deposit-income", "1", ifilAmt(40, 0).String()+"aifil", "--from", "miner")
	n.waitHeight(h+1, 30*time.Second)
	wantBig(t, "the queue paid alice", new(big.Int).Sub(n.jmBalance(t, alice, "aifil"), a0), ifilAmt(24, 750))

	// Alice stakes 10 dToken in the behavioral farm: her booked shares stay 30, she earns DMC.
	var farms struct {
		Farms []struct {
			Farm struct {
				ID    string `json:"id"`
				Denom string `json:"denom"`
			} `json:"farm"`
		} `json:"farms"`
	}
	n.jsonQuery(&farms, "q", "dmc", "farms")
	farm := ""
	for _, f := range farms.Farms {
		if f.Farm.Denom == denom {
			farm = f.Farm.ID
		}
	}
	if farm == "" {
		t.Fatalf("no farm for %s: %+v", denom, farms)
	}
	n.jmTx(t, "tx", "dmc", "stake", farm, ifilAmt(10, 0).String()+denom, "--from", "alice")
	if h := n.jmHolder("1", alice); h.Holder.Holder.Shares != ifilAmt(30, 0).String() {
		t.Fatalf("alice's booked shares while staking: %+v", h)
	}
	n.waitHeight(n.height()+2, 30*time.Second)
	d0 := bigInt(t, n.udmc(alice))
	n.jmTx(t, "tx", "dmc", "claim", farm, "--from", "alice")
	if bigInt(t, n.udmc(alice)).Cmp(d0) <= 0 {
		t.Fatal("alice earned no DMC from the behavioral farm")
	}

	// The term ends: share-time stops; the miner returns the pledge; the rounds pay by share-time.
	end, err := time.Parse(time.RFC3339Nano, n.jmPool("1").Pool.Pool.TermEnd)
	if err != nil {
		t.Fatal(err)
	}
	for time.Now().Before(end.Add(5 * time.Second)) {
		time.Sleep(time.Second)
	}
	n.waitHeight(n.height()+1, 30*time.Second)
	if p := n.jmPool("1"); p.Pool.Period != "matured" {
		t.Fatalf("after the term: %+v", p)
	}
	who := map[string]string{"alice": alice, "bob": bob, "carol": carol}
	st, before := map[string]*big.Rat{}, map[string]*big.Int{}
	total := new(big.Rat)
	for name, addr := range who {
		st[name] = ratOf(t, n.jmHolder("1", addr).Holder.ShareTime)
		total.Add(total, st[name])
		before[name] = n.jmBalance(t, addr, "aifil")
	}
	h = n.jmTx(t, "tx", "jointmine", "return-pledge", "1", ifilAmt(100, 0).String()+"aifil", "--from", "miner")
	n.waitHeight(h+1, 30*time.Second)
	if p := n.jmPool("1"); p.Pool.Period != "settled" {
		t.Fatalf("after the pledge's return: %+v", p)
	}
	sum := new(big.Int)
	for name, addr := range who {
		got := new(big.Int).Sub(n.jmBalance(t, addr, "aifil"), before[name])
		want := new(big.Rat).Mul(new(big.Rat).SetInt(ifilAmt(100, 0)), st[name])
		want.Quo(want, total)
		diff := new(big.Rat).Sub(new(big.Rat).SetInt(got), want)
		if diff.Abs(diff).Cmp(big.NewRat(1_000_000, 1)) > 0 {
			t.Errorf("%s's part of the pledge: %s, ⌊fund × share_time / total⌋ = %s (share-time %s of %s)", name, got, want.FloatString(0), st[name].FloatString(6), total.FloatString(6))
		}
		t.Logf("%s: share-time %s pool-seconds, paid %s aifil", name, st[name].FloatString(6), got)
		sum.Add(sum, got)
	}
	if d := new(big.Int).Sub(ifilAmt(100, 0), sum); d.Sign() < 0 || d.Cmp(big.NewInt(10)) > 0 {
		t.Fatalf("holders got %s of the 100 IFIL pledge", sum)
	}

	// The rest redeems at the final value.
	c0 := n.jmBalance(t, carol, "aifil")
	n.jmTx(t, "tx", "bank", "send", alice, carol, "1000000udmc", "--from", "alice") // carol's fees, if any
	n.jmTx(t, "tx", "jointmine", "redeem", "1", ifilAmt(20, 0).String()+denom, "--from", "carol")
	if n.jmBalance(t, carol, "aifil").Cmp(c0) <= 0 {
		t.Fatal("carol's final redemption paid nothing")
	}
}
