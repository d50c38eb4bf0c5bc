package types

import (
	"bytes"
	"encoding/base32"
	"encoding/binary"
	"strconv"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"golang.org/x/crypto/blake2b"
)

// filBase32 is Filecoin's address encoding: RFC 4648 base32, lower case, no padding.
var filBase32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// ValidateFilecoinAddress checks a Filecoin address in its string form (FRC-0048 / the Lotus
// address package): network 'f' (mainnet) or 't' (testnet), then the protocol digit:
//
//	0 ID:        decimal actor id (uint64, no leading zeros)
//	1 secp256k1: base32(20-byte hash + 4-byte checksum)
//	2 actor:     base32(20-byte hash + 4-byte checksum)
//	3 BLS:       base32(48-byte public key + 4-byte checksum)
//	4 delegated: decimal namespace, 'f', base32(sub-address of at most 54 bytes + 4-byte checksum)
//
// The checksum is blake2b-32 of the protocol byte and the payload, and is verified.
func ValidateFilecoinAddress(s string) error {
	bad := func(why string, args ...any) error {
		return errorsmod.Wrapf(ErrInvalidFilAddress, "%q: "+why, append([]any{s}, args...)...)
	}
	if len(s) < 3 || len(s) > 120 {
		return bad("length %d outside 3..120", len(s))
	}
	if s[0] != 'f' && s[0] != 't' {
		return bad("network prefix %q is neither f (mainnet) nor t (testnet)", s[0])
	}
	proto := s[1]
	rest := s[2:]
	switch proto {
	case '0':
		if len(rest) > 1 && rest[0] == '0' {
			return bad("ID has a leading zero")
		}
		if _, err := strconv.ParseUint(rest, 10, 64); err != nil {
			return bad("ID %q is not a decimal uint64", rest)
		}
		return nil
	case '1', '2':
		return checkPayload(s, rest, []byte{proto - '0'}, 20, 20, bad)
	case '3':
		return checkPayload(s, rest, []byte{3}, 48, 48, bad)
	case '4':
		i := strings.IndexByte(rest, 'f')
		if i <= 0 {
			return bad("delegated address needs <namespace>f<sub-address>")
		}
		ns, err := strconv.ParseUint(rest[:i], 10, 64)
		if err != nil || (i > 1 && rest[0] == '0') {
			return bad("namespace %q is not a decimal actor id", rest[:i])
		}
		prefix := binary.AppendUvarint([]byte{4}, ns)
		return checkPayload(s, rest[i+1:], prefix, 1, 54, bad)
	default:
		return bad("protocol %q is not 0, 1, 2, 3 or 4", proto)
	}
}

func checkPayload(s, enc string, prefix []byte, minLen, maxLen int, bad func(string, ...any) error) error {
	for _, c := range enc {
		if (c < 'a' || c > 'z') && (c < '2' || c > '7') {
			return bad("character %q is not in the base32 alphabet a-z2-7", c)
		}
	}
	raw, err := filBase32.DecodeString(enc)
	if err != nil {
		return bad("payload is not base32: %v", err)
	}
	if len(raw) < minLen+4 || len(raw) > maxLen+4 {
		if minLen == maxLen {
			return bad("payload is %d bytes, want %d and a 4-byte checksum", len(raw), minLen)
		}
		return bad("payload is %d bytes, want %d..%d and a 4-byte checksum", len(raw), minLen, maxLen)
	}
	payload, sum := raw[:len(raw)-4], raw[len(raw)-4:]
	if !bytes.Equal(sum, filChecksum(append(append([]byte{}, prefix...), payload...))) {
		return bad("checksum does not match")
	}
	// A canonical encoding re-encodes to the same string.
	if filBase32.EncodeToString(raw) != enc {
		return bad("payload is not canonically encoded")
	}
	return nil
}

func filChecksum(b []byte) []byte {
	h, _ := blake2b.New(4, nil)
	h.Write(b)
	return h.Sum(nil)
}

// FilecoinAddress builds the string form of a protocol 1, 2 or 3 address from its payload; for tests and tools.
func FilecoinAddress(network byte, protocol byte, payload []byte) string {
	raw := append(append([]byte{}, payload...), filChecksum(append([]byte{protocol}, payload...))...)
	return string([]byte{network, '0' + protocol}) + filBase32.EncodeToString(raw)
}
