package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/app"
	dmctypes "github.com/dmexchain/dmex/x/dmc/types"
)

const local = "../../networks/local"

// The committed chain.json, assetlist.json and keplr.json are what network.json makes.
func TestCommittedFilesAreGenerated(t *testing.T) {
	files, err := Generate(local)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("generated %d files, want 3", len(files))
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(local, name))
		if err != nil || string(got) != string(want) {
			t.Errorf("networks/local/%s is not what network.json makes (%v): run `make networks`", name, err)
		}
	}
}

// network.json agrees with the app and with scripts/localnet.sh: the address prefix, coin type,
// fee and staking denom, chain id, ports, and every asset is a denom the local chain has.
func TestLocalNetworkMatchesTheChain(t *testing.T) {
	n, err := Load(local)
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../localnet.sh")
	if err != nil {
		t.Fatal(err)
	}
	def := func(v string) string {
		m := regexp.MustCompile(v + `=\$\{` + v + `:-([^}]*)\}`).FindStringSubmatch(string(script))
		if m == nil {
			t.Fatalf("localnet.sh has no default for %s", v)
		}
		return m[1]
	}
	for what, pair := range map[string][2]string{
		"bech32 prefix": {n.Bech32Prefix, app.Bech32Prefix},
		"fee denom":     {n.FeeDenom, dmctypes.Denom},
		"staking denom": {n.StakingDenom, dmctypes.Denom},
		"chain id":      {n.ChainID, def("CHAIN_ID")},
		"rpc":           {n.RPC, "http://127.0.0.1:" + def("RPC_PORT")},
		"rest":          {n.REST, "http://127.0.0.1:" + def("API_PORT")},
		"grpc":          {n.GRPC, "127.0.0.1:" + def("GRPC_PORT")},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s: network.json has %q, the chain %q", what, pair[0], pair[1])
		}
	}
	if n.Slip44 != sdk.CoinType {
		t.Errorf("slip44 %d, the SDK's coin type %d", n.Slip44, sdk.CoinType)
	}
	demo := regexp.MustCompile(`DEMO_COINS="([^"]*)"`).FindStringSubmatch(string(script))
	if demo == nil {
		t.Fatal("localnet.sh has no DEMO_COINS")
	}
	for _, a := range n.Assets {
		if a.Base != dmctypes.Denom && !regexp.MustCompile(`\d`+a.Base+`(,|$)`).MatchString(demo[1]) {
			t.Errorf("asset %s is not a denom of the local network (DEMO_COINS %s)", a.Base, demo[1])
		}
		if !strings.HasSuffix(a.Base, a.Display) || a.Exponent != map[byte]int{'u': 6, 'a': 18}[a.Base[0]] {
			t.Errorf("asset %s: display %s, exponent %d: want the base without its u (6) or a (18) prefix", a.Base, a.Display, a.Exponent)
		}
	}
}
