package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// localnet.sh twice on one home (the second run starts afresh), then `dmexd genesis validate`
// refuses DMC added on top of the allocation, and says why.
func TestLocalnetSetupTwiceAndGenesisValidate(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	bin := dmexdBinary(t)
	home := filepath.Join(t.TempDir(), "dmex-local")
	n := &node{t: t, bin: bin, home: home}
	var firstAlice string
	for run := 1; run <= 2; run++ {
		cmd := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "localnet.sh"))
		cmd.Env = append(os.Environ(), "DMEX_HOME="+home, "DMEXD="+bin, "DMEX_SKIP_BUILD=1", "DMEX_NO_START=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("localnet.sh run %d: %v\n%s", run, err, out)
		}
		if out := n.cli("genesis", "validate"); !strings.Contains(out+"", "valid genesis") {
			t.Fatalf("run %d: genesis validate: %s", run, out)
		}
		alice := n.addr("alice")
		if run == 1 {
			firstAlice = alice
		} else if alice == firstAlice {
			t.Fatal("the second run did not start afresh (same keys)")
		}
	}

	// One udmc more than the allocation, as `add-genesis-account` would add it.
	n.cli("genesis", "add-genesis-account", n.addr("bob"), "1udmc", "--append", "--keyring-backend", "test")
	out, err := n.tryCLI("genesis", "validate")
	if err == nil {
		t.Fatalf("genesis validate accepted DMC on top of the allocation:\n%s", out)
	}
	if !strings.Contains(out, "DMC does not add up") || !strings.Contains(out, "difference 1udmc") {
		t.Fatalf("genesis validate error does not say why:\n%s", out)
	}
}
