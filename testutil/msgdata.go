package testutil

import (
	"fmt"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// unpackMsgResponse decodes the first message response of a tx result's data.
func unpackMsgResponse(_ *Env, data []byte, out proto.Message) error {
	var txData sdk.TxMsgData
	if err := proto.Unmarshal(data, &txData); err != nil {
		return err
	}
	if len(txData.MsgResponses) == 0 {
		return fmt.Errorf("no message response")
	}
	return proto.Unmarshal(txData.MsgResponses[0].Value, out)
}
