package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeLotus is a Lotus JSON-RPC server on loopback with a network of 1 EiB QA power and an
// epoch reward of 20 FIL; it fails the first failures calls with HTTP 503.
type fakeLotus struct {
	mu       sync.Mutex
	failures int
	calls    []string
	power    map[string]string
}

func (f *fakeLotus) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req rpcRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, req.Method)
	if f.failures > 0 {
		f.failures--
		http.Error(w, "lotus is syncing", http.StatusServiceUnavailable)
		return
	}
	reply := func(result any) {
		_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": result})
	}
	switch req.Method {
	case "Filecoin.ChainHead":
		reply(map[string]any{"Cids": []map[string]string{{"/": "bafy2bzaceheadcid"}}, "Height": 4_000_000,
			"Blocks": []map[string]any{{"Timestamp": 1_700_000_000}}})
	case "Filecoin.StateReadState":
		reply(map[string]any{"Balance": "0", "State": map[string]any{"ThisEpochReward": "20000000000000000000"}})
	case "Filecoin.StateMinerPower":
		id, _ := req.Params[0].(string)
		p, ok := f.power[id]
		if !ok {
			_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID,
				"error": map[string]any{"code": 1, "message": "actor not found " + id}})
			return
		}
		reply(map[string]any{"MinerPower": map[string]string{"RawBytePower": p, "QualityAdjPower": p},
			"TotalPower": map[string]string{"RawBytePower": "1152921504606846976", "QualityAdjPower": "1152921504606846976"}})
	default:
		_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID,
			"error": map[string]any{"code": -32601, "message": "method not found"}})
	}
}

type fakeChain struct {
	day       uint64
	submitted []Figures
	refuse    int
}

func (c *fakeChain) CurrentDay(context.Context) (uint64, error) { return c.day, nil }
func (c *fakeChain) Submit(_ context.Context, f Figures) (bool, error) {
	if c.refuse > 0 {
		c.refuse--
		return false, os.ErrDeadlineExceeded
	}
	c.submitted = append(c.submitted, f)
	return true, nil
}

func newFeeder(t *testing.T, lotus *fakeLotus, chain Submitter, nodes ...string) (*Feeder, *bytes.Buffer) {
	srv := httptest.NewServer(lotus)
	t.Cleanup(srv.Close)
	var logs bytes.Buffer
	return &Feeder{Lotus: &Lotus{URL: srv.URL, Token: "t"}, Chain: chain, Nodes: nodes, Retries: 3,
		RetryWait: time.Millisecond, Log: log.New(&logs, "", 0)}, &logs
}

func TestFeederReportsYesterdayFromLotus(t *testing.T) {
	lotus := &fakeLotus{power: map[string]string{"f01234": "1099511627776000"}} // 1000 TiB
	chain := &fakeChain{day: 20_000}
	fd, logs := newFeeder(t, lotus, chain, "f01234")
	if err := fd.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(chain.submitted) != 1 {
		t.Fatalf("%d reports", len(chain.submitted))
	}
	f := chain.submitted[0]
	// Daily reward 20 FIL × 2880 = 57,600 FIL over 2^60 bytes = 2^20 TiB.
	daily := new(big.Int).Mul(big.NewInt(57_600), new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))
	perTiB := new(big.Int).Quo(daily, big.NewInt(1<<20))
	node := new(big.Int).Quo(new(big.Int).Mul(daily, big.NewInt(1000)), big.NewInt(1<<20))
	want := []string{"19999", perTiB.String(), "f01234:1099511627776000:" + node.String()}
	if got := f.Args(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("args %v, want %v", got, want)
	}
	if !strings.Contains(logs.String(), "day 19999 reported") {
		t.Fatalf("log: %s", logs)
	}
}

func TestFeederRetries(t *testing.T) {
	lotus := &fakeLotus{failures: 2, power: map[string]string{"f01234": "1"}}
	chain := &fakeChain{day: 5, refuse: 1}
	fd, logs := newFeeder(t, lotus, chain, "f01234")
	if err := fd.RunOnce(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	if len(chain.submitted) != 1 || strings.Count(logs.String(), "failed") != 3 {
		t.Fatalf("submitted %d, log:\n%s", len(chain.submitted), logs)
	}
	if !strings.Contains(logs.String(), "HTTP 503") {
		t.Fatalf("log does not say why:\n%s", logs)
	}
}

func TestFeederGivesUpWithTheReason(t *testing.T) {
	lotus := &fakeLotus{power: map[string]string{}}
	fd, _ := newFeeder(t, lotus, &fakeChain{day: 5}, "f09999")
	err := fd.RunOnce(context.Background())
	if err == nil || !strings.Contains(err.Error(), "actor not found f09999") || !strings.Contains(err.Error(), "after 4 attempts") {
		t.Fatalf("error %v", err)
	}
}

// TestCLISubmitter runs the CLI submitter against a stand-in dmexd script.
func TestCLISubmitter(t *testing.T) {
	dir := t.TempDir()
	argsFile := filepath.Join(dir, "args")
	script := `#!/bin/sh
echo "$@" >> ` + argsFile + `
case "$1 $2" in
  "q oracle") echo '{"day":"20000","first_open_day":"19999"}' ;;
  "tx oracle") echo 'gas estimate: 1'; echo '{"code":0,"txhash":"ABC"}' ;;
  "q tx") echo '{"code":0,"txhash":"ABC"}' ;;
esac
`
	bin := filepath.Join(dir, "dmexd")
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c := CLI{Binary: bin, From: "feeder1", Flags: []string{"--home", "h"}, TxFlags: []string{"--keyring-backend", "test"}, Timeout: 10 * time.Second}
	day, err := c.CurrentDay(context.Background())
	if err != nil || day != 20_000 {
		t.Fatalf("day %d %v", day, err)
	}
	done, err := c.Submit(context.Background(), Figures{Day: 19_999, RewardPerTiB: big.NewInt(7),
		Nodes: []NodeFigures{{NodeID: "f01", Power: big.NewInt(2), Reward: big.NewInt(3)}}})
	if err != nil || !done {
		t.Fatalf("submit %v %v", done, err)
	}
	args, _ := os.ReadFile(argsFile)
	if !strings.Contains(string(args), "tx oracle report 19999 7 f01:2:3 --from feeder1 -y -o json --home h --keyring-backend test") ||
		!strings.Contains(string(args), "q tx ABC -o json --home h\n") {
		t.Fatalf("dmexd called with:\n%s", args)
	}
	if !alreadyReported(txResult{Codespace: "oracle", Code: 6}) || alreadyReported(txResult{Codespace: "oracle", Code: 4}) {
		t.Fatal("alreadyReported")
	}
}

// A node given as id@owner is reported with its owner (node_id:power:reward:owner).
func TestFeederReportsTheNodesOwner(t *testing.T) {
	lotus := &fakeLotus{power: map[string]string{"f01234": "1099511627776000"}}
	chain := &fakeChain{day: 20_000}
	fd, _ := newFeeder(t, lotus, chain, "f01234@dmex1owner")
	if err := fd.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	args := chain.submitted[0].Args()
	if len(args) != 3 || !strings.HasPrefix(args[2], "f01234:1099511627776000:") || !strings.HasSuffix(args[2], ":dmex1owner") {
		t.Fatalf("args %v", args)
	}
}
