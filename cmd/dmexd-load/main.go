// Command dmexd-load is the project's transaction load generator for the chaos runs
// (scripts/chaos.sh, issue #19 item 5). It does not import ./app: it signs bank MsgSend txs
// with the SDK's client libraries and the keys of a test keyring, broadcasts them
// (broadcast_tx_sync on the CometBFT RPC) to the nodes in turn at a bounded rate, tracks the
// senders' sequences itself and writes the hash of every tx CheckTx accepted (code 0) to a file.
//
//	dmexd-load send   -home H -chain-id C -rpc URL,URL,... -out accepted.txt [-rate 5] [-duration 0] [-control FILE]
//	dmexd-load verify -rpc URL -accepted accepted.txt
//
// verify scans every block the node holds and the tx index, and reports each accepted tx as
// found exactly once, missing or doubled; it exits 1 unless every accepted tx is found once.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "send":
		err = runSend(os.Args[2:])
	case "verify":
		err = runVerify(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dmexd-load:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: dmexd-load send|verify [flags] (dmexd-load send -h)")
	os.Exit(2)
}
