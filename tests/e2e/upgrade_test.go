package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildDmexd builds dmexd into dir with the upgrades through a name (app/upgrades.Through); ""
// is the default build, the genesis software.
func buildDmexd(t *testing.T, dir, through string) string {
	t.Helper()
	out := filepath.Join(dir, "dmexd-"+through)
	args := []string{"build", "-o", out}
	if through != "" {
		args = append(args, "-ldflags", "-X github.com/dmexchain/dmex/app/upgrades.Through="+through)
	}
	cmd := exec.Command("go", append(args, "./cmd/dmexd")...)
	cmd.Dir = repoRoot(t)
	if bz, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build (Through=%q): %v\n%s", through, err, bz)
	}
	return out
}

// cosmovisorBinary is $COSMOVISOR, or build/cosmovisor, built by scripts/cosmovisor.sh when
// missing (`make test` builds it first).
func cosmovisorBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("COSMOVISOR"); p != "" {
		return p
	}
	p := filepath.Join(repoRoot(t), "build", "cosmovisor")
	if _, err := os.Stat(p); err != nil {
		cmd := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "cosmovisor.sh"))
		if bz, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("scripts/cosmovisor.sh: %v\n%s", err, bz)
		}
	}
	return p
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	bz, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, bz, 0o755); err != nil {
		t.Fatal(err)
	}
}

// current is the binary directory cosmovisor runs now (genesis, or upgrades/<name>).
func currentBinary(t *testing.T, home string) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(home, "cosmovisor", "current"))
	if err != nil {
		t.Fatal(err)
	}
	return target
}

// appliedAt is the height x/upgrade applied an upgrade at (0: not applied).
func (n *node) appliedAt(name string) int64 {
	var a struct {
		Height string `json:"height"`
	}
	n.jsonQuery(&a, "q", "upgrade", "applied", name)
	var h int64
	_, _ = fmt.Sscan(a.Height, &h)
	return h
}

// waitUpgrade waits for the chain to halt at height (the old binary's "UPGRADE NEEDED"),
// cosmovisor to switch to upgrades/<name> and the chain to go on past the height.
func (n *node) waitUpgrade(t *testing.T, logPath, name string, height int64) {
	t.Helper()
	n.waitHeight(height-1, 3*time.Minute)
	needed := fmt.Sprintf("UPGRADE \"%s\" NEEDED at height: %d", name, height)
	waitFor(t, "the old binary's "+needed, 2*time.Minute, func() bool {
		bz, _ := os.ReadFile(logPath)
		return strings.Contains(string(bz), needed)
	})
	n.waitHeight(height+2, 3*time.Minute)
	if got := currentBinary(t, n.home); !strings.HasSuffix(got, filepath.Join("upgrades", name)) {
		t.Fatalf("cosmovisor runs %s after %s, want upgrades/%s", got, name, name)
	}
	if at := n.appliedAt(name); at != height {
		t.Fatalf("x/upgrade applied %s at %d, want %d", name, at, height)
	}
}

func scheduleJSON(auth, name string, height int64) string {
	return fmt.Sprintf(`{"@type": "/dmex.dao.v1.MsgScheduleUpgrade", "authority": %q, "name": %q, "height": "%d", "info": "e2e"}`,
		auth, name, height)
}

// A live upgrade under cosmovisor's layout, in both governance phases: the council schedules v2,
// the genesis binary halts at its height, cosmovisor starts upgrades/v2/bin/dmexd, which raises
// x/escrow's per-block bounds (the v2 migration) and goes on; after the handover x/gov schedules
// v3 and the chain moves to upgrades/v3 the same way.
func TestUpgradeUnderCosmovisor(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel()
	start := time.Now()
	visor := cosmovisorBinary(t)
	old := dmexdBinary(t)
	dir := t.TempDir()
	v2, v3 := buildDmexd(t, dir, "v2"), buildDmexd(t, dir, "v3")
	t.Logf("binaries ready in %s", time.Since(start).Round(time.Second))

	// The chain as `make localnet` prepares it (not started), 1 s blocks, 10 s x/gov votes.
	const rpc = 31357
	home := filepath.Join(t.TempDir(), "dmex-upgrade")
	setup := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "localnet.sh"))
	setup.Env = append(os.Environ(), "DMEX_HOME="+home, "DMEXD="+old, "DMEX_SKIP_BUILD=1", "DMEX_NO_START=1",
		"BLOCK_TIME=1s", "GOV_VOTING_PERIOD=10s", "GOV_EXPEDITED_VOTING_PERIOD=5s",
		fmt.Sprintf("RPC_PORT=%d", rpc), fmt.Sprintf("P2P_PORT=%d", rpc-1),
		fmt.Sprintf("API_PORT=%d", rpc-25340), fmt.Sprintf("GRPC_PORT=%d", rpc-27567))
	if bz, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("localnet.sh: %v\n%s", err, bz)
	}
	// cosmovisor's layout: the genesis binary, and each upgrade's under its plan name.
	copyFile(t, old, filepath.Join(home, "cosmovisor", "genesis", "bin", "dmexd"))
	copyFile(t, v2, filepath.Join(home, "cosmovisor", "upgrades", "v2", "bin", "dmexd"))
	copyFile(t, v3, filepath.Join(home, "cosmovisor", "upgrades", "v3", "bin", "dmexd"))

	logPath := home + ".log"
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(visor, "run", "start", "--home", home)
	cmd.Env = append(os.Environ(), "DAEMON_NAME=dmexd", "DAEMON_HOME="+home,
		"DAEMON_RESTART_AFTER_UPGRADE=true", "DAEMON_ALLOW_DOWNLOAD_BINARIES=false", "UNSAFE_SKIP_BACKUP=true")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group: cosmovisor runs dmexd as a child, which must stop with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_, _ = cmd.Process.Wait()
		logFile.Close()
		if t.Failed() {
			t.Logf("cosmovisor log:\n%s", tail(logPath, 60))
		}
	})
	n := &node{t: t, bin: old, home: home, rpcPort: rpc, apiPort: rpc - 25340, grpc: rpc - 27567, proc: cmd.Process}
	n.waitHeight(2, 90*time.Second)
	if got := currentBinary(t, home); !strings.HasSuffix(got, "genesis") {
		t.Fatalf("cosmovisor starts with %s, want genesis", got)
	}
	var escrow struct {
		Params struct {
			PayoutsPerBlock  int `json:"payouts_per_block"`
			ProductsPerBlock int `json:"products_per_block"`
		} `json:"params"`
	}
	n.jsonQuery(&escrow, "q", "escrow", "params")
	if escrow.Params.PayoutsPerBlock != 100 || escrow.Params.ProductsPerBlock != 100 {
		t.Fatalf("escrow bounds before v2: %+v", escrow.Params)
	}

	// Council phase: 4 of 7 schedule v2.
	council, _ := n.authority()
	v2Height := n.height() + 50 // room for the four council transactions on a loaded machine
	n.councilDecides(t, scheduleJSON(council, "v2", v2Height))
	var plan struct {
		Plan struct {
			Name   string `json:"name"`
			Height string `json:"height"`
		} `json:"plan"`
	}
	n.jsonQuery(&plan, "q", "upgrade", "plan")
	if plan.Plan.Name != "v2" || plan.Plan.Height != fmt.Sprint(v2Height) {
		t.Fatalf("plan after the council's proposal: %+v, want v2 at %d", plan.Plan, v2Height)
	}
	n.waitUpgrade(t, logPath, "v2", v2Height)
	n.jsonQuery(&escrow, "q", "escrow", "params")
	if escrow.Params.PayoutsPerBlock != 200 || escrow.Params.ProductsPerBlock != 200 {
		t.Fatalf("escrow bounds after v2: %+v, want 200 and 200", escrow.Params)
	}
	t.Logf("v2 applied at %d under cosmovisor, %s into the test", v2Height, time.Since(start).Round(time.Second))

	// The handover, then DAO phase: x/gov schedules v3.
	var gov struct {
		Account struct {
			Value struct {
				Address string `json:"address"`
			} `json:"value"`
		} `json:"account"`
	}
	n.jsonQuery(&gov, "q", "auth", "module-account", "gov")
	govAddr := gov.Account.Value.Address
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.dao.v1.MsgUpdateAuthority", "authority": %q, "new_authority": %q}`, council, govAddr))
	if auth, phase := n.authority(); auth != govAddr || phase != "dao" {
		t.Fatalf("after the handover: authority %s phase %s", auth, phase)
	}
	v3Height := n.height() + 50
	file := writeFile(t, "gov-upgrade.json", fmt.Sprintf(`{"messages": [%s], "deposit": "10000000udmc",
 "title": "Upgrade to v3", "summary": "the DAO schedules a software upgrade"}`, scheduleJSON(govAddr, "v3", v3Height)))
	if code, log := n.sendTx("tx", "gov", "submit-proposal", file, "--from", "validator", "--gas", "400000"); code != 0 {
		t.Fatalf("gov submit-proposal: %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "gov", "vote", "1", "yes", "--from", "validator"); code != 0 {
		t.Fatalf("gov vote: %d %s", code, log)
	}
	waitFor(t, "the DAO's upgrade proposal to pass", 90*time.Second, func() bool {
		var p struct {
			Proposal struct {
				Status string `json:"status"`
			} `json:"proposal"`
		}
		n.jsonQuery(&p, "q", "gov", "proposal", "1")
		if s := p.Proposal.Status; s == "PROPOSAL_STATUS_FAILED" || s == "PROPOSAL_STATUS_REJECTED" {
			t.Fatalf("gov proposal %s", s)
		}
		return p.Proposal.Status == "PROPOSAL_STATUS_PASSED"
	})
	n.jsonQuery(&plan, "q", "upgrade", "plan")
	if plan.Plan.Name != "v3" || plan.Plan.Height != fmt.Sprint(v3Height) {
		t.Fatalf("plan after the DAO's proposal: %+v, want v3 at %d", plan.Plan, v3Height)
	}
	n.waitUpgrade(t, logPath, "v3", v3Height)
	// v2's migration stays, the v2 record too.
	n.jsonQuery(&escrow, "q", "escrow", "params")
	if escrow.Params.PayoutsPerBlock != 200 || n.appliedAt("v2") != v2Height {
		t.Fatalf("after v3: escrow %+v, v2 applied at %d", escrow.Params, n.appliedAt("v2"))
	}
	t.Logf("v3 applied at %d under cosmovisor, %s into the test", v3Height, time.Since(start).Round(time.Second))
}
