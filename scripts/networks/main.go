// Command networks writes the ecosystem files of a DMEX network from its one source,
// networks/<name>/network.json, so that they cannot disagree:
//
//	chain.json      the chain-registry entry (cosmos/chain-registry's chain.schema.json)
//	assetlist.json  the chain-registry asset list
//	keplr.json      the chain info the web app suggests to Keplr (experimentalSuggestChain)
//
// Run `make networks` (go run ./scripts/networks networks/local) after editing a network.json;
// scripts/networks' test fails when a committed file is not what this writes.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Network is a network.json.
type Network struct {
	ChainID      string  `json:"chain_id"`
	ChainName    string  `json:"chain_name"`
	PrettyName   string  `json:"pretty_name"`
	Description  string  `json:"description"`
	NetworkType  string  `json:"network_type"`
	Bech32Prefix string  `json:"bech32_prefix"`
	Slip44       int     `json:"slip44"`
	DaemonName   string  `json:"daemon_name"`
	NodeHome     string  `json:"node_home"`
	GitRepo      string  `json:"git_repo"`
	RPC          string  `json:"rpc"`
	REST         string  `json:"rest"`
	GRPC         string  `json:"grpc"`
	FeeDenom     string  `json:"fee_denom"`
	GasPrice     Prices  `json:"gas_price"`
	StakingDenom string  `json:"staking_denom"`
	Assets       []Asset `json:"assets"`
}

// Prices are gas prices in the fee denom.
type Prices struct {
	Low     float64 `json:"low"`
	Average float64 `json:"average"`
	High    float64 `json:"high"`
}

// Asset is one bank denom of the network.
type Asset struct {
	Base        string `json:"base"`
	Display     string `json:"display"`
	Symbol      string `json:"symbol"`
	Exponent    int    `json:"exponent"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: networks <networks/name>")
		os.Exit(2)
	}
	files, err := Generate(os.Args[1])
	if err == nil {
		for name, bz := range files {
			if err = os.WriteFile(filepath.Join(os.Args[1], name), bz, 0o644); err != nil { //nolint:gosec // G306: committed, world-readable files
				break
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "networks:", err)
		os.Exit(1)
	}
}

// Load reads and checks dir/network.json.
func Load(dir string) (Network, error) {
	var n Network
	bz, err := os.ReadFile(filepath.Join(dir, "network.json")) //nolint:gosec // G304: the developer names the network folder
	if err != nil {
		return n, err
	}
	dec := json.NewDecoder(bytes.NewReader(bz))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&n); err != nil {
		return n, fmt.Errorf("%s/network.json: %w", dir, err)
	}
	if n.ChainID == "" || n.Bech32Prefix == "" || n.asset(n.FeeDenom) == nil || n.asset(n.StakingDenom) == nil {
		return n, fmt.Errorf("%s/network.json: chain_id, bech32_prefix and assets for fee_denom %q and staking_denom %q are required", dir, n.FeeDenom, n.StakingDenom)
	}
	return n, nil
}

func (n Network) asset(denom string) *Asset {
	for i := range n.Assets {
		if n.Assets[i].Base == denom {
			return &n.Assets[i]
		}
	}
	return nil
}

// Generate is the files dir's network.json makes, by name.
func Generate(dir string) (map[string][]byte, error) {
	n, err := Load(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, v := range map[string]any{"chain.json": n.chainJSON(), "assetlist.json": n.assetList(), "keplr.json": n.keplr()} {
		bz, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, err
		}
		out[name] = append(bz, '\n')
	}
	return out, nil
}

type obj = map[string]any

func (n Network) chainJSON() obj {
	return obj{
		"$schema":       "../../chain.schema.json",
		"chain_name":    n.ChainName,
		"chain_type":    "cosmos",
		"status":        "live",
		"network_type":  n.NetworkType,
		"pretty_name":   n.PrettyName,
		"description":   n.Description,
		"chain_id":      n.ChainID,
		"bech32_prefix": n.Bech32Prefix,
		"daemon_name":   n.DaemonName,
		"node_home":     n.NodeHome,
		"key_algos":     []string{"secp256k1"},
		"slip44":        n.Slip44,
		"fees": obj{"fee_tokens": []obj{{
			"denom": n.FeeDenom, "fixed_min_gas_price": n.GasPrice.Low,
			"low_gas_price": n.GasPrice.Low, "average_gas_price": n.GasPrice.Average, "high_gas_price": n.GasPrice.High,
		}}},
		"staking":  obj{"staking_tokens": []obj{{"denom": n.StakingDenom}}},
		"codebase": obj{"git_repo": n.GitRepo},
		"apis": obj{
			"rpc":  []obj{{"address": n.RPC, "provider": "local"}},
			"rest": []obj{{"address": n.REST, "provider": "local"}},
			"grpc": []obj{{"address": n.GRPC, "provider": "local"}},
		},
	}
}

func (n Network) assetList() obj {
	assets := make([]obj, 0, len(n.Assets))
	for _, a := range n.Assets {
		assets = append(assets, obj{
			"description": a.Description,
			"denom_units": []obj{{"denom": a.Base, "exponent": 0}, {"denom": a.Display, "exponent": a.Exponent}},
			"base":        a.Base,
			"name":        a.Name,
			"display":     a.Display,
			"symbol":      a.Symbol,
			"type_asset":  "sdk.coin",
		})
	}
	return obj{"$schema": "../../assetlist.schema.json", "chain_name": n.ChainName, "assets": assets}
}

func (n Network) currency(a Asset) obj {
	return obj{"coinDenom": strings.ToUpper(a.Display), "coinMinimalDenom": a.Base, "coinDecimals": a.Exponent}
}

func (n Network) keplr() obj {
	p := n.Bech32Prefix
	currencies := make([]obj, 0, len(n.Assets))
	for _, a := range n.Assets {
		currencies = append(currencies, n.currency(a))
	}
	fee := n.currency(*n.asset(n.FeeDenom))
	fee["gasPriceStep"] = obj{"low": n.GasPrice.Low, "average": n.GasPrice.Average, "high": n.GasPrice.High}
	return obj{
		"chainId":   n.ChainID,
		"chainName": n.PrettyName,
		"rpc":       n.RPC,
		"rest":      n.REST,
		"bip44":     obj{"coinType": n.Slip44},
		"bech32Config": obj{
			"bech32PrefixAccAddr": p, "bech32PrefixAccPub": p + "pub",
			"bech32PrefixValAddr": p + "valoper", "bech32PrefixValPub": p + "valoperpub",
			"bech32PrefixConsAddr": p + "valcons", "bech32PrefixConsPub": p + "valconspub",
		},
		"currencies":    currencies,
		"feeCurrencies": []obj{fee},
		"stakeCurrency": n.currency(*n.asset(n.StakingDenom)),
		"features":      []string{},
	}
}
