package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"cosmossdk.io/math"
	txsigning "cosmossdk.io/x/tx/signing"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

const prefix = "dmex"

// sender is one key of the keyring with the sequence the generator believes is next.
type sender struct {
	name   string
	addr   sdk.AccAddress
	accNum uint64
	seq    uint64
	known  bool // accNum and seq have been read from a node
}

type stats struct {
	Sent     int            `json:"sent"`     // broadcast attempts that got an answer
	Accepted int            `json:"accepted"` // CheckTx code 0
	Rejected map[string]int `json:"rejected"` // by codespace/code
	Errors   int            `json:"errors"`   // no answer (node down, timeout)
	Skipped  int            `json:"skipped"`  // ticks with no node to send to (paused)
}

var expectedSeq = regexp.MustCompile(`expected (\d+), got (\d+)`)

func runSend(args []string) error {
	fs := flag.NewFlagSet("send", flag.ExitOnError)
	home := fs.String("home", "", "the node home whose keyring-backend test holds the keys")
	chainID := fs.String("chain-id", "dmex-testnet-1", "chain id")
	keys := fs.String("keys", "alice,bob,council1,council2,council3,council4,council5,council6,council7", "the keys that send, comma separated")
	rpcs := fs.String("rpc", "http://127.0.0.1:27001", "the nodes' CometBFT RPC URLs, comma separated; txs go to them in turn")
	out := fs.String("out", "accepted.txt", "file the hash of every accepted tx is appended to")
	rate := fs.Float64("rate", 5, "txs per second (at most)")
	duration := fs.Duration("duration", 0, "stop after this long (0: until SIGTERM/SIGINT)")
	control := fs.String("control", "", "file read before each tx: 'pause' stops sending, a list of node indexes (0-based in -rpc) are skipped")
	amount := fs.Int64("amount", 1, "udmc per transfer")
	_ = fs.Parse(args)
	if *home == "" || *rate <= 0 {
		return fmt.Errorf("send needs -home and a positive -rate")
	}
	sdk.GetConfig().SetBech32PrefixForAccount(prefix, prefix+sdk.PrefixPublic)

	reg, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: txsigning.Options{
			AddressCodec:          address.NewBech32Codec(prefix),
			ValidatorAddressCodec: address.NewBech32Codec(prefix + "valoper"),
		},
	})
	if err != nil {
		return err
	}
	std.RegisterInterfaces(reg)
	authtypes.RegisterInterfaces(reg)
	vestingtypes.RegisterInterfaces(reg)
	banktypes.RegisterInterfaces(reg)
	cdc := codec.NewProtoCodec(reg)
	txCfg := authtx.NewTxConfig(cdc, []signing.SignMode{signing.SignMode_SIGN_MODE_DIRECT})
	kr, err := keyring.New("dmex", keyring.BackendTest, *home, nil, cdc)
	if err != nil {
		return err
	}

	var senders []*sender
	for _, name := range strings.Split(*keys, ",") {
		rec, err := kr.Key(strings.TrimSpace(name))
		if err != nil {
			return fmt.Errorf("key %s: %w", name, err)
		}
		a, err := rec.GetAddress()
		if err != nil {
			return err
		}
		senders = append(senders, &sender{name: rec.Name, addr: a})
	}
	nodes := strings.Split(*rpcs, ",")

	f, err := os.OpenFile(*out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *duration)
		defer cancel()
	}

	st := stats{Rejected: map[string]int{}}
	tick := time.NewTicker(time.Duration(float64(time.Second) / *rate))
	defer tick.Stop()
	nextNode, nextSender := 0, 0
	lastReport := time.Now()
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
		if ctx.Err() != nil {
			break
		}
		skip, paused := readControl(*control)
		node := -1
		for k := 0; k < len(nodes) && !paused; k++ {
			j := (nextNode + k) % len(nodes)
			if !skip[j] {
				node = j
				break
			}
		}
		if node < 0 {
			st.Skipped++
			continue
		}
		nextNode = node + 1
		s := senders[nextSender%len(senders)]
		nextSender++
		to := senders[nextSender%len(senders)].addr
		base := nodes[node]
		if !s.known {
			if err := s.refresh(base, cdc); err != nil {
				st.Errors++
				continue
			}
		}
		bz, err := s.sign(ctx, txCfg, kr, *chainID, to, *amount)
		if err != nil {
			return err
		}
		res, err := broadcastSync(base, bz)
		if err != nil {
			st.Errors++
			continue
		}
		st.Sent++
		if res.Code == 0 {
			st.Accepted++
			s.seq++
			fmt.Fprintf(w, "%s\n", txHash(bz))
			if err := w.Flush(); err != nil {
				return err
			}
			continue
		}
		st.Rejected[fmt.Sprintf("%s/%d", res.Codespace, res.Code)]++
		// A sequence mismatch names the sequence the node expects; anything else (code 4 from
		// a node that has not made a block since its restart, a full mempool) is read again.
		if m := expectedSeq.FindStringSubmatch(res.Log); res.Code == 32 && m != nil {
			if v, err := strconv.ParseUint(m[1], 10, 64); err == nil {
				s.seq = v
				continue
			}
		}
		s.known = false
		if time.Since(lastReport) > 10*time.Second {
			lastReport = time.Now()
			fmt.Fprintf(os.Stderr, "dmexd-load: %s via %s: code %d: %s\n", s.name, base, res.Code, res.Log)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	bz, _ := json.Marshal(st)
	fmt.Println(string(bz))
	return nil
}

// readControl reads the control file: "pause" stops all sending; numbers name nodes to skip.
func readControl(path string) (skip map[int]bool, paused bool) {
	skip = map[int]bool{}
	if path == "" {
		return skip, false
	}
	bz, err := os.ReadFile(path) //nolint:gosec // G304: the operator names the control file on the command line
	if err != nil {
		return skip, false
	}
	for _, f := range strings.Fields(string(bz)) {
		if f == "pause" {
			return skip, true
		}
		if i, err := strconv.Atoi(f); err == nil {
			skip[i] = true
		}
	}
	return skip, false
}

// refresh reads the account number and sequence from the node's committed state.
func (s *sender) refresh(base string, cdc *codec.ProtoCodec) error {
	req, err := (&authtypes.QueryAccountRequest{Address: s.addr.String()}).Marshal()
	if err != nil {
		return err
	}
	val, code, log, err := abciQuery(base, "/cosmos.auth.v1beta1.Query/Account", req)
	if err != nil {
		return err
	}
	if code != 0 {
		return fmt.Errorf("account %s: code %d: %s", s.name, code, log)
	}
	var res authtypes.QueryAccountResponse
	if err := res.Unmarshal(val); err != nil {
		return err
	}
	var acc sdk.AccountI
	if err := cdc.UnpackAny(res.Account, &acc); err != nil {
		return err
	}
	s.accNum, s.seq, s.known = acc.GetAccountNumber(), acc.GetSequence(), true
	return nil
}

func (s *sender) sign(ctx context.Context, txCfg client.TxConfig, kr keyring.Keyring, chainID string, to sdk.AccAddress, amount int64) ([]byte, error) {
	b := txCfg.NewTxBuilder()
	msg := banktypes.NewMsgSend(s.addr, to, sdk.NewCoins(sdk.NewCoin("udmc", math.NewInt(amount))))
	if err := b.SetMsgs(msg); err != nil {
		return nil, err
	}
	b.SetGasLimit(200_000)
	txf := tx.Factory{}.
		WithTxConfig(txCfg).
		WithKeybase(kr).
		WithChainID(chainID).
		WithAccountNumber(s.accNum).
		WithSequence(s.seq).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	if err := tx.Sign(ctx, txf, s.name, b, true); err != nil {
		return nil, err
	}
	return txCfg.TxEncoder()(b.GetTx())
}
