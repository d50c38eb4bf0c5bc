package types

import (
	"encoding/json"
	"math/big"

	"cosmossdk.io/collections/codec"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// PriceKey is an order-preserving key codec for non-negative math.Int amounts: one length byte,
// then the big-endian magnitude without leading zeros. A longer magnitude is a larger number,
// so byte order is numeric order; the encoding is self-delimiting, so it also works inside
// composite keys. Listings are indexed by it, cheapest first.
var PriceKey codec.KeyCodec[math.Int] = priceKey{}

type priceKey struct{}

func (priceKey) Encode(buffer []byte, key math.Int) (int, error) {
	if key.IsNil() || key.IsNegative() {
		return 0, errorsmod.Wrapf(ErrInvalidPrice, "price key %v must be a non-negative integer", key)
	}
	bz := key.BigInt().Bytes()
	if len(bz) > 255 {
		return 0, errorsmod.Wrapf(ErrInvalidPrice, "price key %s is too large", key)
	}
	buffer[0] = byte(len(bz)) //nolint:gosec // G115: at most 255, checked above
	copy(buffer[1:], bz)
	return 1 + len(bz), nil
}

func (priceKey) Decode(buffer []byte) (int, math.Int, error) {
	if len(buffer) == 0 {
		return 0, math.Int{}, errorsmod.Wrapf(ErrInvalidPrice, "price key: empty buffer")
	}
	n := int(buffer[0])
	if len(buffer) < 1+n {
		return 0, math.Int{}, errorsmod.Wrapf(ErrInvalidPrice, "price key: want %d bytes, have %d", 1+n, len(buffer))
	}
	if n > 0 && buffer[1] == 0 {
		return 0, math.Int{}, errorsmod.Wrapf(ErrInvalidPrice, "price key: leading zero byte")
	}
	return 1 + n, math.NewIntFromBigInt(new(big.Int).SetBytes(buffer[1 : 1+n])), nil
}

func (priceKey) Size(key math.Int) int {
	if key.IsNil() {
		return 1
	}
	return 1 + len(key.BigInt().Bytes())
}

func (p priceKey) EncodeNonTerminal(buffer []byte, key math.Int) (int, error) {
	return p.Encode(buffer, key)
}

func (p priceKey) DecodeNonTerminal(buffer []byte) (int, math.Int, error) { return p.Decode(buffer) }

func (p priceKey) SizeNonTerminal(key math.Int) int { return p.Size(key) }

func (priceKey) EncodeJSON(key math.Int) ([]byte, error) { return json.Marshal(key.String()) }

func (priceKey) DecodeJSON(b []byte) (math.Int, error) {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return math.Int{}, err
	}
	v, ok := math.NewIntFromString(s)
	if !ok {
		return math.Int{}, errorsmod.Wrapf(ErrInvalidPrice, "price key: %q is not an integer", s)
	}
	return v, nil
}

func (priceKey) Stringify(key math.Int) string { return key.String() }

func (priceKey) KeyType() string { return "dmex/price" }
