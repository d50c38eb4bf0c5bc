package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hnProposal has the council decide messagesJSON as the README shows: council1 submits, council1
// to council3 vote yes, council4's yes vote with --exec try executes it.
func (n *node) hnProposal(t *testing.T, title, messagesJSON string) {
	t.Helper()
	var a struct {
		Authority string `json:"authority"`
	}
	n.jsonQuery(&a, "q", "dao", "authority")
	file := filepath.Join(t.TempDir(), "proposal.json")
	body := fmt.Sprintf(`{"group_policy_address": %q, "proposers": [%q], "title": %q, "summary": "hashnft",
 "exec": "EXEC_UNSPECIFIED", "messages": [%s]}`, a.Authority, n.addr("council1"), title, messagesJSON)
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, log := n.sendTx("tx", "group", "submit-proposal", file, "--from", "council1", "--gas", "1000000"); code != 0 {
		t.Fatalf("submit-proposal: %d %s", code, log)
	}
	var props struct {
		Proposals []struct {
			ID string `json:"id"`
		} `json:"proposals"`
	}
	n.jsonQuery(&props, "q", "group", "proposals-by-group-policy", a.Authority)
	if len(props.Proposals) == 0 {
		t.Fatal("the proposal is not there")
	}
	id := props.Proposals[len(props.Proposals)-1].ID
	for i := 1; i <= 4; i++ {
		member := fmt.Sprintf("council%d", i)
		args := []string{"tx", "group", "vote", id, n.addr(member), "VOTE_OPTION_YES", "", "--from", member, "--gas", "1000000"}
		if i == 4 {
			args = append(args, "--exec", "try")
		}
		if code, log := n.sendTx(args...); code != 0 {
			t.Fatalf("%s's vote: %d %s", member, code, log)
		}
	}
}

func (n *node) hnTx(t *testing.T, args ...string) {
	t.Helper()
	if code, log := n.sendTx(append(append([]string{"tx", "hashnft"}, args...), "--gas", "2000000")...); code != 0 {
		t.Fatalf("tx hashnft %s: code %d: %s", strings.Join(args, " "), code, log)
	}
}

func (n *node) hnBalance(t *testing.T, addr, denom string) int64 {
	t.Helper()
	var b struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	n.jsonQuery(&b, "q", "bank", "balance", addr, denom)
	return bigInt(t, b.Balance.Amount).Int64()
}

type hnNFT struct {
	Nft struct {
		ID        string    `json:"id"`
		ProductID string    `json:"product_id"`
		Serial    string    `json:"serial"`
		Power     string    `json:"power"`
		TermStart time.Time `json:"term_start"`
		TermEnd   time.Time `json:"term_end"`
		Owner     string    `json:"owner"`
	} `json:"nft"`
	PowerUnit string `json:"power_unit"`
}

func (n *node) hnOwned(t *testing.T, addr string) []hnNFT {
	t.Helper()
	var res struct {
		Nfts []hnNFT `json:"nfts"`
	}
	// REST, as a wallet would read it.
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/hashnft/v1/owners/%s/nfts", n.apiPort, addr), &res); err != nil {
		t.Fatal(err)
	}
	return res.Nfts
}

type hnAuction struct {
	Auction struct {
		Status  string    `json:"status"`
		EndTime time.Time `json:"end_time"`
		Sold    string    `json:"sold"`
	} `json:"auction"`
	Bids []struct {
		Bidder   string `json:"bidder"`
		Filled   string `json:"filled"`
		Refunded struct {
			Amount string `json:"amount"`
		} `json:"refunded"`
	} `json:"bids"`
	ClearingPrice struct {
		Denom  string `json:"denom"`
		Amount string `json:"amount"`
	} `json:"clearing_price"`
}

// The whole hashrate NFT path with the CLI, on a real localnet: a miner applies for two
// products, the council approves both (4 of 7 votes), a buyer buys at a fixed price, the other
// product is auctioned and settles at the uniform price, a holder lists an NFT and another buys
// it; bad input is refused with a clear error.
func TestHashNFTMarketOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 30857)
	n.waitHeight(2, 90*time.Second)
	miner, alice, bob, lender := n.addr("miner"), n.addr("alice"), n.addr("bob"), n.addr("lender")
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`

	// 0. The localnet's oracle finalized the demo nodes' power (1,000 TiB) before genesis:
	// approval needs it to cover what a product sells (SPEC §10).
	var latest struct {
		Value struct {
			Figures struct {
				Power string `json:"power"`
			} `json:"figures"`
		} `json:"value"`
	}
	n.jsonQuery(&latest, "q", "oracle", "node-latest", "f05678")
	if latest.Value.Figures.Power != "1099511627776000" {
		t.Fatalf("f05678's finalized power on the localnet: %+v, want 1000 TiB in bytes", latest)
	}

	// 1. The miner applies: 10 NFTs of 1 TiB for 360 days at 1 USDT, and 5 by auction (reserve 0.5 USDT).
	minerBefore := n.hnBalance(t, miner, "udmc")
	n.hnTx(t, "apply", "FIL", "f01234", "TiB", "1", "10", "360", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	n.hnTx(t, "apply", "FIL", "f05678", "TiB", "2", "5", "540", "auction", "500000uusdt", "--auction-duration", "60s",
		"--disclosure", disclosure, "--from", "miner")
	if paid := minerBefore - n.hnBalance(t, miner, "udmc"); paid != 200_000_000 {
		t.Fatalf("the miner paid %d udmc for two applications, want 2 × 100 DMC deposits", paid)
	}
	var apps struct {
		Applications []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"applications"`
	}
	// REST query parameters take enums by number (1 = APPLICATION_STATUS_PENDING).
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/hashnft/v1/applications?status=1&miner=%s", n.apiPort, miner), &apps); err != nil {
		t.Fatal(err)
	}
	if len(apps.Applications) != 2 {
		t.Fatalf("pending applications over REST: %+v", apps.Applications)
	}

	// 2. The council approves both in one proposal.
	var auth struct {
		Authority string `json:"authority"`
	}
	n.jsonQuery(&auth, "q", "dao", "authority")
	approve := func(id int) string {
		return fmt.Sprintf(`{"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "%d"}`, auth.Authority, id)
	}
	n.hnProposal(t, "approve products 1 and 2", approve(1)+", "+approve(2))
	var product struct {
		Product struct {
			Status    string `json:"status"`
			SaleMode  string `json:"sale_mode"`
			AuctionID string `json:"auction_id"`
		} `json:"product"`
		Unsold string `json:"unsold"`
	}
	n.jsonQuery(&product, "q", "hashnft", "product", "1")
	if product.Product.Status != "PRODUCT_STATUS_ACTIVE" || product.Product.SaleMode != "SALE_MODE_FIXED_PRICE" || product.Unsold != "10" {
		t.Fatalf("product 1 after the council's approval: %+v", product)
	}
	if got := minerBefore - n.hnBalance(t, miner, "udmc"); got != 0 {
		t.Fatalf("the deposits were not refunded on approval: the miner is %d udmc short", got)
	}
	// The governance hooks name the council proposal that decides each application (x/hashnft's
	// items), by module and item, over the CLI and over REST.
	var dec struct {
		Decision struct {
			Module     string `json:"module"`
			ItemID     string `json:"item_id"`
			Kind       string `json:"kind"`
			ProposalID string `json:"proposal_id"`
			Outcome    string `json:"outcome"`
		} `json:"decision"`
	}
	n.jsonQuery(&dec, "q", "dao", "decision", "hashnft", "2")
	if dec.Decision.Module != "hashnft" || dec.Decision.ItemID != "2" || dec.Decision.Kind != "PROPOSAL_KIND_GROUP" ||
		dec.Decision.ProposalID == "" || dec.Decision.Outcome != "DECISION_OUTCOME_APPROVED" {
		t.Fatalf("decision of application 2: %+v", dec)
	}
	var restDec struct {
		Decision struct {
			Module     string `json:"module"`
			ProposalID string `json:"proposal_id"`
		} `json:"decision"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/dao/v1/decisions/hashnft/1", n.apiPort), &restDec); err != nil {
		t.Fatal(err)
	}
	if restDec.Decision.Module != "hashnft" || restDec.Decision.ProposalID != dec.Decision.ProposalID {
		t.Fatalf("decision of application 1 over REST: %+v, want council proposal %s", restDec, dec.Decision.ProposalID)
	}
	var decs struct {
		Decisions []struct {
			Module string `json:"module"`
			ItemID string `json:"item_id"`
		} `json:"decisions"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/dao/v1/proposals/group/%s/decisions", n.apiPort, dec.Decision.ProposalID), &decs); err != nil {
		t.Fatal(err)
	}
	if len(decs.Decisions) != 2 || decs.Decisions[0].Module != "hashnft" || decs.Decisions[0].ItemID != "1" ||
		decs.Decisions[1].Module != "hashnft" || decs.Decisions[1].ItemID != "2" {
		t.Fatalf("council proposal %s decides %+v over REST, want applications 1 and 2 of hashnft", dec.Decision.ProposalID, decs.Decisions)
	}

	// 3. Alice buys 2 at the fixed price: 2 USDT, 2% to revenue, the rest in the product's escrow.
	aliceBefore := n.hnBalance(t, alice, "uusdt")
	n.hnTx(t, "buy", "1", "2", "1000000uusdt", "--from", "alice")
	if paid := aliceBefore - n.hnBalance(t, alice, "uusdt"); paid != 2_000_000 {
		t.Fatalf("alice paid %d uusdt for 2 NFTs", paid)
	}
	owned := n.hnOwned(t, alice)
	if len(owned) != 2 || owned[0].Nft.Power != "1" || owned[0].PowerUnit != "TiB" ||
		owned[0].Nft.TermEnd.Sub(owned[0].Nft.TermStart) != 360*24*time.Hour {
		t.Fatalf("alice's NFTs over REST: %+v", owned)
	}
	var escrow struct {
		Escrow struct {
			Held []struct {
				Amount string `json:"amount"`
			} `json:"held"`
		} `json:"escrow"`
	}
	n.jsonQuery(&escrow, "q", "hashnft", "product", "1")
	if len(escrow.Escrow.Held) != 1 || escrow.Escrow.Held[0].Amount != "1960000" {
		t.Fatalf("escrow of product 1: %+v, want 1960000uusdt", escrow.Escrow)
	}

	// 4. The auction: bob 3 at 0.6, the lender 3 at 0.55 for 5 NFTs; the clearing price is 0.55.
	n.jsonQuery(&product, "q", "hashnft", "product", "2")
	aid := product.Product.AuctionID
	lenderBefore := n.hnBalance(t, lender, "uusdt")
	n.hnTx(t, "bid", aid, "3", "600000uusdt", "--from", "bob")
	n.hnTx(t, "bid", aid, "3", "550000uusdt", "--from", "lender")
	var a hnAuction
	n.jsonQuery(&a, "q", "hashnft", "auction", aid)
	if a.Auction.Status != "AUCTION_STATUS_OPEN" || a.ClearingPrice.Amount != "550000" || len(a.Bids) != 2 {
		t.Fatalf("auction %s while open: %+v", aid, a)
	}
	// Bad input: below the reserve.
	if code, log := n.sendTx("tx", "hashnft", "bid", aid, "1", "400000uusdt", "--from", "alice", "--gas", "1000000"); code == 0 ||
		!strings.Contains(log, "bid 400000uusdt below reserve 500000uusdt") {
		t.Fatalf("a bid below the reserve: code %d %s", code, log)
	}
	deadline := time.Now().Add(150 * time.Second)
	for {
		n.jsonQuery(&a, "q", "hashnft", "auction", aid)
		if a.Auction.Status == "AUCTION_STATUS_SETTLED" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("auction %s not settled (ends %s): %+v", aid, a.Auction.EndTime, a.Auction)
		}
		time.Sleep(2 * time.Second)
	}
	if a.ClearingPrice.Amount != "550000" || a.Auction.Sold != "5" {
		t.Fatalf("settled auction: %+v", a)
	}
	if got := len(n.hnOwned(t, bob)); got != 3 {
		t.Fatalf("bob holds %d NFTs, won 3", got)
	}
	lenders := n.hnOwned(t, lender)
	if len(lenders) != 2 || lenders[0].Nft.Power != "2" {
		t.Fatalf("the lender's NFTs: %+v (won 2 of its 3)", lenders)
	}
	// It locked 3 × 0.55, paid 2 × 0.55: the third is refunded.
	if paid := lenderBefore - n.hnBalance(t, lender, "uusdt"); paid != 1_100_000 {
		t.Fatalf("the lender paid %d uusdt, want 1100000", paid)
	}

	// 5. Alice lists an NFT; bob buys it; alice is paid in the same transaction (1% trading fee).
	nft := owned[0].Nft.ID
	n.hnTx(t, "list", nft, "2000000uusdt", "--from", "alice")
	// Bad input: a second listing, and a transfer of the listed NFT.
	if code, log := n.sendTx("tx", "hashnft", "list", nft, "1uusdt", "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "is listed") {
		t.Fatalf("a second listing: code %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "hashnft", "transfer", nft, bob, "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "is listed") {
		t.Fatalf("a transfer of a listed NFT: code %d %s", code, log)
	}
	var listings struct {
		Listings []struct {
			NftID string `json:"nft_id"`
		} `json:"listings"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/hashnft/v1/products/1/listings", n.apiPort), &listings); err != nil {
		t.Fatal(err)
	}
	if len(listings.Listings) != 1 || listings.Listings[0].NftID != nft {
		t.Fatalf("product 1's listings over REST: %+v", listings)
	}
	aliceBefore = n.hnBalance(t, alice, "uusdt")
	n.hnTx(t, "buy-listing", nft, "2000000uusdt", "--from", "bob")
	if got := n.hnBalance(t, alice, "uusdt") - aliceBefore; got != 1_980_000 {
		t.Fatalf("alice received %d uusdt for her NFT, want 1980000", got)
	}
	var one struct {
		Nft hnNFT `json:"nft"`
	}
	n.jsonQuery(&one, "q", "hashnft", "nft", nft)
	if one.Nft.Nft.Owner != bob {
		t.Fatalf("NFT %s belongs to %s after the sale, want bob", nft, one.Nft.Nft.Owner)
	}
	// Bob sends it on; buying more than is left is refused.
	n.hnTx(t, "transfer", nft, lender, "--from", "bob")
	if code, log := n.sendTx("tx", "hashnft", "buy", "1", "9", "1000000uusdt", "--from", "alice", "--gas", "1000000"); code == 0 ||
		!strings.Contains(log, "buy 9 NFTs of product 1, 8 left") {
		t.Fatalf("buying more than is left: code %d %s", code, log)
	}
	var rev struct {
		Revenue []struct {
			Amount string `json:"amount"`
		} `json:"revenue"`
	}
	n.jsonQuery(&rev, "q", "hashnft", "revenue")
	// 2% of 2 USDT + 2% of 5 × 0.55 USDT + 1% of 2 USDT.
	if len(rev.Revenue) != 1 || rev.Revenue[0].Amount != fmt.Sprint(40_000+55_000+20_000) {
		t.Fatalf("platform revenue %+v", rev.Revenue)
	}
}
