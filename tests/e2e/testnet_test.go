package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTestnet runs scripts/testnet.sh with 4 validators and checks that the network works as a
// network: a transfer reaches every node, the chain goes on without one validator (killed with
// SIGKILL), and the killed validator, started again, catches up with what it missed.
func TestTestnet(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network: skipped with -short")
	}
	t.Parallel() // each test has its own home and ports
	const (
		nodes   = 4
		chainID = "dmex-testnet-1"
		// Every demo account gets 100,000 DMC as a foundation grant in scripts/testnet.sh.
		aliceGenesisUDMC = int64(100_000_000_000)
		amount1          = int64(1_234_567)
		amount2          = int64(7_654_321)
	)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()

	root := tnRepoRoot(t)
	bin := tnBinary(t, root)
	tn := &tnNet{t: t, root: root, bin: bin, home: t.TempDir(), basePort: tnFreeBasePort(t, nodes), n: nodes, chainID: chainID}
	t.Logf("testnet home %s, base port %d, dmexd %s", tn.home, tn.basePort, bin)

	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if out, err := tn.script(stopCtx, "stop"); err != nil {
			t.Logf("testnet.sh stop: %v\n%s", err, out)
		}
	})
	t.Cleanup(func() { // runs before the stop above: the logs of a failed run
		if t.Failed() {
			tn.dumpLogs()
		}
	})

	start := time.Now()
	out, err := tn.script(ctx, strconv.Itoa(nodes))
	if err != nil {
		t.Fatalf("scripts/testnet.sh %d: %v\n%s", nodes, err, out)
	}
	t.Logf("testnet.sh started %d validators in %s", nodes, time.Since(start).Round(time.Second))
	for i := 0; i < nodes; i++ {
		tn.waitFor(ctx, fmt.Sprintf("node%d to report a height", i), 60*time.Second, func() (bool, string) {
			h, err := tn.height(ctx, i)
			return err == nil && h >= 1, fmt.Sprintf("height %d, err %v", h, err)
		})
	}
	if got := tn.validatorCount(ctx); got != nodes {
		t.Fatalf("node0 reports %d validators in the active set, want %d", got, nodes)
	}

	alice := strings.TrimSpace(tn.dmexd(ctx, "keys", "show", "alice", "-a", "--keyring-backend", "test", "--home", tn.nodeHome(0)))
	var key struct {
		Address string `json:"address"`
	}
	keyOut := tn.dmexd(ctx, "keys", "add", "tnrecipient", "--keyring-backend", "test", "--home", tn.nodeHome(0), "--output", "json")
	if err := json.Unmarshal([]byte(tnLastJSON(keyOut)), &key); err != nil || key.Address == "" {
		t.Fatalf("keys add tnrecipient: %v\n%s", err, keyOut)
	}
	recipient := key.Address

	for i := 0; i < nodes; i++ {
		if got := tn.balance(ctx, i, recipient); got != 0 {
			t.Fatalf("node%d: the new recipient holds %dudmc before any transfer", i, got)
		}
	}
	if got := tn.balance(ctx, 0, alice); got != aliceGenesisUDMC {
		t.Fatalf("alice holds %dudmc at genesis, want %d", got, aliceGenesisUDMC)
	}

	// 1. A transfer reaches every node.
	tn.send(ctx, alice, recipient, amount1)
	for i := 0; i < nodes; i++ {
		tn.waitBalance(ctx, i, recipient, amount1)
	}
	if got, want := tn.balance(ctx, 0, alice), aliceGenesisUDMC-amount1; got != want {
		t.Fatalf("alice holds %dudmc after sending %d, want %d (no fees on the testnet)", got, amount1, want)
	}
	for i := 1; i < nodes; i++ {
		if got, want := tn.balance(ctx, i, alice), aliceGenesisUDMC-amount1; got != want {
			t.Fatalf("node%d: alice holds %dudmc, want %d", i, got, want)
		}
	}

	// 2. node3 dies; the other three (3/4 of the power, more than 2/3) go on.
	pid := tn.pid(3)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 node3 (pid %d): %v", pid, err)
	}
	tn.waitFor(ctx, "node3 to die", 30*time.Second, func() (bool, string) {
		_, err := tn.height(ctx, 3)
		return !tnAlive(pid) && err != nil, fmt.Sprintf("alive %v, rpc err %v", tnAlive(pid), err)
	})
	t.Logf("node3 (pid %d) killed", pid)
	h0, err := tn.height(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	tn.waitFor(ctx, fmt.Sprintf("node0 to go from height %d to %d without node3", h0, h0+3), 60*time.Second, func() (bool, string) {
		h, err := tn.height(ctx, 0)
		return err == nil && h >= h0+3, fmt.Sprintf("height %d, err %v", h, err)
	})

	// 3. A transfer while node3 is down.
	tn.send(ctx, alice, recipient, amount2)
	for i := 0; i < nodes-1; i++ {
		tn.waitBalance(ctx, i, recipient, amount1+amount2)
	}
	if _, err := tn.height(ctx, 3); err == nil {
		t.Fatal("node3 answers on its RPC port although it was killed")
	}
	if got, want := tn.balance(ctx, 1, alice), aliceGenesisUDMC-amount1-amount2; got != want {
		t.Fatalf("node1: alice holds %dudmc after both transfers, want %d", got, want)
	}

	// 4. node3 comes back and catches up.
	if out, err := tn.script(ctx, "start-node", "3"); err != nil {
		t.Fatalf("testnet.sh start-node 3: %v\n%s", err, out)
	}
	target, err := tn.height(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	tn.waitFor(ctx, fmt.Sprintf("node3 to catch up to node0's height %d", target), 120*time.Second, func() (bool, string) {
		h, err := tn.height(ctx, 3)
		return err == nil && h >= target, fmt.Sprintf("node3 height %d, err %v", h, err)
	})
	// Same chain: node3's block at that height is node0's.
	if a, b := tn.blockHash(ctx, 0, target), tn.blockHash(ctx, 3, target); a != b || a == "" {
		t.Fatalf("block %d: node0 has hash %q, node3 %q", target, a, b)
	}
	if got, want := tn.balance(ctx, 3, recipient), amount1+amount2; got != want {
		t.Fatalf("node3 after catching up: the recipient holds %dudmc, want %d", got, want)
	}
	if got, want := tn.balance(ctx, 3, alice), aliceGenesisUDMC-amount1-amount2; got != want {
		t.Fatalf("node3 after catching up: alice holds %dudmc, want %d", got, want)
	}
	// And it keeps up: node3 follows node0's head, not just the height it had at restart.
	tn.waitFor(ctx, "node3 to follow node0's head", 60*time.Second, func() (bool, string) {
		h0, err0 := tn.height(ctx, 0)
		h3, err3 := tn.height(ctx, 3)
		return err0 == nil && err3 == nil && h3+1 >= h0 && h3 > target, fmt.Sprintf("node0 %d, node3 %d", h0, h3)
	})
	t.Logf("done in %s", time.Since(start).Round(time.Second))
}

// tnNet is the running testnet of one test.
type tnNet struct {
	t        *testing.T
	root     string // the repository
	bin      string // dmexd
	home     string // TESTNET_HOME
	basePort int
	n        int
	chainID  string
}

func (tn *tnNet) nodeHome(i int) string { return filepath.Join(tn.home, fmt.Sprintf("node%d", i)) }
func (tn *tnNet) rpcPort(i int) int     { return tn.basePort + 10*i + 1 }
func (tn *tnNet) rpcURL(i int) string   { return fmt.Sprintf("http://127.0.0.1:%d", tn.rpcPort(i)) }
func (tn *tnNet) rpcNode(i int) string  { return fmt.Sprintf("tcp://127.0.0.1:%d", tn.rpcPort(i)) }

// script runs scripts/testnet.sh with the testnet's environment and the binary as it is.
func (tn *tnNet) script(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", append([]string{filepath.Join(tn.root, "scripts", "testnet.sh")}, args...)...)
	cmd.Dir = tn.root
	cmd.Env = append(os.Environ(),
		"TESTNET_HOME="+tn.home,
		"BASE_PORT="+strconv.Itoa(tn.basePort),
		"CHAIN_ID="+tn.chainID,
		"BLOCK_TIME=1s",
		"DMEXD="+tn.bin,
		"DMEX_NO_BUILD=1",
	)
	// The nodes it starts write to their own logs; should anything keep the pipes open, do
	// not wait for it past the script's own exit.
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// dmexd runs a dmexd command (at most a minute) and returns its stdout; it fails the test on error.
func (tn *tnNet) dmexd(ctx context.Context, args ...string) string {
	tn.t.Helper()
	out, err := tn.tryDmexd(ctx, args...)
	if err != nil {
		tn.t.Fatalf("dmexd %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func (tn *tnNet) tryDmexd(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tn.bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%w\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	return stdout.String(), nil
}

// send broadcasts a bank transfer from node0's keyring through node0 and checks CheckTx passed.
func (tn *tnNet) send(ctx context.Context, from, to string, udmc int64) {
	tn.t.Helper()
	out := tn.dmexd(ctx, "tx", "bank", "send", from, to, fmt.Sprintf("%dudmc", udmc), "-y",
		"--keyring-backend", "test", "--home", tn.nodeHome(0), "--node", tn.rpcNode(0),
		"--chain-id", tn.chainID, "--output", "json")
	var res struct {
		Code   int    `json:"code"`
		TxHash string `json:"txhash"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(tnLastJSON(out)), &res); err != nil {
		tn.t.Fatalf("tx bank send: cannot read the result: %v\n%s", err, out)
	}
	if res.Code != 0 || res.TxHash == "" {
		tn.t.Fatalf("tx bank send %dudmc: code %d: %s", udmc, res.Code, res.RawLog)
	}
	tn.t.Logf("sent %dudmc to %s: tx %s", udmc, to, res.TxHash)
}

// balance is addr's udmc as node i sees it.
func (tn *tnNet) balance(ctx context.Context, i int, addr string) int64 {
	tn.t.Helper()
	b, err := tn.tryBalance(ctx, i, addr)
	if err != nil {
		tn.t.Fatal(err)
	}
	return b
}

func (tn *tnNet) tryBalance(ctx context.Context, i int, addr string) (int64, error) {
	out, err := tn.tryDmexd(ctx, "q", "bank", "balance", addr, "udmc", "--node", tn.rpcNode(i), "--output", "json")
	if err != nil {
		return 0, fmt.Errorf("node%d: balance of %s: %w", i, addr, err)
	}
	var res struct {
		Balance struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	if err := json.Unmarshal([]byte(tnLastJSON(out)), &res); err != nil {
		return 0, fmt.Errorf("node%d: balance of %s: %w\n%s", i, addr, err, out)
	}
	if res.Balance.Amount == "" {
		return 0, nil
	}
	if res.Balance.Denom != "udmc" {
		return 0, fmt.Errorf("node%d: balance of %s in %q, want udmc", i, addr, res.Balance.Denom)
	}
	return strconv.ParseInt(res.Balance.Amount, 10, 64)
}

// waitBalance waits until node i shows exactly want udmc for addr.
func (tn *tnNet) waitBalance(ctx context.Context, i int, addr string, want int64) {
	tn.t.Helper()
	tn.waitFor(ctx, fmt.Sprintf("node%d to show %dudmc for %s", i, want, addr), 60*time.Second, func() (bool, string) {
		got, err := tn.tryBalance(ctx, i, addr)
		if err != nil {
			return false, err.Error()
		}
		return got == want, fmt.Sprintf("balance %dudmc", got)
	})
}

// rpc GETs path from node i's CometBFT RPC and decodes the JSON-RPC result into v.
func (tn *tnNet) rpc(ctx context.Context, i int, path string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tn.rpcURL(i)+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var envelope struct {
		Result json.RawMessage `json:"result"`
		Error  any             `json:"error"`
	}
	if err := json.Unmarshal(body, &envelope); err != nil {
		return fmt.Errorf("node%d %s: %w: %s", i, path, err, body)
	}
	if envelope.Error != nil || len(envelope.Result) == 0 {
		return fmt.Errorf("node%d %s: %s", i, path, body)
	}
	return json.Unmarshal(envelope.Result, v)
}

func (tn *tnNet) height(ctx context.Context, i int) (int64, error) {
	var st struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if err := tn.rpc(ctx, i, "/status", &st); err != nil {
		return 0, err
	}
	return strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
}

func (tn *tnNet) blockHash(ctx context.Context, i int, height int64) string {
	tn.t.Helper()
	var b struct {
		BlockID struct {
			Hash string `json:"hash"`
		} `json:"block_id"`
	}
	if err := tn.rpc(ctx, i, fmt.Sprintf("/block?height=%d", height), &b); err != nil {
		tn.t.Fatal(err)
	}
	return b.BlockID.Hash
}

func (tn *tnNet) validatorCount(ctx context.Context) int {
	tn.t.Helper()
	var v struct {
		Validators []struct {
			VotingPower string `json:"voting_power"`
		} `json:"validators"`
	}
	if err := tn.rpc(ctx, 0, "/validators", &v); err != nil {
		tn.t.Fatal(err)
	}
	for _, val := range v.Validators {
		if val.VotingPower != v.Validators[0].VotingPower {
			tn.t.Fatalf("validators do not have equal power: %+v", v.Validators)
		}
	}
	return len(v.Validators)
}

// pid is node i's pid from its pid file.
func (tn *tnNet) pid(i int) int {
	tn.t.Helper()
	bz, err := os.ReadFile(filepath.Join(tn.home, fmt.Sprintf("node%d.pid", i)))
	if err != nil {
		tn.t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(bz)))
	if err != nil || pid <= 1 {
		tn.t.Fatalf("node%d.pid holds %q", i, bz)
	}
	return pid
}

// waitFor polls cond every 500ms until it holds; it fails the test after timeout (or when ctx
// ends), with cond's last description of the state.
func (tn *tnNet) waitFor(ctx context.Context, what string, timeout time.Duration, cond func() (bool, string)) {
	tn.t.Helper()
	deadline := time.Now().Add(timeout)
	start := time.Now()
	for {
		ok, state := cond()
		if ok {
			tn.t.Logf("%s: ok after %s", what, time.Since(start).Round(100*time.Millisecond))
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			tn.t.Fatalf("timed out after %s waiting for %s; last: %s", timeout, what, state)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// dumpLogs prints the end of every node's log.
func (tn *tnNet) dumpLogs() {
	for i := 0; i < tn.n; i++ {
		path := filepath.Join(tn.home, fmt.Sprintf("node%d.log", i))
		bz, err := os.ReadFile(path)
		if err != nil {
			tn.t.Logf("%s: %v", path, err)
			continue
		}
		lines := strings.Split(strings.TrimRight(string(bz), "\n"), "\n")
		if len(lines) > 40 {
			lines = lines[len(lines)-40:]
		}
		tn.t.Logf("--- last %d lines of %s:\n%s", len(lines), path, strings.Join(lines, "\n"))
	}
}

// tnAlive: the process exists and is not a zombie (a killed node's parent may be an init that
// does not reap it).
func tnAlive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return !os.IsNotExist(err) // no /proc (not Linux): trust kill -0
	}
	// pid (comm) state ...: comm may hold spaces, the state follows the last ')'.
	s := string(stat)
	if j := strings.LastIndexByte(s, ')'); j >= 0 && j+2 < len(s) {
		return s[j+2] != 'Z' && s[j+2] != 'X'
	}
	return true
}

// tnLastJSON returns the last line of out that looks like a JSON object (dmexd may print
// other lines before it), or out itself.
func tnLastJSON(out string) string {
	trimmed := strings.TrimSpace(out)
	if strings.HasPrefix(trimmed, "{") {
		return trimmed
	}
	lines := strings.Split(trimmed, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); strings.HasPrefix(l, "{") {
			return l
		}
	}
	return out
}

// tnRepoRoot is the repository, two levels above this package.
func tnRepoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "scripts", "testnet.sh")); err != nil {
		t.Fatalf("no scripts/testnet.sh in %s: %v", root, err)
	}
	return root
}

// tnBinary is $DMEXD, or dmexd built from the repository into a temporary directory.
func tnBinary(t *testing.T, root string) string {
	t.Helper()
	if bin := os.Getenv("DMEXD"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); err != nil {
			t.Fatalf("DMEXD=%s: %v", bin, err)
		}
		return abs
	}
	bin := filepath.Join(t.TempDir(), "dmexd")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-buildvcs=false", "-o", bin, "./cmd/dmexd")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dmexd: %v\n%s", err, out)
	}
	return bin
}

// tnFreeBasePort picks a base port such that the 10 ports of each of n nodes are free on
// 127.0.0.1, starting from a random multiple of 100 in [27100, 29900] so that concurrent runs
// are unlikely to collide.
func tnFreeBasePort(t *testing.T, n int) int {
	t.Helper()
	first := 27100 + 100*rand.Intn(29)
	for k := 0; k < 29; k++ {
		base := 27100 + (first-27100+100*k)%2900
		if tnPortsFree(base, 10*n) {
			return base
		}
	}
	t.Fatal("no free range of ports in 27100-29999")
	return 0
}

func tnPortsFree(base, count int) bool {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for p := base; p < base+count; p++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			return false
		}
		ls = append(ls, l)
	}
	return true
}
