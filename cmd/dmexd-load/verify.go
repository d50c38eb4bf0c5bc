package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

type verifyReport struct {
	Accepted     int      `json:"accepted"`      // distinct hashes in the accepted file
	FoundOnce    int      `json:"found_once"`    // in exactly one block (and in the tx index)
	Missing      int      `json:"missing"`       // in no block
	Doubled      int      `json:"doubled"`       // in more than one block, or twice in one
	NotIndexed   int      `json:"not_indexed"`   // in a block but /tx does not find it
	FailedInTx   int      `json:"failed_in_tx"`  // included with a non-zero DeliverTx code
	BlockTxs     int      `json:"block_txs"`     // txs in the scanned blocks
	FromHeight   int64    `json:"from_height"`   // blocks scanned
	ToHeight     int64    `json:"to_height"`     //
	MissingFirst []string `json:"missing_first"` // a few of the missing hashes
	DoubledFirst []string `json:"doubled_first"` // a few of the doubled ones
}

func runVerify(args []string) error {
	fs := flag.NewFlagSet("verify", flag.ExitOnError)
	rpc := fs.String("rpc", "http://127.0.0.1:27001", "the CometBFT RPC of a node that holds every block (not a state-synced one)")
	accepted := fs.String("accepted", "accepted.txt", "the file dmexd-load send wrote")
	wait := fs.Duration("wait", 60*time.Second, "keep scanning new blocks this long while accepted txs are missing")
	_ = fs.Parse(args)

	hashes, err := readHashes(*accepted)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	var rep verifyReport
	rep.Accepted = len(hashes)
	next := int64(0)
	deadline := time.Now().Add(*wait)
	for {
		earliest, latest, err := status(*rpc)
		if err != nil {
			return err
		}
		if next == 0 {
			next, rep.FromHeight = earliest, earliest
		}
		for ; next <= latest; next++ {
			var b struct {
				Block struct {
					Data struct {
						Txs [][]byte `json:"txs"`
					} `json:"data"`
				} `json:"block"`
			}
			if err := rpcGet(*rpc, "/block", url.Values{"height": {strconv.FormatInt(next, 10)}}, &b); err != nil {
				return fmt.Errorf("block %d: %w", next, err)
			}
			for _, tx := range b.Block.Data.Txs {
				counts[txHash(tx)]++
				rep.BlockTxs++
			}
		}
		rep.ToHeight = latest
		missing := 0
		for _, h := range hashes {
			if counts[h] == 0 {
				missing++
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Second)
	}
	for _, h := range hashes {
		switch c := counts[h]; {
		case c == 0:
			rep.Missing++
			if len(rep.MissingFirst) < 5 {
				rep.MissingFirst = append(rep.MissingFirst, h)
			}
			continue
		case c > 1:
			rep.Doubled++
			if len(rep.DoubledFirst) < 5 {
				rep.DoubledFirst = append(rep.DoubledFirst, h)
			}
			continue
		}
		var res struct {
			Height   string `json:"height"`
			TxResult struct {
				Code uint32 `json:"code"`
			} `json:"tx_result"`
		}
		if err := rpcGet(*rpc, "/tx", url.Values{"hash": {"0x" + h}}, &res); err != nil {
			rep.NotIndexed++
			continue
		}
		if res.TxResult.Code != 0 {
			rep.FailedInTx++
		}
		rep.FoundOnce++
	}
	bz, _ := json.Marshal(rep)
	fmt.Println(string(bz))
	if rep.Missing > 0 || rep.Doubled > 0 || rep.NotIndexed > 0 || rep.Accepted == 0 {
		return fmt.Errorf("%d accepted txs: %d found once, %d missing, %d doubled, %d not in the tx index",
			rep.Accepted, rep.FoundOnce, rep.Missing, rep.Doubled, rep.NotIndexed)
	}
	return nil
}

// readHashes reads the accepted file: one hash a line, duplicates counted once (a tx accepted
// by two nodes, its response lost the first time, is the same tx).
func readHashes(path string) ([]string, error) {
	f, err := os.Open(path) //nolint:gosec // G304: the operator names the file on the command line
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		h := strings.ToUpper(strings.TrimSpace(sc.Text()))
		if h == "" || seen[h] {
			continue
		}
		seen[h] = true
		out = append(out, h)
	}
	return out, sc.Err()
}
