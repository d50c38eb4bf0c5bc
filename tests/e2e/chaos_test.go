package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestChaos runs scripts/chaos.sh run-all (issue #19 item 5): a 4-validator testnet with a
// bounded bank-send load from cmd/dmexd-load during all of it; kill -9 and restart a validator,
// SIGSTOP one for PAUSE_SECONDS (60) and SIGCONT it, kill every validator at once and restart
// them, a fifth node joining by state sync and a sixth by block sync. After each step the script
// checks that blocks resume, that every node has the same block and app hash at one height and
// that every tx CheckTx accepted is in exactly one block. The test then checks the end state
// itself: the six nodes agree on one height's app hash, and dmexd-load verify on node0 and on
// the block-synced node5 finds every accepted tx once.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 6-node network for about 4 minutes: skipped with -short")
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Minute)
	defer cancel()
	root := tnRepoRoot(t)
	bin := tnBinary(t, root)
	load := filepath.Join(t.TempDir(), "dmexd-load")
	build := exec.CommandContext(ctx, "go", "build", "-buildvcs=false", "-o", load, "./cmd/dmexd-load")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dmexd-load: %v\n%s", err, out)
	}
	const nodes = 6 // 4 validators, node4 (state sync), node5 (block sync)
	home := filepath.Join(t.TempDir(), "chaos")
	tn := &tnNet{t: t, root: root, bin: bin, home: home, basePort: chaosFreeBasePort(t, nodes), n: nodes, chainID: "dmex-testnet-1"}
	t.Logf("chaos home %s, base port %d", home, tn.basePort)

	env := append(os.Environ(),
		"TESTNET_HOME="+home,
		"BASE_PORT="+strconv.Itoa(tn.basePort),
		"DMEXD="+bin,
		"LOAD="+load,
		"DMEX_NO_BUILD=1",
		"CHAOS_KEEP=1",
		"STEP_TIMEOUT=150",
	)
	t.Cleanup(func() {
		if t.Failed() {
			tn.dumpLogs()
		}
		cmd := exec.Command("bash", filepath.Join(root, "scripts", "chaos.sh"), "down")
		cmd.Env = env
		cmd.WaitDelay = 10 * time.Second
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("chaos.sh down: %v\n%s", err, out)
		}
	})

	start := time.Now()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "chaos.sh"), "run-all")
	cmd.Dir, cmd.Env = root, env
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	t.Logf("chaos.sh run-all (%s):\n%s", time.Since(start).Round(time.Second), out)
	if err != nil {
		t.Fatalf("chaos.sh run-all failed: %v (see the step named above)", err)
	}

	// The script's per-step record: five steps, each with every accepted tx found once.
	steps := chaosResults(t, filepath.Join(home, "chaos-results.txt"))
	want := []string{"kill", "pause", "all", "statesync", "blocksync"}
	if len(steps) != len(want) {
		t.Fatalf("chaos-results.txt has %d steps, want %v", len(steps), want)
	}
	for i, s := range steps {
		if s.step != want[i] {
			t.Fatalf("step %d is %q, want %q", i, s.step, want[i])
		}
		if s.report.Accepted == 0 || s.report.FoundOnce != s.report.Accepted || s.report.Missing != 0 || s.report.Doubled != 0 {
			t.Fatalf("step %s: %+v", s.step, s.report)
		}
		if i > 0 && s.report.Accepted <= steps[i-1].report.Accepted && s.step != "statesync" {
			t.Errorf("step %s: %d accepted txs, no more than after %s (%d): the load did not go on", s.step,
				s.report.Accepted, steps[i-1].step, steps[i-1].report.Accepted)
		}
	}

	// Independent of the script: one app hash at one height on all six nodes.
	target, err := tn.height(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ref string
	for i := 0; i < nodes; i++ {
		tn.waitFor(ctx, fmt.Sprintf("node%d to reach %d", i, target), 60*time.Second, func() (bool, string) {
			h, err := tn.height(ctx, i)
			return err == nil && h >= target, fmt.Sprintf("height %d, err %v", h, err)
		})
		var b struct {
			Block struct {
				Header struct {
					AppHash string `json:"app_hash"`
				} `json:"header"`
			} `json:"block"`
		}
		if err := tn.rpc(ctx, i, fmt.Sprintf("/block?height=%d", target), &b); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			ref = b.Block.Header.AppHash
		}
		if b.Block.Header.AppHash == "" || b.Block.Header.AppHash != ref {
			t.Fatalf("height %d: node%d app hash %q, node0 %q", target, i, b.Block.Header.AppHash, ref)
		}
	}
	// The state-synced node4 starts after block 1, the block-synced node5 holds every block.
	var st struct {
		SyncInfo struct {
			Earliest string `json:"earliest_block_height"`
		} `json:"sync_info"`
	}
	for i, wantFromOne := range map[int]bool{4: false, 5: true} {
		if err := tn.rpc(ctx, i, "/status", &st); err != nil {
			t.Fatal(err)
		}
		if (st.SyncInfo.Earliest == "1") != wantFromOne {
			t.Fatalf("node%d's earliest block is %s (state sync restores a snapshot, block sync starts at 1)", i, st.SyncInfo.Earliest)
		}
	}
	// Every accepted tx, once, in node0's and in node5's blocks.
	for _, i := range []int{0, 5} {
		v := exec.CommandContext(ctx, load, "verify", "-rpc", tn.rpcURL(i), "-accepted", filepath.Join(home, "load-accepted.txt"), "-wait", "30s")
		vout, err := v.CombinedOutput()
		if err != nil {
			t.Fatalf("dmexd-load verify on node%d: %v\n%s", i, err, vout)
		}
		t.Logf("node%d: %s", i, strings.TrimSpace(string(vout)))
	}
	t.Logf("chaos: %d steps survived in %s", len(steps), time.Since(start).Round(time.Second))
}

type chaosStep struct {
	step   string
	report struct {
		Accepted  int `json:"accepted"`
		FoundOnce int `json:"found_once"`
		Missing   int `json:"missing"`
		Doubled   int `json:"doubled"`
	}
}

// chaosResults reads chaos-results.txt: "step=S height=H nodes=N app_hash=A verify={json}".
func chaosResults(t *testing.T, path string) []chaosStep {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var steps []chaosStep
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var s chaosStep
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], "step=") {
			t.Fatalf("chaos-results.txt: %q", line)
		}
		s.step = strings.TrimPrefix(fields[0], "step=")
		i := strings.Index(line, "verify=")
		if i < 0 {
			t.Fatalf("chaos-results.txt: no verify in %q", line)
		}
		if err := json.Unmarshal([]byte(tnLastJSON(line[i+len("verify="):])), &s.report); err != nil {
			t.Fatalf("chaos-results.txt: %v in %q", err, line)
		}
		steps = append(steps, s)
	}
	return steps
}

// chaosFreeBasePort picks a base port in [31700, 32699] (apart from TestTestnet's range) with
// the 10 ports of each of n nodes free.
func chaosFreeBasePort(t *testing.T, n int) int {
	t.Helper()
	first := rand.Intn(10)
	for k := 0; k < 10; k++ {
		base := 31700 + 100*((first+k)%10)
		if base+10*n <= 32700 && tnPortsFree(base, 10*n) {
			return base
		}
	}
	t.Fatal("no free range of ports in 31700-32699")
	return 0
}
