// Package e2e drives real dmexd processes through the CLI, REST and gRPC, as the README tells
// a user to.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	builtPath string
	buildErr  error
)

// repoRoot is the repository root (tests run in tests/e2e).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// dmexdBinary is $DMEXD, or dmexd built once for this test run.
func dmexdBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DMEXD"); p != "" {
		return p
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dmexd-e2e")
		if err != nil {
			buildErr = err
			return
		}
		builtPath = filepath.Join(dir, "dmexd")
		cmd := exec.Command("go", "build", "-o", builtPath, "./cmd/dmexd")
		cmd.Dir = repoRoot(t)
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtPath
}

// node is one running local chain home, used through the CLI.
type node struct {
	t       *testing.T
	bin     string
	home    string
	rpcPort int
	apiPort int
	grpc    int
	// proc is the node's process (or the script running it), if the test started it: waiting
	// for a height stops as soon as it has exited.
	proc *os.Process
}

// exited says whether the process with pid is gone or a zombie (Linux /proc).
func exited(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the command name in parentheses: "pid (comm) S ...".
	i := strings.LastIndexByte(string(stat), ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] == 'Z' || stat[i+2] == 'X'
}

// cli runs dmexd with args against the node's home and returns stdout; it fails the test on error.
func (n *node) cli(args ...string) string {
	n.t.Helper()
	out, err := n.tryCLI(args...)
	if err != nil {
		n.t.Fatalf("dmexd %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (n *node) tryCLI(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.bin, append(args, "--home", n.home)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String() + stderr.String(), err
	}
	return stdout.String(), nil
}

func (n *node) addr(key string) string {
	return strings.TrimSpace(n.cli("keys", "show", key, "-a", "--keyring-backend", "test"))
}

// height is the node's latest block height, or -1 if it does not answer.
func (n *node) height() int64 {
	var st struct {
		Result struct {
			SyncInfo struct {
				LatestBlockHeight string `json:"latest_block_height"`
			} `json:"sync_info"`
		} `json:"result"`
	}
	if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/status", n.rpcPort), &st); err != nil {
		return -1
	}
	var h int64
	if _, err := fmt.Sscan(st.Result.SyncInfo.LatestBlockHeight, &h); err != nil {
		return -1
	}
	return h
}

func (n *node) waitHeight(h int64, timeout time.Duration) {
	n.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if n.height() >= h {
			return
		}
		if n.proc != nil && exited(n.proc.Pid) {
			n.t.Fatalf("node %s exited before height %d (see its log)", n.home, h)
		}
		time.Sleep(300 * time.Millisecond)
	}
	n.t.Fatalf("node %s did not reach height %d in %s (at %d)", n.home, h, timeout, n.height())
}

// sendTx runs a `dmexd tx ...` command (with -y -o json) and waits until it is in a block;
// it returns the tx's code.
func (n *node) sendTx(args ...string) (code int, rawLog string) {
	n.t.Helper()
	code, rawLog, _ = n.sendTxAt(args...)
	return code, rawLog
}

// sendTxAt is sendTx that also returns the height of the block the tx is in.
func (n *node) sendTxAt(args ...string) (code int, rawLog string, height int64) {
	n.t.Helper()
	out := n.cli(append(args, "-y", "-o", "json")...)
	var res struct {
		TxHash string `json:"txhash"`
		Code   int    `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(lastJSONLine(out)), &res); err != nil {
		n.t.Fatalf("tx output: %v\n%s", err, out)
	}
	if res.Code != 0 {
		return res.Code, res.RawLog, 0
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		q, err := n.tryCLI("q", "tx", res.TxHash, "-o", "json")
		if err == nil {
			var r struct {
				Code   int    `json:"code"`
				RawLog string `json:"raw_log"`
				Height string `json:"height"`
			}
			if err := json.Unmarshal([]byte(lastJSONLine(q)), &r); err == nil {
				var h int64
				_, _ = fmt.Sscan(r.Height, &h) // a height that does not parse reads 0
				return r.Code, r.RawLog, h
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	n.t.Fatalf("tx %s not included in 30s", res.TxHash)
	return -1, "", 0
}

func lastJSONLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "{") {
			return lines[i]
		}
	}
	return out
}

func getJSON(url string, v any) error {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %s", url, resp.Status, body)
	}
	return json.Unmarshal(body, v)
}

// tail returns the last n lines of a file, for failure messages.
func tail(path string, n int) string {
	bz, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(string(bz), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
