package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeLotusHandler answers the three Lotus methods dmex-feeder calls: a network of 2^60 bytes
// (2^20 TiB) with a 20 FIL epoch reward, and miner f01234 with 1000 TiB.
func fakeLotusHandler(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ID     int64  `json:"id"`
		Method string `json:"method"`
	}
	_ = json.NewDecoder(r.Body).Decode(&req)
	var result any
	switch req.Method {
	case "Filecoin.ChainHead":
		result = map[string]any{"Cids": []map[string]string{{"/": "bafy2bzacehead"}}, "Height": 1, "Blocks": []map[string]any{{"Timestamp": 1}}}
	case "Filecoin.StateReadState":
		result = map[string]any{"State": map[string]any{"ThisEpochReward": "20000000000000000000"}}
	case "Filecoin.StateMinerPower":
		result = map[string]any{"MinerPower": map[string]string{"QualityAdjPower": "1099511627776000"},
			"TotalPower": map[string]string{"QualityAdjPower": "1152921504606846976"}}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": result})
}

func TestLocalnetOracleAndPeg(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 31257)
	n.waitHeight(2, 240*time.Second)
	auth, _ := n.authority()
	alice, bob, miner, lender := n.addr("alice"), n.addr("bob"), n.addr("miner"), n.addr("lender")
	c5, c6 := n.addr("council5"), n.addr("council6")

	// The council sets the feeders (four: the fewest that tolerate a rogue one) and the bridge operators.
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.oracle.v1.MsgSetFeeders", "authority": %q, "feeders": [%q, %q, %q, %q]}`,
		auth, alice, bob, miner, lender))
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.oracle.v1.MsgSetOperators", "authority": %q, "threshold": 2, "operators": [%q, %q, %q]}`,
		auth, lender, c5, c6))
	var feeders struct {
		Feeders []string `json:"feeders"`
		Quorum  int      `json:"quorum"`
	}
	n.jsonQuery(&feeders, "q", "oracle", "feeders")
	if len(feeders.Feeders) != 4 || feeders.Quorum != 3 {
		t.Fatalf("feeders %+v", feeders)
	}
	var cd struct {
		Day string `json:"day"`
	}
	n.jsonQuery(&cd, "q", "oracle", "current-day")
	day := cd.Day

	// Feeder 1: dmex-feeder against a fake Lotus on loopback.
	lotus := httptest.NewServer(http.HandlerFunc(fakeLotusHandler))
	defer lotus.Close()
	feederBin := filepath.Join(t.TempDir(), "dmex-feeder")
	build := exec.Command("go", "build", "-o", feederBin, "./cmd/dmex-feeder")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building dmex-feeder: %v\n%s", err, out)
	}
	run := exec.Command(feederBin, "--lotus", lotus.URL, "--nodes", "f01234@"+miner, "--dmexd", n.bin, "--from", "miner", "--day", day,
		"--retry-wait", "2s", "--tx-timeout", "20s",
		"--dmexd-flags", fmt.Sprintf("--home %s --node tcp://127.0.0.1:%d", n.home, n.rpcPort), "--tx-flags", "--keyring-backend test --chain-id dmex-local-1")
	out, err := run.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "reported") {
		t.Fatalf("dmex-feeder: %v\n%s", err, out)
	}
	// 57600 FIL a day over 2^20 TiB; f01234's expected reward is 1000/2^20 of the day.
	perTiB, nodeReward := "54931640625000000", "54931640625000000000"
	var days struct {
		Days []struct {
			Status  string `json:"status"`
			Reports int    `json:"reports"`
		} `json:"days"`
	}
	n.jsonQuery(&days, "q", "oracle", "network-days", day, day)
	if days.Days[0].Status != "DAY_STATUS_OPEN" || days.Days[0].Reports != 1 {
		t.Fatalf("after 1 report: %+v", days)
	}
	// Feeders 2 and 3 over the CLI: the day finalizes at the third report (the quorum of 4), at
	// the lower median; the node's owner is the one the reports agree on.
	for _, feeder := range []string{"alice", "bob"} {
		if code, log := n.sendTx("tx", "oracle", "report", day, perTiB, "f01234:1099511627776000:"+nodeReward+":"+miner, "--from", feeder); code != 0 {
			t.Fatalf("report by %s: %d %s", feeder, code, log)
		}
	}
	var nd struct {
		Days []struct {
			Status string `json:"status"`
			Value  struct {
				RewardPerTib string `json:"reward_per_tib"`
			} `json:"value"`
		} `json:"days"`
	}
	n.jsonQuery(&nd, "q", "oracle", "network-days", day, day)
	if nd.Days[0].Status != "DAY_STATUS_FINALIZED" || nd.Days[0].Value.RewardPerTib != perTiB {
		t.Fatalf("day %s: %+v", day, nd)
	}
	var latest struct {
		Value struct {
			Day     string `json:"day"`
			Figures struct {
				Power  string `json:"power"`
				Reward string `json:"reward"`
				Owner  string `json:"owner"`
			} `json:"figures"`
		} `json:"value"`
	}
	n.jsonQuery(&latest, "q", "oracle", "node-latest", "f01234")
	if latest.Value.Day != day || latest.Value.Figures.Power != "1099511627776000" || latest.Value.Figures.Reward != nodeReward ||
		latest.Value.Figures.Owner != miner {
		t.Fatalf("node latest: %+v", latest)
	}
	// Late (fourth) report: refused, the day is final.
	if code, log := n.sendTx("tx", "oracle", "report", day, "1", "--from", "lender"); code == 0 || !strings.Contains(log, "already finalized") {
		t.Fatalf("report after finalization: %d %s", code, log)
	}
	var rest struct {
		Days []struct {
			Status string `json:"status"`
		} `json:"days"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/oracle/v1/network/%s/%s", n.apiPort, day, day), &rest); err != nil || rest.Days[0].Status != "DAY_STATUS_FINALIZED" {
		t.Fatalf("REST network day: %v %+v", err, rest)
	}

	// The peg: two of three operators attest a deposit; aifil is minted once.
	cid := "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"
	before := bigInt(t, n.oracleBalance(t, bob, "aifil"))
	for _, op := range []string{"lender", "council5"} {
		if code, log := n.sendTx("tx", "oracle", "attest-deposit", cid, bob, "7000000000000000000", "--from", op); code != 0 {
			t.Fatalf("attest-deposit by %s: %d %s", op, code, log)
		}
	}
	if code, log := n.sendTx("tx", "oracle", "attest-deposit", cid, bob, "7000000000000000000", "--from", "council6"); code == 0 || !strings.Contains(log, "already minted") {
		t.Fatalf("third attestation: %d %s", code, log)
	}
	if got := bigInt(t, n.oracleBalance(t, bob, "aifil")); got.Sub(got, before).String() != "7000000000000000000" {
		t.Fatalf("bob got %s aifil, want 7000000000000000000", got)
	}
	// A burn with a Filecoin address asks for a withdrawal; a malformed address is refused.
	if code, log := n.sendTx("tx", "oracle", "withdraw", "10000000000000000", "f1notanaddress", "--from", "bob"); code == 0 || !strings.Contains(log, "invalid Filecoin address") {
		t.Fatalf("withdraw to a bad address: %d %s", code, log)
	}
	// Dust is refused: a withdrawal is at least params.min_withdrawal, 0.01 FIL.
	if code, log := n.sendTx("tx", "oracle", "withdraw", "1000", "f01234", "--from", "bob"); code != 26 || !strings.Contains(log, "below the minimum withdrawal 10000000000000000aifil") {
		t.Fatalf("dust withdrawal: %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "oracle", "withdraw", "3000000000000000000", "f01234", "--from", "bob"); code != 0 {
		t.Fatalf("withdraw: %d %s", code, log)
	}
	var supply struct {
		Minted             string `json:"minted"`
		Burned             string `json:"burned"`
		PendingWithdrawals string `json:"pending_withdrawals"`
	}
	n.jsonQuery(&supply, "q", "oracle", "peg-supply")
	if supply.Minted != "7000000000000000000" || supply.Burned != "3000000000000000000" || supply.PendingWithdrawals != "1" {
		t.Fatalf("peg supply %+v", supply)
	}
	payout := "bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2"
	for _, op := range []string{"council5", "council6"} {
		if code, log := n.sendTx("tx", "oracle", "attest-withdrawal", "1", payout, "--from", op); code != 0 {
			t.Fatalf("attest-withdrawal by %s: %d %s", op, code, log)
		}
	}
	var ws struct {
		Withdrawals []struct {
			Status    string `json:"status"`
			PayoutCid string `json:"payout_cid"`
		} `json:"withdrawals"`
	}
	n.jsonQuery(&ws, "q", "oracle", "withdrawals")
	if len(ws.Withdrawals) != 1 || ws.Withdrawals[0].Status != "WITHDRAWAL_STATUS_COMPLETED" || ws.Withdrawals[0].PayoutCid != payout {
		t.Fatalf("withdrawals %+v", ws)
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/peg/v1/supply", n.apiPort), &supply); err != nil || supply.PendingWithdrawals != "0" {
		t.Fatalf("REST peg supply: %v %+v", err, supply)
	}
	_ = c5
	_ = c6
}

func (n *node) oracleBalance(t *testing.T, addr, denom string) string {
	var b struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	n.jsonQuery(&b, "q", "bank", "balance", addr, denom)
	return b.Balance.Amount
}
