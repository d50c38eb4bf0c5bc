package simulation

import (
	"encoding/binary"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// The simulation's Filecoin nodes: every simulation account owns SimNodesPerAccount nodes of
// SimNodePowerTiB each, attested in x/oracle's genesis (app/sim_test.go), so that the council can
// approve its products (approval needs the node's finalized power and owner).
const (
	SimNodesPerAccount = 3
	SimNodePowerTiB    = 3_000
)

// SimNodeID is the id of an account's i-th simulation node: a Filecoin ID address derived from
// the account's address (f0 and 11 to 12 digits, no leading zero).
func SimNodeID(addr sdk.AccAddress, i int) string {
	var head uint32
	if len(addr) >= 4 {
		head = binary.BigEndian.Uint32(addr)
	}
	return fmt.Sprintf("f0%d", 100_000_000_000+uint64(head)*10+uint64(i))
}
