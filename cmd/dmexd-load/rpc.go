package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

var httpClient = &http.Client{Timeout: 5 * time.Second}

// rpcGet GETs path?query from a CometBFT RPC and decodes the JSON-RPC result into v.
func rpcGet(base, path string, query url.Values, v any) error {
	u := strings.TrimRight(base, "/") + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	resp, err := httpClient.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Data    string `json:"data"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("%s: %w: %.200s", u, err, body)
	}
	if env.Error != nil {
		return fmt.Errorf("%s: rpc error %d: %s %s", path, env.Error.Code, env.Error.Message, env.Error.Data)
	}
	return json.Unmarshal(env.Result, v)
}

// txHash is the CometBFT hash of tx bytes, as /tx and tx_search spell it.
func txHash(tx []byte) string {
	h := sha256.Sum256(tx)
	return strings.ToUpper(hex.EncodeToString(h[:]))
}

type broadcastResult struct {
	Code      uint32 `json:"code"`
	Log       string `json:"log"`
	Codespace string `json:"codespace"`
	Hash      string `json:"hash"`
}

func broadcastSync(base string, tx []byte) (broadcastResult, error) {
	var res broadcastResult
	err := rpcGet(base, "/broadcast_tx_sync", url.Values{"tx": {"0x" + hex.EncodeToString(tx)}}, &res)
	return res, err
}

// status returns the node's earliest and latest block heights.
func status(base string) (earliest, latest int64, err error) {
	var st struct {
		SyncInfo struct {
			Earliest string `json:"earliest_block_height"`
			Latest   string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if err = rpcGet(base, "/status", nil, &st); err != nil {
		return 0, 0, err
	}
	if earliest, err = strconv.ParseInt(st.SyncInfo.Earliest, 10, 64); err != nil {
		return 0, 0, err
	}
	latest, err = strconv.ParseInt(st.SyncInfo.Latest, 10, 64)
	return earliest, latest, err
}

// abciQuery runs an ABCI query (a gRPC query path with protobuf request bytes) and returns the
// response value and code.
func abciQuery(base, path string, data []byte) ([]byte, uint32, string, error) {
	var res struct {
		Response struct {
			Code  uint32 `json:"code"`
			Log   string `json:"log"`
			Value []byte `json:"value"`
		} `json:"response"`
	}
	q := url.Values{"path": {strconv.Quote(path)}, "data": {"0x" + hex.EncodeToString(data)}}
	if err := rpcGet(base, "/abci_query", q, &res); err != nil {
		return nil, 0, "", err
	}
	return res.Response.Value, res.Response.Code, res.Response.Log, nil
}
