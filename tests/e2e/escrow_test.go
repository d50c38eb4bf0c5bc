package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

type escrowView struct {
	Escrow struct {
		RefundDone bool `json:"refund_done"`
	} `json:"escrow"`
	PaidIn    []struct{ Denom, Amount string } `json:"paid_in"`
	Released  []struct{ Denom, Amount string } `json:"released"`
	Remaining []struct{ Denom, Amount string } `json:"remaining"`
	DaysLeft  int64                            `json:"days_left"`
	Status    string                           `json:"status"`
	Reason    string                           `json:"reason"`
}

func coinsAmount(t *testing.T, cs []struct{ Denom, Amount string }, denom string) int64 {
	for _, c := range cs {
		if c.Denom == denom {
			return bigInt(t, c.Amount).Int64()
		}
	}
	return 0
}

func (n *node) escrowOf(t *testing.T, product string) escrowView {
	t.Helper()
	var v escrowView
	n.jsonQuery(&v, "q", "escrow", "escrow", product)
	return v
}

// waitFor polls cond every second until it holds or timeout passes.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("timed out after %s waiting for %s", timeout, what)
}

// The escrow over the CLI on a real localnet whose `day` lasts 10 s: holders buy NFTs, the miner
// deposits rewards and they reach the holders' balances without a claim, days release the
// escrow to the miner, the miner stops depositing and the escrow suspends itself after 7 days,
// and the council terminates the product: the holders get the remainder back.
func TestEscrowOverTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 31057, "DAY_EPOCH_SECONDS=10")
	n.waitHeight(2, 90*time.Second)
	miner, alice, bob := n.addr("miner"), n.addr("alice"), n.addr("bob")
	disclosure := `{"name":"Acme Mining Ltd","registration":"HK-1234567","contact":"ops@acme.example","uri":"https://acme.example"}`

	n.hnTx(t, "apply", "FIL", "f07777", "TiB", "2", "10", "60", "fixed-price", "1000000uusdt", "--disclosure", disclosure, "--from", "miner")
	// The localnet's feeder reports f07777's power, the 20 TiB the product sells, and its owner,
	// the miner, so that the council can approve it (SPEC §10). Oracle days last 10 s here too; the network reward 0
	// gives escrow's below-market rule nothing to compare with.
	var cd struct {
		Day        string `json:"day"`
		DaySeconds string `json:"day_seconds"`
	}
	n.jsonQuery(&cd, "q", "oracle", "current-day")
	if cd.DaySeconds != "10" {
		t.Fatalf("oracle days of %s s with DAY_EPOCH_SECONDS=10", cd.DaySeconds)
	}
	if code, log := n.sendTx("tx", "oracle", "report", cd.Day, "0", "f07777:21990232555520:0:"+miner, "--from", "feeder"); code != 0 {
		t.Fatalf("feeder's report: %d %s", code, log)
	}
	auth := n.councilPolicy()
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.hashnft.v1.MsgApproveApplication", "authority": %q, "application_id": "1"}`, auth))
	n.hnTx(t, "buy", "1", "2", "1000000uusdt", "--from", "alice")
	n.hnTx(t, "buy", "1", "1", "1000000uusdt", "--from", "bob")

	v := n.escrowOf(t, "1")
	if coinsAmount(t, v.PaidIn, "uusdt") != 2_940_000 || v.Status != "ESCROW_STATUS_ACTIVE" {
		t.Fatalf("escrow after the sales: %+v", v)
	}

	// Rewards: 3000 aifil over 3 NFTs of equal power, in the holders' balances without a claim.
	a0, b0 := n.hnBalance(t, alice, "aifil"), n.hnBalance(t, bob, "aifil")
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "3000aifil", "--from", "miner", "--gas", "1000000"); code != 0 {
		t.Fatalf("deposit: %d %s", code, log)
	}
	waitFor(t, "the payouts", 20*time.Second, func() bool {
		return n.hnBalance(t, alice, "aifil")-a0 == 2000 && n.hnBalance(t, bob, "aifil")-b0 == 1000
	})
	var rewards struct {
		Nfts []struct {
			Paid struct{ Amount string } `json:"paid"`
		} `json:"nfts"`
	}
	n.jsonQuery(&rewards, "q", "escrow", "rewards", alice)
	if len(rewards.Nfts) != 2 || rewards.Nfts[0].Paid.Amount != "1000" {
		t.Fatalf("alice's rewards: %+v", rewards)
	}
	if code, log := n.sendTx("tx", "escrow", "claim", "--from", "bob", "--gas", "1000000"); code == 0 || !strings.Contains(log, "no rewards pending") {
		t.Fatalf("claim with nothing pending: code %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "5aifil", "--from", "alice", "--gas", "1000000"); code == 0 || !strings.Contains(log, "not "+alice) {
		t.Fatalf("deposit by a holder: code %d %s", code, log)
	}

	// Days release the escrow to the miner.
	m0 := n.hnBalance(t, miner, "uusdt")
	waitFor(t, "a daily release", 40*time.Second, func() bool { return n.hnBalance(t, miner, "uusdt") > m0 })

	// The miner stops depositing: 7 days later the escrow suspends itself and says why.
	waitFor(t, "the suspension", 150*time.Second, func() bool { return n.escrowOf(t, "1").Status == "ESCROW_STATUS_SUSPENDED" })
	v = n.escrowOf(t, "1")
	if !strings.Contains(v.Reason, "no reward deposit for 7 consecutive days") {
		t.Fatalf("suspension reason %q", v.Reason)
	}
	released := coinsAmount(t, v.Released, "uusdt")
	time.Sleep(12 * time.Second)
	if got := coinsAmount(t, n.escrowOf(t, "1").Released, "uusdt"); got != released {
		t.Fatalf("released %d while suspended (was %d)", got, released)
	}
	var mr struct {
		Record struct {
			Deposits   string `json:"deposits"`
			MissedDays int64  `json:"missed_days"`
		} `json:"record"`
	}
	n.jsonQuery(&mr, "q", "escrow", "miner", miner)
	if mr.Record.Deposits != "1" || mr.Record.MissedDays < 7 {
		t.Fatalf("miner record %+v", mr)
	}

	// The council terminates it: the remainder goes back to the holders, 2/3 and 1/3.
	remaining := coinsAmount(t, n.escrowOf(t, "1").Remaining, "uusdt")
	a1, b1 := n.hnBalance(t, alice, "uusdt"), n.hnBalance(t, bob, "uusdt")
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.escrow.v1.MsgTerminateEscrow", "authority": %q, "product_id": "1", "reason": "node offline"}`, auth))
	waitFor(t, "the refunds", 30*time.Second, func() bool { return n.escrowOf(t, "1").Escrow.RefundDone })
	v = n.escrowOf(t, "1")
	ga, gb := n.hnBalance(t, alice, "uusdt")-a1, n.hnBalance(t, bob, "uusdt")-b1
	if v.Status != "ESCROW_STATUS_TERMINATED" || ga+gb != remaining || gb != remaining/3 {
		t.Fatalf("after termination: %s; alice got %d, bob %d of %d", v.Status, ga, gb, remaining)
	}
	if code, log := n.sendTx("tx", "escrow", "deposit-rewards", "1", "5aifil", "--from", "miner", "--gas", "1000000"); code == 0 || !strings.Contains(log, "TERMINATED") {
		t.Fatalf("deposit after termination: code %d %s", code, log)
	}
}
