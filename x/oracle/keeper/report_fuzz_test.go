package keeper

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/dmexchain/dmex/x/oracle/types"
)

// FuzzParseNode reads arbitrary report entries (node_id:power:reward[:owner]). It never panics;
// a rejected entry fails with one of the module's registered errors; an accepted one has a valid
// Filecoin ID, figures within their bounds (genesis validation accepts them) and, written back
// in canonical form, parses to the same figures.
func FuzzParseNode(f *testing.F) {
	k := Keeper{addressCodec: addresscodec.NewBech32Codec("dmex")}
	owner, err := k.addressCodec.BytesToString(bytes.Repeat([]byte{1}, 20))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"t01:0:0:" + owner, "f01234:1:2:" + strings.ToUpper(owner),
		"f01234:1099511627776:5000000000000000000",
		"f01234:-1:2", "f01234:1", "f1abc:1:2", "f01234:00012:0x10", "f01234:1:2:3:4",
		"f01234:99999999999999999999999999999999999999999:1", ":::", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := k.parseNode(s)
		if err != nil {
			if !errors.Is(err, types.ErrInvalidNode) && !errors.Is(err, types.ErrInvalidFigure) &&
				!errors.Is(err, types.ErrFigureOutOfRange) && !errors.Is(err, types.ErrInvalidAddress) {
				t.Fatalf("entry %q: unregistered error %v", s, err)
			}
			return
		}
		if err := types.ValidateNodeID(n.NodeId); err != nil {
			t.Fatalf("entry %q accepted with node id %q: %v", s, n.NodeId, err)
		}
		if err := types.CheckNodeFigures(n); err != nil {
			t.Fatalf("entry %q accepted out of bounds: %v", s, err)
		}
		canonical := n.NodeId + ":" + n.Power.String() + ":" + n.Reward.String()
		if n.Owner != "" {
			canonical += ":" + n.Owner
		}
		again, err := k.parseNode(canonical)
		if err != nil || again.NodeId != n.NodeId || !again.Power.Equal(n.Power) || !again.Reward.Equal(n.Reward) || again.Owner != n.Owner {
			t.Fatalf("entry %q parsed as %v; its canonical form %q parses as %v (%v)", s, n, canonical, again, err)
		}
	})
}

// FuzzParseAmount checks the figure parser on its own: an accepted figure is an integer in
// [0, max] ([1, max] when positive is required); a rejected one is the caller's error or
// ErrFigureOutOfRange.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"0", "1", "-0", "+5", "007", "1e3", " 1", "0x10", "340282366920938463463374607431768211456", ""} {
		f.Add(s, false, uint64(1000))
		f.Add(s, true, uint64(0))
	}
	f.Fuzz(func(t *testing.T, s string, positive bool, max64 uint64) {
		max := math.NewIntFromUint64(max64)
		v, err := parseAmount(types.ErrInvalidFigure, "figure", s, positive, max, "units")
		if err != nil {
			if !errors.Is(err, types.ErrInvalidFigure) && !errors.Is(err, types.ErrFigureOutOfRange) {
				t.Fatalf("%q: unregistered error %v", s, err)
			}
			return
		}
		if v.IsNil() || v.IsNegative() || v.GT(max) || (positive && v.IsZero()) {
			t.Fatalf("%q accepted as %v (positive %v, max %s)", s, v, positive, max)
		}
		if len(s) > maxFigureDigits {
			t.Fatalf("%q accepted with %d characters, above %d", s, len(s), maxFigureDigits)
		}
	})
}
