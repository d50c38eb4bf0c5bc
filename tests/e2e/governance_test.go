package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFile writes a proposal file into the test's folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func (n *node) authority() (addr, phase string) {
	var a struct {
		Authority string `json:"authority"`
		Phase     string `json:"phase"`
	}
	n.jsonQuery(&a, "q", "dao", "authority")
	return a.Authority, a.Phase
}

func (n *node) councilPolicy() string {
	var a struct {
		CouncilPolicy string `json:"council_policy"`
	}
	n.jsonQuery(&a, "q", "dao", "authority")
	return a.CouncilPolicy
}

func (n *node) udmc(addr string) string {
	var b struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	n.jsonQuery(&b, "q", "bank", "balance", addr, "udmc")
	return b.Balance.Amount
}

// councilDecides follows the README: council1 submits with --exec try (its own yes vote),
// council2 and council3 vote yes, council4's yes vote with --exec try executes the proposal.
func (n *node) councilDecides(t *testing.T, messagesJSON string) {
	t.Helper()
	auth := n.councilPolicy()
	file := writeFile(t, "council.json", fmt.Sprintf(`{"group_policy_address": %q, "proposers": [%q],
 "title": "council decision", "summary": "DMEX authority message", "messages": [%s]}`,
		auth, n.addr("council1"), messagesJSON))
	if code, log := n.sendTx("tx", "group", "submit-proposal", file, "--exec", "try", "--from", "council1"); code != 0 {
		t.Fatalf("submit-proposal: %d %s", code, log)
	}
	var props struct {
		Proposals []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"proposals"`
	}
	n.jsonQuery(&props, "q", "group", "proposals-by-group-policy", auth)
	if len(props.Proposals) == 0 {
		t.Fatal("no open council proposal")
	}
	id := props.Proposals[len(props.Proposals)-1].ID
	for i, member := range []string{"council2", "council3", "council4"} {
		args := []string{"tx", "group", "vote", id, n.addr(member), "VOTE_OPTION_YES", "", "--from", member}
		if i == 2 {
			args = append(args, "--exec", "try")
		}
		if code, log := n.sendTx(args...); code != 0 {
			t.Fatalf("%s vote: %d %s", member, code, log)
		}
	}
}

func spendJSON(auth, to string, amount int) string {
	return fmt.Sprintf(`{"@type": "/dmex.dao.v1.MsgSpendFoundation", "authority": %q, "recipient": %q,
  "amount": [{"denom": "udmc", "amount": "%d"}]}`, auth, to, amount)
}

// Both governance phases through the CLI, as the README walks them.
func TestLocalnetCouncilThenDAO(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 30957)
	n.waitHeight(2, 90*time.Second)
	bob := n.addr("bob")
	council, phase := n.authority()
	if phase != "council" {
		t.Fatalf("phase %s at genesis", phase)
	}

	// Council phase: 4 of 7 pay bob from the foundation.
	before := bigInt(t, n.udmc(bob))
	n.councilDecides(t, spendJSON(council, bob, 1000))
	if got := bigInt(t, n.udmc(bob)); got.Int64()-before.Int64() != 1000 {
		t.Fatalf("bob has %s udmc, want %s + 1000", got, before)
	}

	// The handover: the council gives the authority to x/gov.
	var gov struct {
		Account struct {
			Value struct {
				Address string `json:"address"`
			} `json:"value"`
		} `json:"account"`
	}
	n.jsonQuery(&gov, "q", "auth", "module-account", "gov")
	govAddr := gov.Account.Value.Address
	if !strings.HasPrefix(govAddr, "dmex1") {
		t.Fatalf("gov module address %q", govAddr)
	}
	n.councilDecides(t, fmt.Sprintf(`{"@type": "/dmex.dao.v1.MsgUpdateAuthority", "authority": %q, "new_authority": %q}`, council, govAddr))
	if auth, phase := n.authority(); auth != govAddr || phase != "dao" {
		t.Fatalf("after the handover: authority %s phase %s", auth, phase)
	}

	// The council can no longer act: its proposal executes, and the message fails.
	before = bigInt(t, n.udmc(bob))
	n.councilDecides(t, spendJSON(council, bob, 1))
	if got := bigInt(t, n.udmc(bob)); got.Cmp(before) != 0 {
		t.Fatalf("the council spent after the handover: %s -> %s", before, got)
	}

	// DAO phase: DMC stakers decide by x/gov proposal (the validator holds all the stake).
	file := writeFile(t, "gov.json", fmt.Sprintf(`{"messages": [%s], "deposit": "10000000udmc",
 "title": "DAO spends from the foundation", "summary": "first DAO decision"}`, spendJSON(govAddr, bob, 2000)))
	if code, log := n.sendTx("tx", "gov", "submit-proposal", file, "--from", "validator", "--gas", "400000"); code != 0 {
		t.Fatalf("gov submit-proposal: %d %s", code, log)
	}
	if code, log := n.sendTx("tx", "gov", "vote", "1", "yes", "--from", "validator"); code != 0 {
		t.Fatalf("gov vote: %d %s", code, log)
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		var p struct {
			Proposal struct {
				Status string `json:"status"`
			} `json:"proposal"`
		}
		n.jsonQuery(&p, "q", "gov", "proposal", "1")
		if p.Proposal.Status == "PROPOSAL_STATUS_PASSED" {
			break
		}
		if p.Proposal.Status == "PROPOSAL_STATUS_FAILED" || p.Proposal.Status == "PROPOSAL_STATUS_REJECTED" || time.Now().After(deadline) {
			t.Fatalf("gov proposal status %s", p.Proposal.Status)
		}
		time.Sleep(2 * time.Second)
	}
	if got := bigInt(t, n.udmc(bob)); got.Int64()-before.Int64() != 2000 {
		t.Fatalf("after the DAO's proposal bob has %s udmc, want %s + 2000", got, before)
	}
}
