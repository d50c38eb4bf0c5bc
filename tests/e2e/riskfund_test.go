package e2e

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// flexInt reads a JSON integer written as a number (uint32 fields) or a string (uint64 and Int
// fields); missing reads 0.
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	var v int64
	if _, err := fmt.Sscan(s, &v); err != nil {
		return fmt.Errorf("integer %s: %w", b, err)
	}
	*f = flexInt(v)
	return nil
}

type rfCoin struct {
	Denom  string  `json:"denom"`
	Amount flexInt `json:"amount"`
}

type rfBooks struct {
	Denom     string  `json:"denom"`
	Balance   flexInt `json:"balance"`
	Committed flexInt `json:"committed"`
	Owed      flexInt `json:"owed"`
	Reserved  flexInt `json:"reserved"`
}

// rfFund is `q riskfund fund`'s books of denom.
func (n *node) rfFund(t *testing.T, denom string) rfBooks {
	t.Helper()
	var f struct {
		Denoms []struct {
			Books rfBooks `json:"books"`
		} `json:"denoms"`
	}
	n.jsonQuery(&f, "q", "riskfund", "fund")
	for _, d := range f.Denoms {
		if d.Books.Denom == denom {
			return d.Books
		}
	}
	return rfBooks{Denom: denom}
}

type rfClaim struct {
	NftID     flexInt `json:"nft_id"`
	Recipient string  `json:"recipient"`
	Cover     flexInt `json:"cover"`
	Paid      flexInt `json:"paid"`
}

func (n *node) rfClaims(product string) []rfClaim {
	var c struct {
		Claims []rfClaim `json:"claims"`
	}
	n.jsonQuery(&c, "q", "riskfund", "claims", product)
	return c.Claims
}

// rfTx runs `dmexd tx riskfund ...` and fails the test unless it succeeds.
func (n *node) rfTx(t *testing.T, args ...string) {
	t.Helper()
	if code, log := n.sendTx(append(append([]string{"tx", "riskfund"}, args...), "--gas", "1000000")...); code != 0 {
		t.Fatalf("tx riskfund %s: code %d: %s", strings.Join(args, " "), code, log)
	}
}

// part is serial's part of total over n NFTs: total / n, one unit more for serials 1..total mod n
// (x/escrow's refunds and x/riskfund's compensations split this way).
func part(total, n, serial int64) int64 {
	if serial <= total%n {
		return total/n + 1
	}
	return total / n
}

// Mining insurance over the CLI on a localnet whose `day` lasts 8 s: alice buys two NFTs of a
// uusdt product and bob one; a sponsor funds the risk fund with uusdt; the council shortens the
// waiting period to one day; alice insures one NFT at the quoted premium; the miner pays the
// waiting day, then deposits no more and x/escrow suspends the product (the cover counts the six
// unpaid days after cover start, issue #14 item 4); the council terminates it. Alice receives the escrow
// refund and the cover at once, bob the refund only; then a council compensation reaches both.
func TestRiskFundInsuranceOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 31457, "DAY_EPOCH_SECONDS=8")
	n.waitHeight(2, 90*time.Second)
	alice, bob := n.addr("alice"), n.addr("bob")
	auth := n.councilPolicy()
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`

	// A sponsor (lender) gives the fund 2,000,000uusdt: capacity for a 980,000uusdt cover.
	n.rfTx(t, "deposit", "2000000uusdt", "--from", "lender")
	if b := n.rfFund(t, "uusdt"); b.Balance != 2_000_000 {
		t.Fatalf("uusdt books after the deposit: %+v", b)
	}

	// The miner applies for a 30-day product on node f01234 (the localnet's oracle knows its
	// power and owner); one council proposal approves it and lets policies start covering after
	// one day.
	start := time.Now()
	n.hnTx(t, "apply", "FIL", "f01234", "TiB", "2", "10", "30", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	var params struct {
		Params map[string]any `json:"params"`
	}
	n.jsonQuery(&params, "q", "riskfund", "params")
	params.Params["waiting_days"] = 1
	pj, err := json.Marshal(params.Params)
	if err != nil {
		t.Fatal(err)
	}
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.riskfund.v1.MsgUpdateParams", "authority": %q, "params": %s},
 {"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "1"}`, auth, pj, auth))
	n.jsonQuery(&params, "q", "riskfund", "params")
	if fmt.Sprint(params.Params["waiting_days"]) != "1" {
		t.Fatalf("params after the council's update: %v", params.Params)
	}
	t.Logf("product approved after %s", time.Since(start))
	n.hnTx(t, "buy", "1", "2", "1000000uusdt", "--from", "alice")
	n.hnTx(t, "buy", "1", "1", "1000000uusdt", "--from", "bob")
	var owned struct {
		Nfts []hnNFT `json:"nfts"`
	}
	n.jsonQuery(&owned, "q", "hashnft", "nfts", alice)
	if len(owned.Nfts) != 2 {
		t.Fatalf("alice's NFTs: %+v", owned.Nfts)
	}
	nft := owned.Nfts[0].Nft.ID

	// No policy while the product is in a missed-day streak, which only a day close with a deposit
	// ends (a day lasts 8 s here, and the first days after approval had none): the miner deposits,
	// the test waits for that day's close to end the streak, the miner deposits for the new day too
	// (so the next close cannot start a streak again), and alice insures her first NFT at the
	// quoted premium. A premium above the quote (a day closed between the quote and the insure)
	// is retried.
	var quote struct {
		InsuredValue rfCoin `json:"insured_value"`
		Premium      rfCoin `json:"premium"`
	}
	deposit := func() {
		t.Helper()
		if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "300aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
			t.Fatalf("deposit: %d %s", code, log)
		}
	}
	a0, fund0 := n.hnBalance(t, alice, "uusdt"), n.rfFund(t, "uusdt")
	var insuredAt int64 // the height of the insure transaction
	for try := 1; ; try++ {
		deposit()
		waitFor(t, "a day close ending the missed-day streak", 60*time.Second, func() bool {
			var e struct {
				Escrow struct {
					MissedDaysInRow flexInt `json:"missed_days_in_row"`
				} `json:"escrow"`
			}
			n.jsonQuery(&e, "q", "escrow", "escrow", "1")
			return e.Escrow.MissedDaysInRow == 0
		})
		deposit()
		n.jsonQuery(&quote, "q", "riskfund", "premium", "1")
		code, log, h := n.sendTxAt("tx", "riskfund", "insure", nft, fmt.Sprintf("%duusdt", quote.Premium.Amount), "--from", "alice", "--gas", "1000000")
		if code == 0 {
			insuredAt = h
			break
		}
		if try == 5 || !strings.Contains(log, "missed days in its current streak") && !strings.Contains(log, "above the maximum") {
			t.Fatalf("insure (try %d): code %d %s", try, code, log)
		}
		t.Logf("insure (try %d) refused: %s", try, log)
	}
	if quote.InsuredValue.Amount != 980_000 || quote.Premium.Denom != "uusdt" || quote.Premium.Amount < 19_600 {
		t.Fatalf("quote %+v: insured 3 × 1,000,000 less 2%%, over 3 NFTs; 2%% of it at least", quote)
	}
	if paid := a0 - n.hnBalance(t, alice, "uusdt"); paid != int64(quote.Premium.Amount) {
		t.Fatalf("alice paid %d, quoted %d", paid, quote.Premium.Amount)
	}
	fund1 := n.rfFund(t, "uusdt")
	if fund1.Balance-fund0.Balance != quote.Premium.Amount || fund1.Committed != 980_000 {
		t.Fatalf("uusdt books after the premium: %+v (before %+v)", fund1, fund0)
	}
	t.Logf("insured after %s", time.Since(start))
	var pol struct {
		Policy struct {
			InsuredValue      flexInt `json:"insured_value"`
			UnpaidDaysAtStart flexInt `json:"unpaid_days_at_start"`
			TermDays          flexInt `json:"term_days"`
			CoverStartDay     flexInt `json:"cover_start_day"`
			CoverStarted      bool    `json:"cover_started"`
		} `json:"policy"`
	}
	n.jsonQuery(&pol, "q", "riskfund", "policy", nft, "--height", strconv.FormatInt(insuredAt, 10))
	// Queried at the purchase's height, before the close of cover_start_day whatever the load:
	// unpaid_days_at_start is the purchase-time upper bound (the counter then plus the waiting day).
	if pol.Policy.InsuredValue != 980_000 || pol.Policy.TermDays != 30 || pol.Policy.CoverStarted {
		t.Fatalf("policy %+v", pol.Policy)
	}
	if code, log := n.sendTx("tx", "riskfund", "insure", nft, "1000000uusdt", "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "already has a policy") {
		t.Fatalf("insure twice: code %d %s", code, log)
	}
	// The miner pays the waiting day, well above any market average (a deposit more than 20% below
	// it is an unpaid day too): if the deposit lands before the product's close of cover_start_day
	// (its next_day is still that day), the day is paid and the counter at cover start, which the
	// fund takes after that close, is the counter at purchase.
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "1000000000000000000000aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
		t.Fatalf("deposit: %d %s", code, log)
	}
	var esc0 struct {
		Escrow struct {
			NextDay flexInt `json:"next_day"`
		} `json:"escrow"`
	}
	n.jsonQuery(&esc0, "q", "escrow", "escrow", "1")
	waitingPaid := esc0.Escrow.NextDay == pol.Policy.CoverStartDay
	// At purchase: the counter then (days missed before the insurance count) plus the waiting day.
	atPurchase := pol.Policy.UnpaidDaysAtStart - 1

	serials := map[string][]int64{}
	for _, who := range []string{alice, bob} {
		n.jsonQuery(&owned, "q", "hashnft", "nfts", who)
		for _, x := range owned.Nfts {
			serials[who] = append(serials[who], bigInt(t, x.Nft.Serial).Int64())
		}
	}
	if len(serials[bob]) != 1 {
		t.Fatalf("bob's NFTs: %v", serials[bob])
	}

	// The miner deposits no more: six days unpaid, the seventh suspends the product.
	waitFor(t, "the suspension", 120*time.Second, func() bool { return n.escrowOf(t, "1").Status == "ESCROW_STATUS_SUSPENDED" })
	var esc struct {
		Escrow struct {
			UnpaidDays flexInt `json:"unpaid_days"`
		} `json:"escrow"`
	}
	n.jsonQuery(&esc, "q", "escrow", "escrow", "1")
	n.jsonQuery(&pol, "q", "riskfund", "policy", nft)
	// Cover = insured × min(term, U) / term, U = unpaid days − unpaid_days_at_start, the counter
	// at cover start: the six unpaid days after a paid waiting day (the streak of 7 missed days
	// includes the waiting day if it was missed: then it is the 1 unpaid day of the waiting period
	// and 5 of the 6 are after it).
	u := int64(esc.Escrow.UnpaidDays - pol.Policy.UnpaidDaysAtStart)
	inWaiting := int64(pol.Policy.UnpaidDaysAtStart - atPurchase)
	if !pol.Policy.CoverStarted || esc.Escrow.UnpaidDays != atPurchase+6 || u != 6-inWaiting || inWaiting > 1 || (waitingPaid && u != 6) {
		t.Fatalf("policy %+v, unpaid days %d, %d at purchase (waiting day paid: %v): U = %d, want 6 after a paid waiting day, else 5",
			pol.Policy, esc.Escrow.UnpaidDays, atPurchase, waitingPaid, u)
	}
	t.Logf("waiting day paid: %v, U = %d", waitingPaid, u)
	cover := int64(pol.Policy.InsuredValue) * u / int64(pol.Policy.TermDays) // 196,000 after a paid waiting day

	// The council terminates the product: the escrow's remainder is refunded per NFT, and the
	// insured NFT's cover is paid from the fund in the next blocks, without a claim.
	t.Logf("suspended after %s", time.Since(start))
	remaining := coinsAmount(t, n.escrowOf(t, "1").Remaining, "uusdt")
	a1, b1 := n.hnBalance(t, alice, "uusdt"), n.hnBalance(t, bob, "uusdt")
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.escrow.v1.MsgTerminateEscrow", "authority": %q, "product_id": "1", "reason": "node offline"}`, auth))
	waitFor(t, "the refunds and the cover", 30*time.Second, func() bool {
		c := n.rfClaims("1")
		return n.escrowOf(t, "1").Escrow.RefundDone && len(c) == 1 && c[0].Paid == c[0].Cover
	})
	c := n.rfClaims("1")
	if int64(c[0].Cover) != cover || c[0].Recipient != alice || fmt.Sprint(c[0].NftID) != nft {
		t.Fatalf("claims %+v, want NFT %s's cover %d to alice", c, nft, cover)
	}
	refund := func(who string) int64 {
		var sum int64
		for _, s := range serials[who] {
			sum += part(remaining, 3, s)
		}
		return sum
	}
	if got := n.hnBalance(t, alice, "uusdt") - a1; got != refund(alice)+cover {
		t.Fatalf("alice got %d, want her refund %d + the cover %d", got, refund(alice), cover)
	}
	if got := n.hnBalance(t, bob, "uusdt") - b1; got != refund(bob) {
		t.Fatalf("bob got %d, want his refund %d only", got, refund(bob))
	}

	// The council compensates the product's holders from the fund: 1,000,000uusdt over 3 NFTs.
	a2, b2 := n.hnBalance(t, alice, "uusdt"), n.hnBalance(t, bob, "uusdt")
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.riskfund.v1.MsgCompensate", "authority": %q, "product_id": "1",
 "amount": {"denom": "uusdt", "amount": "1000000"}}`, auth))
	var comps struct {
		Compensations []struct {
			Amount flexInt `json:"amount"`
			Paid   flexInt `json:"paid"`
		} `json:"compensations"`
	}
	waitFor(t, "the compensation", 30*time.Second, func() bool {
		n.jsonQuery(&comps, "q", "riskfund", "compensations", "1")
		return len(comps.Compensations) == 1 && comps.Compensations[0].Paid == 1_000_000
	})
	share := func(who string) int64 {
		var sum int64
		for _, s := range serials[who] {
			sum += part(1_000_000, 3, s)
		}
		return sum
	}
	ga, gb := n.hnBalance(t, alice, "uusdt")-a2, n.hnBalance(t, bob, "uusdt")-b2
	if ga != share(alice) || gb != share(bob) || ga+gb != 1_000_000 {
		t.Fatalf("compensation: alice %d (want %d), bob %d (want %d)", ga, share(alice), gb, share(bob))
	}
	f := n.rfFund(t, "uusdt")
	if want := fund1.Balance - flexInt(cover) - 1_000_000; f.Balance != want || f.Owed != 0 || f.Committed != 0 || f.Reserved != 0 {
		t.Fatalf("uusdt books at the end: %+v, want a balance of %d and nothing owed, committed or reserved", f, want)
	}
}
