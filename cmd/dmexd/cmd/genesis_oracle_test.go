package cmd

import (
	"strings"
	"testing"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
)

// `genesis oracle --node-power` entries: node:TiB[@owner], a Filecoin ID address, a positive TiB
// count and, optionally, the owner (stored in canonical lower case).
func TestGenesisNodeDay(t *testing.T) {
	ac := addresscodec.NewBech32Codec("dmex")
	owner, _ := ac.BytesToString([]byte("01234567890123456789"))
	nd, err := genesisNodeDay(ac, "f01234:1000", 20453, 2)
	if err != nil || nd.Day != 20453 || nd.Reports != 2 || nd.Figures.NodeId != "f01234" ||
		nd.Figures.Power.String() != "1099511627776000" || !nd.Figures.Reward.IsZero() || nd.Figures.Owner != "" {
		t.Fatalf("%v %v", nd, err)
	}
	nd, err = genesisNodeDay(ac, "f01234:1000@"+strings.ToUpper(owner), 20453, 2)
	if err != nil || nd.Figures.Owner != owner || nd.Figures.Power.String() != "1099511627776000" {
		t.Fatalf("with an owner: %v %v", nd, err)
	}
	for _, tc := range []struct{ entry, says string }{
		{"f01234", `node power "f01234" is not node:TiB`},
		{"f1abc:10", `node id "f1abc" is not a Filecoin ID address`},
		{"f01234:0", `power "0" of node f01234 must be a positive number of TiB`},
		{"f01234:-5", `power "-5" of node f01234`},
		{"f01234:1.5", `power "1.5" of node f01234`},
		{"f01234:10@dmex1nope", `owner "dmex1nope" of node f01234`},
	} {
		if _, err := genesisNodeDay(ac, tc.entry, 1, 1); err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: %v, want %q", tc.entry, err, tc.says)
		}
	}
}
