package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// CLI submits through the dmexd binary: `dmexd tx oracle report …`, then waits for the tx to
// be in a block. Reports the chain already has (codes 6 duplicate, 7 day finalized of the
// oracle codespace) count as done.
type CLI struct {
	Binary  string
	From    string
	Flags   []string // for every command: --home, --node
	TxFlags []string // for the tx only: --keyring-backend, --chain-id, --fees, --gas
	Timeout time.Duration
}

func (c CLI) run(ctx context.Context, args ...string) ([]byte, error) {
	all := append(append([]string{}, args...), c.Flags...)
	if args[0] == "tx" {
		all = append(all, c.TxFlags...)
	}
	cmd := exec.CommandContext(ctx, c.Binary, all...) //nolint:gosec // G204: runs the dmexd binary the operator configured, with argv (no shell)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w: %s", c.Binary, strings.Join(args[:3], " "), err, strings.TrimSpace(errb.String()+out.String()))
	}
	return out.Bytes(), nil
}

func (c CLI) CurrentDay(ctx context.Context) (uint64, error) {
	out, err := c.run(ctx, "q", "oracle", "current-day", "-o", "json")
	if err != nil {
		return 0, err
	}
	var r struct {
		Day string `json:"day"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return 0, fmt.Errorf("current-day: %w: %s", err, out)
	}
	return strconv.ParseUint(r.Day, 10, 64)
}

type txResult struct {
	Code      uint32 `json:"code"`
	Codespace string `json:"codespace"`
	RawLog    string `json:"raw_log"`
	TxHash    string `json:"txhash"`
}

func alreadyReported(r txResult) bool {
	return r.Codespace == "oracle" && (r.Code == 6 || r.Code == 7)
}

func (c CLI) Submit(ctx context.Context, f Figures) (bool, error) {
	args := append([]string{"tx", "oracle", "report"}, f.Args()...)
	args = append(args, "--from", c.From, "-y", "-o", "json")
	out, err := c.run(ctx, args...)
	if err != nil {
		return false, err
	}
	var r txResult
	if err := json.Unmarshal(lastJSON(out), &r); err != nil {
		return false, fmt.Errorf("reading the tx result: %w: %s", err, out)
	}
	if alreadyReported(r) {
		return true, nil
	}
	if r.Code != 0 {
		return false, fmt.Errorf("tx refused (%s code %d): %s", r.Codespace, r.Code, r.RawLog)
	}
	// Wait for the tx to be in a block and check its result.
	deadline := time.Now().Add(c.Timeout)
	var qerr error
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(time.Second):
		}
		out, err := c.run(ctx, "q", "tx", r.TxHash, "-o", "json")
		if err != nil {
			qerr = err // not in a block yet, or the query failed
			continue
		}
		var res txResult
		if err := json.Unmarshal(lastJSON(out), &res); err != nil {
			return false, fmt.Errorf("reading tx %s: %w", r.TxHash, err)
		}
		if res.Code != 0 && !alreadyReported(res) {
			return false, fmt.Errorf("tx %s failed (%s code %d): %s", r.TxHash, res.Codespace, res.Code, res.RawLog)
		}
		return true, nil
	}
	return false, fmt.Errorf("tx %s not in a block after %s (last query: %v)", r.TxHash, c.Timeout, qerr) //nolint:errorlint // qerr is context and may be nil (no query before the deadline)
}

// lastJSON skips any text before the JSON object (e.g. a gas estimate line).
func lastJSON(b []byte) []byte {
	if i := bytes.IndexByte(b, '{'); i >= 0 {
		return b[i:]
	}
	return b
}
