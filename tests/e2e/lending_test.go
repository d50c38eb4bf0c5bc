package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

type lnLoan struct {
	Loan struct {
		ID              flexInt   `json:"id"`
		Borrower        string    `json:"borrower"`
		Lender          string    `json:"lender"`
		Principal       rfCoin    `json:"principal"`
		Interest        flexInt   `json:"interest"`
		PrincipalRepaid flexInt   `json:"principal_repaid"`
		InterestRepaid  flexInt   `json:"interest_repaid"`
		FeePaid         flexInt   `json:"fee_paid"`
		NftIDs          []flexInt `json:"nft_ids"`
		Status          string    `json:"status"`
	} `json:"loan"`
	Owed     rfCoin    `json:"owed"`
	GraceEnd time.Time `json:"grace_end"`
}

func (n *node) lnLoan(id string) lnLoan {
	var l lnLoan
	n.jsonQuery(&l, "q", "lending", "loan", id)
	return l
}

// lnTx runs `dmexd tx lending ...` and fails the test unless it succeeds.
func (n *node) lnTx(t *testing.T, args ...string) {
	t.Helper()
	if code, log := n.sendTx(append(append([]string{"tx", "lending"}, args...), "--gas", "1000000")...); code != 0 {
		t.Fatalf("tx lending %s: code %d: %s", strings.Join(args, " "), code, log)
	}
}

// lnRefused runs a `dmexd tx lending ...` that must fail with a log containing want.
func (n *node) lnRefused(t *testing.T, want string, args ...string) {
	t.Helper()
	if code, log := n.sendTx(append(append([]string{"tx", "lending"}, args...), "--gas", "1000000")...); code == 0 || !strings.Contains(log, want) {
		t.Fatalf("tx lending %s: code %d %q, want an error with %q", strings.Join(args, " "), code, log, want)
	}
}

// lendingFees is what x/lending's fee has paid into platform revenue in denom (`q dmc revenue`).
func (n *node) lendingFees(t *testing.T, denom string) int64 {
	t.Helper()
	var r struct {
		Revenue []struct {
			Denom    string `json:"denom"`
			Credited []struct {
				Name   string  `json:"name"`
				Amount flexInt `json:"amount"`
			} `json:"credited"`
		} `json:"revenue"`
	}
	n.jsonQuery(&r, "q", "dmc", "revenue", "--denom", denom, "--source", "lending_fee")
	var sum int64
	for _, d := range r.Revenue {
		for _, c := range d.Credited {
			if d.Denom == denom && c.Name == "lending_fee" {
				sum += int64(c.Amount)
			}
		}
	}
	return sum
}

// councilDecidesWithGas is councilDecides with --gas on every transaction: executing three
// messages at once (a params update and two approvals) takes more than the default 200,000.
func (n *node) councilDecidesWithGas(t *testing.T, gas, messagesJSON string) {
	t.Helper()
	auth := n.councilPolicy()
	file := writeFile(t, "council.json", fmt.Sprintf(`{"group_policy_address": %q, "proposers": [%q],
 "title": "council decision", "summary": "DMEX authority message", "messages": [%s]}`,
		auth, n.addr("council1"), messagesJSON))
	if code, log := n.sendTx("tx", "group", "submit-proposal", file, "--exec", "try", "--from", "council1", "--gas", gas); code != 0 {
		t.Fatalf("submit-proposal: %d %s", code, log)
	}
	var props struct {
		Proposals []struct {
			ID string `json:"id"`
		} `json:"proposals"`
	}
	n.jsonQuery(&props, "q", "group", "proposals-by-group-policy", auth)
	if len(props.Proposals) == 0 {
		t.Fatal("no open council proposal")
	}
	id := props.Proposals[len(props.Proposals)-1].ID
	for i, member := range []string{"council2", "council3", "council4"} {
		args := []string{"tx", "group", "vote", id, n.addr(member), "VOTE_OPTION_YES", "", "--from", member, "--gas", gas}
		if i == 2 {
			args = append(args, "--exec", "try")
		}
		if code, log := n.sendTx(args...); code != 0 {
			t.Fatalf("%s vote: %d %s", member, code, log)
		}
	}
}

type lnNFT struct {
	ID        string `json:"id"`
	ProductID string `json:"product_id"`
	Owner     string `json:"owner"`
	LockedBy  string `json:"locked_by"`
}

// lnNFT is `q hashnft nft ID`'s NFT.
func (n *node) lnNFT(id string) lnNFT {
	var v struct {
		Nft struct {
			Nft lnNFT `json:"nft"`
		} `json:"nft"`
	}
	n.jsonQuery(&v, "q", "hashnft", "nft", id)
	return v.Nft.Nft
}

// Loans against hashrate NFTs over the CLI on a real localnet (issue #15 item 9). The council
// approves two products of the miner and shortens the lending grace to 20 s; a lender offers
// 1,000,000uusdt for 100,000uusdt of interest over 60 s against any NFT of product 1, twice.
// Alice takes it with one NFT (not with her NFT of product 2), the NFT's rewards keep reaching
// her, she repays in two parts (fee 10% of the interest to platform revenue, the rest to the
// lender) and gets her NFT back. Bob takes the second loan and does not repay: at his grace end
// the NFT is the lender's without any transaction, and its next rewards reach the lender.
func TestLendingOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	// Days of 86,400 s: no escrow day closes (nor a missed-day suspension) during the test, so no
	// query races a day boundary.
	n, _, _ := startLocalnet(t, 31557)
	n.waitHeight(2, 90*time.Second)
	start := time.Now()
	alice, bob, lender := n.addr("alice"), n.addr("bob"), n.addr("lender")
	auth := n.councilPolicy()
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`

	// Two 30-day products on the localnet's nodes (the oracle knows their power and owner); one
	// council proposal approves both and sets a 20 s grace.
	n.hnTx(t, "apply", "FIL", "f01234", "TiB", "2", "10", "30", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	n.hnTx(t, "apply", "FIL", "f05678", "TiB", "2", "10", "30", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	var params struct {
		Params map[string]any `json:"params"`
	}
	n.jsonQuery(&params, "q", "lending", "params")
	params.Params["grace"] = "20s"
	pj, err := json.Marshal(params.Params)
	if err != nil {
		t.Fatal(err)
	}
	n.councilDecidesWithGas(t, "2000000", fmt.Sprintf(`{"@type": "/dmex.lending.v1.MsgUpdateParams", "authority": %q, "params": %s},
 {"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "1"},
 {"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "2"}`, auth, pj, auth, auth))
	n.jsonQuery(&params, "q", "lending", "params")
	if fmt.Sprint(params.Params["grace"]) != "20s" || fmt.Sprint(params.Params["fee_bps"]) != "1000" {
		t.Fatalf("lending params after the council's update: %v", params.Params)
	}
	n.hnTx(t, "buy", "1", "2", "1000000uusdt", "--from", "alice")
	n.hnTx(t, "buy", "1", "1", "1000000uusdt", "--from", "bob")
	n.hnTx(t, "buy", "2", "1", "1000000uusdt", "--from", "alice")
	var aliceNFT, aliceOther, bobNFT string
	for _, x := range n.hnOwned(t, alice) {
		switch {
		case x.Nft.ProductID == "1" && aliceNFT == "":
			aliceNFT = x.Nft.ID
		case x.Nft.ProductID == "2":
			aliceOther = x.Nft.ID
		}
	}
	for _, x := range n.hnOwned(t, bob) {
		bobNFT = x.Nft.ID
	}
	if aliceNFT == "" || aliceOther == "" || bobNFT == "" {
		t.Fatalf("NFTs: alice's of product 1 %q and of product 2 %q, bob's %q", aliceNFT, aliceOther, bobNFT)
	}
	t.Logf("products approved and NFTs bought after %s", time.Since(start))

	// The lender's offer locks principal × max loans at once.
	l0, a0, b0, fees0 := n.hnBalance(t, lender, "uusdt"), n.hnBalance(t, alice, "uusdt"), n.hnBalance(t, bob, "uusdt"), n.lendingFees(t, "uusdt")
	expiry := time.Now().UTC().Add(time.Hour).Format(time.RFC3339)
	n.lnTx(t, "create-offer", "1000000uusdt", "100000", "60s", `{"kind":"COLLATERAL_KIND_PRODUCT","product_id":"1","amount":"0"}`, "2", expiry, "--from", "lender")
	if got := l0 - n.hnBalance(t, lender, "uusdt"); got != 2_000_000 {
		t.Fatalf("the offer took %duusdt from the lender, want 2 × 1,000,000", got)
	}
	var books struct {
		Books []struct {
			Denom           string  `json:"denom"`
			LockedPrincipal flexInt `json:"locked_principal"`
		} `json:"books"`
	}
	locked := func() flexInt {
		n.jsonQuery(&books, "q", "lending", "books")
		for _, b := range books.Books {
			if b.Denom == "uusdt" {
				return b.LockedPrincipal
			}
		}
		return 0
	}
	if got := locked(); got != 2_000_000 {
		t.Fatalf("uusdt locked by lending: %d, want 2,000,000 (%+v)", got, books)
	}
	// An NFT of another product does not match the offer.
	n.lnRefused(t, fmt.Sprintf("offer 1 takes NFTs of product 1; NFT %s is of product 2", aliceOther), "take-offer", "1", aliceOther, "--from", "alice")

	// Alice and bob take the two loans; each gets the principal at once and the NFT is locked.
	n.lnTx(t, "take-offer", "1", aliceNFT, "--from", "alice")
	n.lnTx(t, "take-offer", "1", bobNFT, "--from", "bob")
	if ga, gb := n.hnBalance(t, alice, "uusdt")-a0, n.hnBalance(t, bob, "uusdt")-b0; ga != 1_000_000 || gb != 1_000_000 {
		t.Fatalf("alice received %d, bob %d, want 1,000,000uusdt each", ga, gb)
	}
	if v := n.lnNFT(aliceNFT); v.Owner != alice || v.LockedBy != "lending" {
		t.Fatalf("alice's collateral %+v: hers and locked by lending", v)
	}
	var offers struct {
		Offers []json.RawMessage `json:"offers"`
	}
	n.jsonQuery(&offers, "q", "lending", "offers")
	if len(offers.Offers) != 0 || locked() != 0 {
		t.Fatalf("the used-up offer is still open (%d offers) or principal is still locked (%d)", len(offers.Offers), locked())
	}
	if code, log := n.sendTx("tx", "hashnft", "transfer", aliceNFT, bob, "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "held as collateral by lending") {
		t.Fatalf("transfer of a locked NFT: code %d %s", code, log)
	}

	// Rewards keep arriving to the borrowers: 3000aifil over the 3 NFTs of product 1.
	aa0, ba0 := n.hnBalance(t, alice, "aifil"), n.hnBalance(t, bob, "aifil")
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "3000aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
		t.Fatalf("deposit: %d %s", code, log)
	}
	waitFor(t, "the payouts to the borrowers", 60*time.Second, func() bool {
		return n.hnBalance(t, alice, "aifil")-aa0 == 2000 && n.hnBalance(t, bob, "aifil")-ba0 == 1000
	})

	// Alice repays 60,000 (interest first: fee 6,000, lender 54,000), then the 1,040,000 she owes.
	n.lnTx(t, "repay", "1", "60000uusdt", "--from", "alice")
	l := n.lnLoan("1")
	if l.Owed.Amount != 1_040_000 || l.Loan.InterestRepaid != 60_000 || l.Loan.FeePaid != 6_000 || l.Loan.Status != "LOAN_STATUS_ACTIVE" {
		t.Fatalf("loan 1 after the first part: %+v", l)
	}
	if got := n.hnBalance(t, lender, "uusdt") - (l0 - 2_000_000); got != 54_000 {
		t.Fatalf("the lender received %d, want 54,000", got)
	}
	if got := n.lendingFees(t, "uusdt") - fees0; got != 6_000 {
		t.Fatalf("lending fees to revenue: %d, want 6,000", got)
	}
	n.lnRefused(t, "above what is owed", "repay", "1", "1040001uusdt", "--from", "alice")
	n.lnTx(t, "repay", "1", "1040000uusdt", "--from", "alice")
	l = n.lnLoan("1")
	if l.Owed.Amount != 0 || l.Loan.Status != "LOAN_STATUS_REPAID" || l.Loan.FeePaid != 10_000 || l.Loan.PrincipalRepaid != 1_000_000 {
		t.Fatalf("loan 1 after the second part: %+v", l)
	}
	if v := n.lnNFT(aliceNFT); v.Owner != alice || v.LockedBy != "" {
		t.Fatalf("alice's NFT after repaying: %+v, want hers and unlocked", v)
	}
	if got := n.lendingFees(t, "uusdt") - fees0; got != 10_000 {
		t.Fatalf("lending fees to revenue: %d, want 10,000 (10%% of the interest)", got)
	}
	if got := n.hnBalance(t, alice, "uusdt") - a0; got != -100_000 {
		t.Fatalf("alice's uusdt changed by %d, want −100,000 (the interest)", got)
	}
	n.lnRefused(t, "loan 1 is LOAN_STATUS_REPAID", "repay", "1", "1uusdt", "--from", "alice")
	t.Logf("alice repaid after %s", time.Since(start))

	// Bob does not repay: at his grace end the block forecloses, the NFT is the lender's.
	graceEnd := n.lnLoan("2").GraceEnd
	t.Logf("bob's grace ends at %s (in %s)", graceEnd.Format(time.RFC3339), time.Until(graceEnd).Round(time.Second))
	waitFor(t, "the foreclosure", time.Until(graceEnd)+90*time.Second, func() bool {
		return n.lnLoan("2").Loan.Status == "LOAN_STATUS_FORECLOSED"
	})
	if v := n.lnNFT(bobNFT); v.Owner != lender || v.LockedBy != "" {
		t.Fatalf("bob's NFT after the foreclosure: %+v, want the lender's and unlocked", v)
	}
	if got := n.hnBalance(t, lender, "uusdt") - l0; got != -2_000_000+54_000+1_036_000 {
		t.Fatalf("the lender's uusdt changed by %d, want −2,000,000 + 1,090,000", got)
	}
	if got := n.hnBalance(t, bob, "uusdt") - b0; got != 1_000_000 {
		t.Fatalf("bob kept %d, want the 1,000,000 principal", got)
	}
	n.lnRefused(t, "loan 2 is LOAN_STATUS_FORECLOSED", "repay", "2", "1100000uusdt", "--from", "bob")

	// The NFT's later rewards reach the lender.
	aa1, ba1, la1 := n.hnBalance(t, alice, "aifil"), n.hnBalance(t, bob, "aifil"), n.hnBalance(t, lender, "aifil")
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "3000aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
		t.Fatalf("deposit: %d %s", code, log)
	}
	waitFor(t, "the payouts after the foreclosure", 60*time.Second, func() bool {
		return n.hnBalance(t, alice, "aifil")-aa1 == 2000 && n.hnBalance(t, lender, "aifil")-la1 == 1000
	})
	if got := n.hnBalance(t, bob, "aifil") - ba1; got != 0 {
		t.Fatalf("bob received %daifil after the foreclosure", got)
	}
	t.Logf("done after %s", time.Since(start))
}
