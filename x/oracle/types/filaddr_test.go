package types_test

import (
	"errors"
	"testing"

	"github.com/dmexchain/dmex/x/oracle/types"
)

func TestValidateFilecoinAddress(t *testing.T) {
	secp := types.FilecoinAddress('f', 1, make([]byte, 20))
	bls := types.FilecoinAddress('f', 3, make([]byte, 48))
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"f01234", true},
		{"t0100", true},
		{"f00", true},
		{"f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za", true}, // from the Filecoin spec
		{"f17uoq6tp427uzv7fztkbsnn64iwotfrristwpryy", true},
		{"f3vvmn62lofvhjd2ugzca6sof2j2ubwok6cj4xxbfzz4yuxfkgobpihhd2thlanmsh3w2ptld2gqkn2jvlss4a", true},
		{"f410fkkld55ioe7qg24wvt7fu6pbknb56ht7pt4zamxa", true},
		{secp, true},
		{bls, true},
		{"f01234x", false},
		{"f001", false},
		{"x01234", false},
		{"f5abc", false},
		{"f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3zb", false}, // checksum
		{"f1ABJXFBP274XPDQCPUAYKWKFB43OMJOTACM2P3ZA", false}, // upper case
		{"f1abjxfbp274xpdqcpuaykwkfb43omjot", false},         // short
		{"f3abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za", false}, // BLS length
		{"f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3z0", false}, // charset
		{"dmex1qqqqqq", false},
		{"", false},
	} {
		err := types.ValidateFilecoinAddress(tc.addr)
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.addr, err)
		}
		if !tc.ok && !errors.Is(err, types.ErrInvalidFilAddress) {
			t.Errorf("%s: want ErrInvalidFilAddress, got %v", tc.addr, err)
		}
	}
}
