package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"
)

// jsonQuery runs a `dmexd q ... -o json` and decodes it.
func (n *node) jsonQuery(v any, args ...string) {
	n.t.Helper()
	out := n.cli(append(args, "-o", "json")...)
	// The CLI omits fields at their zero value: a struct decoded into twice must not keep the
	// first answer's value of a field the second one leaves out.
	reflect.ValueOf(v).Elem().SetZero()
	start := strings.Index(out, "{")
	if start < 0 {
		n.t.Fatalf("no JSON from %v: %s", args, out)
	}
	if err := json.NewDecoder(strings.NewReader(out[start:])).Decode(v); err != nil {
		n.t.Fatalf("decode %v: %v\n%s", args, err, out)
	}
}

func bigInt(t *testing.T, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return v
}

// The README's mining walk-through: stake in the uusdt farm, wait, claim; the balance grows by
// exactly what the queries promised for the claim's block.
func TestLocalnetMiningStakeAndClaim(t *testing.T) {
	if testing.Short() {
		t.Skip("e2e")
	}
	t.Parallel() // each test has its own home and ports
	n, _, _ := startLocalnet(t, 30757)
	n.waitHeight(2, 90*time.Second)

	var farm struct {
		Farm struct {
			Farm struct {
				Denom string `json:"denom"`
			} `json:"farm"`
		} `json:"farm"`
	}
	n.jsonQuery(&farm, "q", "dmc", "farm", "1")
	if farm.Farm.Farm.Denom != "uusdt" {
		t.Fatalf("farm 1 takes %q, want uusdt (genesis farms of localnet.sh)", farm.Farm.Farm.Denom)
	}
	var fc struct {
		PerDay string `json:"per_day"`
	}
	n.jsonQuery(&fc, "q", "dmc", "forecast", "1", "5000000")
	if bigInt(t, fc.PerDay).Sign() <= 0 {
		t.Fatalf("forecast for a stake in an empty farm: %s udmc/day, want positive", fc.PerDay)
	}

	alice := n.addr("alice")
	if code, log := n.sendTx("tx", "dmc", "stake", "1", "5000000uusdt", "--from", "alice"); code != 0 {
		t.Fatalf("stake: %d %s", code, log)
	}
	n.waitHeight(n.height()+3, 60*time.Second)

	code, log, h := n.sendTxAt("tx", "dmc", "claim", "0", "--from", "alice")
	if code != 0 {
		t.Fatalf("claim: %d %s", code, log)
	}
	at := fmt.Sprint(h - 1)
	var pos struct {
		TotalPending string `json:"total_pending"`
	}
	n.jsonQuery(&pos, "q", "dmc", "positions", alice, "--height", at)
	var f1 struct {
		Farm struct {
			RewardPerBlock string `json:"reward_per_block"`
		} `json:"farm"`
	}
	n.jsonQuery(&f1, "q", "dmc", "farm", "1", "--height", at)
	var balBefore, balAfter struct {
		Balance struct {
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	n.jsonQuery(&balBefore, "q", "bank", "balance", alice, "udmc", "--height", at)
	n.jsonQuery(&balAfter, "q", "bank", "balance", alice, "udmc", "--height", fmt.Sprint(h))

	grew := new(big.Int).Sub(bigInt(t, balAfter.Balance.Amount), bigInt(t, balBefore.Balance.Amount))
	// Alice is alone in the farm: the claim pays what was pending plus the claim block's reward
	// (less at most one udmc the accumulator carries to later blocks).
	promised := new(big.Int).Add(bigInt(t, pos.TotalPending), bigInt(t, f1.Farm.RewardPerBlock))
	diff := new(big.Int).Sub(promised, grew)
	if bigInt(t, pos.TotalPending).Sign() <= 0 || diff.Sign() < 0 || diff.Cmp(big.NewInt(1)) > 0 {
		t.Fatalf("balance grew by %s udmc; pending %s + reward per block %s = %s promised",
			grew, pos.TotalPending, f1.Farm.RewardPerBlock, promised)
	}
	var em struct {
		MintedByMining string `json:"minted_by_mining"`
	}
	n.jsonQuery(&em, "q", "dmc", "emission")
	if bigInt(t, em.MintedByMining).Cmp(grew) < 0 {
		t.Fatalf("minted by mining %s is less than what alice claimed %s", em.MintedByMining, grew)
	}
}
