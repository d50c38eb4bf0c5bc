package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// startLocalnet runs scripts/localnet.sh (what `make localnet` runs) in a temporary home on
// ports of its own, and returns the node and the running process. Each test passes its own RPC
// port below 32768, the start of Linux's ephemeral range: a port in that range can be taken at
// any moment as the source port of an outgoing connection (one such collision failed CI once).
// The node also takes rpc-1 (P2P), rpc+1 (ABCI), rpc+2 (Prometheus), rpc-25340 (REST) and
// rpc-27567 (gRPC).
func startLocalnet(t *testing.T, rpc int, extraEnv ...string) (*node, *exec.Cmd, string) {
	t.Helper()
	bin := dmexdBinary(t)
	home := filepath.Join(t.TempDir(), "dmex-local")
	logPath := home + ".log"
	n := &node{t: t, bin: bin, home: home, rpcPort: rpc, apiPort: rpc - 25340, grpc: rpc - 27567}
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "localnet.sh"))
	cmd.Env = append(os.Environ(),
		"DMEX_HOME="+home, "DMEXD="+bin, "DMEX_SKIP_BUILD=1", "BLOCK_TIME=1s",
		fmt.Sprintf("RPC_PORT=%d", rpc), fmt.Sprintf("P2P_PORT=%d", rpc-1),
		fmt.Sprintf("API_PORT=%d", n.apiPort), fmt.Sprintf("GRPC_PORT=%d", n.grpc),
		fmt.Sprintf("PROM_PORT=%d", rpc+2),
	)
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	n.proc = cmd.Process
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
		logFile.Close()
		if t.Failed() {
			t.Logf("localnet log:\n%s", tail(logPath, 40))
		}
	})
	return n, cmd, logPath
}

func TestLocalnetTransferSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, cmd, logPath := startLocalnet(t, 30657)
	n.waitHeight(2, 90*time.Second)

	// The genesis of SPEC §2: 50,000,000 DMC, nothing more.
	var supply struct {
		TotalSupply     string `json:"total_supply"`
		LockedInVesting string `json:"locked_in_vesting"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/dmc/v1/supply", n.apiPort), &supply); err != nil {
		t.Fatal(err)
	}
	if supply.TotalSupply != "50000000000000" {
		t.Fatalf("total supply %s udmc, want 50,000,000 DMC", supply.TotalSupply)
	}
	var auth struct {
		Authority string `json:"authority"`
		Phase     string `json:"phase"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/dao/v1/authority", n.apiPort), &auth); err != nil {
		t.Fatal(err)
	}
	if auth.Phase != "council" || !strings.HasPrefix(auth.Authority, "dmex1") {
		t.Fatalf("authority %+v, want the council's dmex1 policy", auth)
	}
	// The node serves the OpenAPI of the DMEX queries (README, "REST and OpenAPI").
	var spec struct {
		Info  struct{ Title string } `json:"info"`
		Paths map[string]any         `json:"paths"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/dmex/openapi.json", n.apiPort), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Info.Title != "DMEX chain REST API" || spec.Paths["/dmex/dmc/v1/supply"] == nil {
		t.Fatalf("OpenAPI %q with %d paths, want DMEX's with /dmex/dmc/v1/supply", spec.Info.Title, len(spec.Paths))
	}
	// Prometheus (README, "Operators: metrics"): CometBFT's, the SDK's and DMEX's on one port.
	metrics := httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/metrics", n.rpcPort+2))
	for _, want := range []string{"cometbft_consensus_height", "dmex_dmc_supply ", "dmex_hashnft_nfts_sold 0", "dmex_metrics_height "} {
		if !strings.Contains(metrics, want) {
			t.Fatalf("metrics without %q:\n%.2000s", want, metrics)
		}
	}

	// A transfer with the CLI, as the README shows.
	bob := n.addr("bob")
	before := bankBalanceREST(t, n, bob)
	if code, log := n.sendTx("tx", "bank", "send", "alice", bob, "1234567udmc"); code != 0 {
		t.Fatalf("send failed: %d %s", code, log)
	}
	want := before + 1234567
	if got := bankBalanceREST(t, n, bob); got != want {
		t.Fatalf("REST: bob has %d udmc, want %d", got, want)
	}
	if got := bankBalanceGRPC(t, n, bob); got != want {
		t.Fatalf("gRPC: bob has %d udmc, want %d", got, want)
	}
	if out := n.cli("q", "bank", "balance", bob, "udmc", "-o", "json"); !strings.Contains(out, fmt.Sprint(want)) {
		t.Fatalf("CLI balance: %s, want %d", out, want)
	}

	// SIGKILL, then start again (what `make localnet-start` does): the state is intact.
	hKill := n.height()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = cmd.Process.Wait()
	restart := exec.Command(n.bin, "start", "--home", n.home)
	logFile, err := os.OpenFile(logPath, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	restart.Stdout, restart.Stderr = logFile, logFile
	if err := restart.Start(); err != nil {
		t.Fatal(err)
	}
	n.proc = restart.Process
	t.Cleanup(func() { _ = restart.Process.Kill(); _, _ = restart.Process.Wait() })
	n.waitHeight(hKill+3, 90*time.Second)
	if got := bankBalanceREST(t, n, bob); got != want {
		t.Fatalf("after SIGKILL and restart bob has %d udmc, want %d", got, want)
	}
	if got := bankBalanceGRPC(t, n, bob); got != want {
		t.Fatalf("gRPC after restart: bob has %d udmc, want %d", got, want)
	}
	// And the chain still takes transactions.
	if code, log := n.sendTx("tx", "bank", "send", "alice", bob, "1udmc"); code != 0 {
		t.Fatalf("send after restart failed: %d %s", code, log)
	}
	if got := bankBalanceREST(t, n, bob); got != want+1 {
		t.Fatalf("bob has %d udmc, want %d", got, want+1)
	}
}

func bankBalanceREST(t *testing.T, n *node, addr string) int64 {
	t.Helper()
	var res struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	url := fmt.Sprintf("http://127.0.0.1:%d/cosmos/bank/v1beta1/balances/%s/by_denom?denom=udmc", n.apiPort, addr)
	var err error
	for i := 0; i < 20; i++ { // the API server may still be starting
		if err = getJSON(url, &res); err == nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	var v int64
	if _, err := fmt.Sscan(res.Balance.Amount, &v); err != nil {
		t.Fatalf("balance %q: %v", res.Balance.Amount, err)
	}
	return v
}

func bankBalanceGRPC(t *testing.T, n *node, addr string) int64 {
	t.Helper()
	conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", n.grpc), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var res *banktypes.QueryBalanceResponse
	for i := 0; i < 20; i++ {
		res, err = banktypes.NewQueryClient(conn).Balance(ctx, &banktypes.QueryBalanceRequest{Address: addr, Denom: "udmc"})
		if err == nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	return res.Balance.Amount.Int64()
}

// httpGet is the body of a GET that must answer 200.
func httpGet(t *testing.T, url string) string {
	t.Helper()
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v\n%.500s", url, resp.Status, err, body)
	}
	return string(body)
}
