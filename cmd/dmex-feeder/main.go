// Command dmex-feeder is a DMEX oracle feeder: it reads a Filecoin node's JSON-RPC API (Lotus:
// Filecoin.ChainHead, Filecoin.StateMinerPower, Filecoin.StateReadState of the reward actor) and
// submits the day's report with `dmexd tx oracle report`, retrying on failure.
//
//	dmex-feeder --lotus http://127.0.0.1:1234/rpc/v1 --nodes f01234,f05678 \
//	  --from feeder1 --dmexd-flags "--home ~/.dmexd --node tcp://127.0.0.1:26657" \
//	  --tx-flags "--keyring-backend test --chain-id dmex-local-1 --fees 2000udmc"
//
// By default it reports once (the chain's previous day) and exits; --every 1h keeps it running.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	lotusURL := flag.String("lotus", "http://127.0.0.1:1234/rpc/v1", "Filecoin node JSON-RPC URL")
	token := flag.String("lotus-token", os.Getenv("LOTUS_TOKEN"), "Filecoin node API token (or $LOTUS_TOKEN)")
	nodes := flag.String("nodes", "", "comma-separated miner node ids to report (f0…), each optionally with its owner: f01234@dmex1…")
	binary := flag.String("dmexd", "dmexd", "the dmexd binary")
	from := flag.String("from", "", "the feeder's key name or address")
	dmexdFlags := flag.String("dmexd-flags", "", "dmexd flags for every command, space-separated (--home, --node)")
	txFlags := flag.String("tx-flags", "", "dmexd flags for the tx, space-separated (--keyring-backend, --chain-id, --fees)")
	day := flag.Uint64("day", 0, "the day to report (default: the chain's previous day)")
	retries := flag.Int("retries", 5, "retries after a failed attempt")
	wait := flag.Duration("retry-wait", 10*time.Second, "wait between attempts")
	every := flag.Duration("every", 0, "keep running, one report per interval (0: once)")
	timeout := flag.Duration("tx-timeout", 60*time.Second, "how long to wait for the tx in a block")
	flag.Parse()

	logger := log.New(os.Stderr, "dmex-feeder: ", log.LstdFlags|log.LUTC)
	if *from == "" {
		logger.Fatal("--from is required")
	}
	var ids []string
	for _, n := range strings.Split(*nodes, ",") {
		if n = strings.TrimSpace(n); n != "" {
			ids = append(ids, n)
		}
	}
	fd := &Feeder{
		Lotus: &Lotus{URL: *lotusURL, Token: *token},
		Chain: CLI{Binary: *binary, From: *from, Flags: strings.Fields(*dmexdFlags), TxFlags: strings.Fields(*txFlags), Timeout: *timeout},
		Nodes: ids, Retries: *retries, RetryWait: *wait, Log: logger, Day: *day,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for {
		err := fd.RunOnce(ctx)
		if err != nil {
			logger.Print(err)
		}
		if *every == 0 {
			if err != nil {
				os.Exit(1) //nolint:gocritic // exitAfterDefer: the deferred stop only unregisters the signal handler
			}
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(*every):
		}
	}
}
