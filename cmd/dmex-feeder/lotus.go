package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"sync/atomic"
)

// Lotus is a minimal client of a Filecoin node's JSON-RPC API (Lotus v0 / v1).
type Lotus struct {
	URL   string
	Token string // optional bearer token (read access is enough)
	HTTP  *http.Client
	id    atomic.Int64
}

type rpcRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int64  `json:"id"`
	Method  string `json:"method"`
	Params  []any  `json:"params"`
}

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (l *Lotus) call(ctx context.Context, method string, out any, params ...any) error {
	if params == nil {
		params = []any{}
	}
	body, _ := json.Marshal(rpcRequest{JSONRPC: "2.0", ID: l.id.Add(1), Method: method, Params: params})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if l.Token != "" {
		req.Header.Set("Authorization", "Bearer "+l.Token)
	}
	client := l.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %s", method, resp.Status)
	}
	var r rpcResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: decoding the response: %w", method, err)
	}
	if r.Error != nil {
		return fmt.Errorf("%s: RPC error %d: %s", method, r.Error.Code, r.Error.Message)
	}
	if err := json.Unmarshal(r.Result, out); err != nil {
		return fmt.Errorf("%s: decoding the result: %w", method, err)
	}
	return nil
}

// TipSet is the part of a Lotus tipset the feeder uses.
type TipSet struct {
	Cids   []map[string]string `json:"Cids"`
	Height int64               `json:"Height"`
	Blocks []struct {
		Timestamp uint64 `json:"Timestamp"`
	} `json:"Blocks"`
}

// Timestamp is the tipset's time (its blocks share it).
func (t TipSet) Timestamp() uint64 {
	if len(t.Blocks) == 0 {
		return 0
	}
	return t.Blocks[0].Timestamp
}

type claim struct {
	RawBytePower    string `json:"RawBytePower"`
	QualityAdjPower string `json:"QualityAdjPower"`
}

// MinerPower is Filecoin.StateMinerPower's result.
type MinerPower struct {
	MinerPower claim `json:"MinerPower"`
	TotalPower claim `json:"TotalPower"`
}

func (l *Lotus) ChainHead(ctx context.Context) (TipSet, error) {
	var ts TipSet
	err := l.call(ctx, "Filecoin.ChainHead", &ts)
	return ts, err
}

func (l *Lotus) StateMinerPower(ctx context.Context, miner string, tsk []map[string]string) (MinerPower, error) {
	var p MinerPower
	err := l.call(ctx, "Filecoin.StateMinerPower", &p, miner, tsk)
	return p, err
}

// ThisEpochReward reads the reward actor (f02) state: the block reward of the current epoch, attoFIL.
func (l *Lotus) ThisEpochReward(ctx context.Context, tsk []map[string]string) (*big.Int, error) {
	var st struct {
		State struct {
			ThisEpochReward string `json:"ThisEpochReward"`
		} `json:"State"`
	}
	if err := l.call(ctx, "Filecoin.StateReadState", &st, "f02", tsk); err != nil {
		return nil, err
	}
	return parseBig("ThisEpochReward", st.State.ThisEpochReward)
}

func parseBig(what, s string) (*big.Int, error) {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok || v.Sign() < 0 {
		return nil, fmt.Errorf("%s %q is not a non-negative decimal integer", what, s)
	}
	return v, nil
}
