package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/dmexchain/dmex/internal/amounts"
	"github.com/dmexchain/dmex/x/oracle/types"
)

// ValidateCID checks a Filecoin message CID in its usual string form: CIDv1 in multibase
// base32 ('b' then lower-case a-z2-7), e.g. bafy2bzace…; 10 to MaxCIDLen characters.
func ValidateCID(s string) error {
	if len(s) < 10 || len(s) > types.MaxCIDLen || s[0] != 'b' {
		return errorsmod.Wrapf(types.ErrInvalidCID, "%q is not a base32 CIDv1 (b…, 10..%d characters)", s, types.MaxCIDLen)
	}
	for _, c := range s[1:] {
		if (c < 'a' || c > 'z') && (c < '2' || c > '7') {
			return errorsmod.Wrapf(types.ErrInvalidCID, "%q has %q, not in the base32 alphabet a-z2-7", s, c)
		}
	}
	return nil
}

// current counts the attesters that are still operators.
func current(attested, operators []string) int {
	n := 0
	for _, a := range attested {
		if contains(operators, a) {
			n++
		}
	}
	return n
}

func (m msgServer) SetOperators(ctx context.Context, msg *types.MsgSetOperators) (*types.MsgSetOperatorsResponse, error) {
	if err := m.authority.CheckAuthority(ctx, msg.Authority); err != nil {
		return nil, err
	}
	operators, err := types.CanonicalAddresses(m.addressCodec, types.ErrInvalidOperators, "operator", msg.Operators, types.MaxOperators)
	if err != nil {
		return nil, err
	}
	if len(operators) == 0 || msg.Threshold == 0 || int(msg.Threshold) > len(operators) {
		return nil, errorsmod.Wrapf(types.ErrInvalidOperators, "threshold %d with %d operators: want 1 <= threshold <= operators", msg.Threshold, len(operators))
	}
	set := types.OperatorSet{Operators: operators, Threshold: msg.Threshold}
	if err := m.Operators.Set(ctx, set); err != nil {
		return nil, err
	}
	return &types.MsgSetOperatorsResponse{}, m.emit(ctx, &types.EventOperatorsSet{Operators: set.Operators, Threshold: set.Threshold})
}

// operator returns the operator set and addr in canonical form, if addr is an operator.
func (k Keeper) operator(ctx context.Context, addr string) (types.OperatorSet, string, error) {
	op, err := k.canonical("operator", addr)
	if err != nil {
		return types.OperatorSet{}, "", err
	}
	set, err := k.Operators.Get(ctx)
	if err != nil {
		return set, "", err
	}
	if !contains(set.Operators, op) {
		return set, "", errorsmod.Wrapf(types.ErrNotOperator, "%s is not one of the %d bridge operators", op, len(set.Operators))
	}
	return set, op, nil
}

// AttestDeposit records an operator's attestation. The claim (recipient, amount) of a CID is the
// one its current attesters made; a different claim is refused. If every attester of a claim has
// been removed from the set, a new claim replaces it (the remedy against a rogue operator).
func (m msgServer) AttestDeposit(ctx context.Context, msg *types.MsgAttestDeposit) (*types.MsgAttestDepositResponse, error) {
	set, operator, err := m.operator(ctx, msg.Operator)
	if err != nil {
		return nil, err
	}
	if err := ValidateCID(msg.Cid); err != nil {
		return nil, err
	}
	recipient, err := m.canonical("recipient", msg.Recipient)
	if err != nil {
		return nil, err
	}
	amount, err := parseAmount(types.ErrInvalidAmount, "amount", msg.Amount, true, types.MaxAttoFIL, "aifil")
	if err != nil {
		return nil, err
	}
	d, err := m.Deposits.Get(ctx, msg.Cid)
	switch {
	case err == nil && d.Minted:
		return nil, errorsmod.Wrapf(types.ErrAlreadyMinted, "deposit %s already minted %saifil to %s", d.Cid, d.Amount, d.Recipient)
	case err == nil && contains(d.AttestedBy, operator):
		return nil, errorsmod.Wrapf(types.ErrDuplicateAttestation, "operator %s already attested deposit %s", operator, d.Cid)
	case err == nil && current(d.AttestedBy, set.Operators) > 0 && (d.Recipient != recipient || !d.Amount.Equal(amount)):
		return nil, errorsmod.Wrapf(types.ErrConflictingAttestation, "deposit %s: attested as %saifil to %s, this attestation says %saifil to %s",
			d.Cid, d.Amount, d.Recipient, amount, recipient)
	case err == nil && current(d.AttestedBy, set.Operators) > 0:
		d.AttestedBy = append(d.AttestedBy, operator)
	default:
		d = types.Deposit{Cid: msg.Cid, Recipient: recipient, Amount: amount, AttestedBy: []string{operator}}
	}
	n := current(d.AttestedBy, set.Operators)
	if err := m.emit(ctx, &types.EventDepositAttested{Cid: d.Cid, Operator: operator, Recipient: d.Recipient,
		Amount: amounts.Coin(types.IFILDenom, d.Amount), Attestations: uint32(n)}); err != nil { //nolint:gosec // G115: n counts operators, at most MaxOperators (100)
		return nil, err
	}
	if n >= int(set.Threshold) {
		coins := sdk.NewCoins(sdk.NewCoin(types.IFILDenom, d.Amount))
		recipient, _ := m.addressCodec.StringToBytes(d.Recipient)
		if err := m.bankKeeper.MintCoins(ctx, types.ModuleName, coins); err != nil {
			return nil, err
		}
		if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, recipient, coins); err != nil {
			return nil, err
		}
		minted, err := m.Minted.Get(ctx)
		if err != nil {
			return nil, err
		}
		if err := m.Minted.Set(ctx, minted.Add(d.Amount)); err != nil {
			return nil, err
		}
		d.Minted, d.MintedAtHeight = true, sdk.UnwrapSDKContext(ctx).BlockHeight()
		if err := m.emit(ctx, &types.EventIFILMinted{Cid: d.Cid, Recipient: d.Recipient, Amount: amounts.Coin(types.IFILDenom, d.Amount)}); err != nil {
			return nil, err
		}
	}
	return &types.MsgAttestDepositResponse{Minted: d.Minted}, m.Deposits.Set(ctx, d.Cid, d)
}

func (m msgServer) Withdraw(ctx context.Context, msg *types.MsgWithdraw) (*types.MsgWithdrawResponse, error) {
	holderAddr, err := m.canonical("holder", msg.Holder)
	if err != nil {
		return nil, err
	}
	holder, _ := m.addressCodec.StringToBytes(holderAddr)
	amount, err := parseAmount(types.ErrInvalidAmount, "amount", msg.Amount, true, types.MaxAttoFIL, "aifil")
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if amount.LT(params.MinWithdrawal) {
		return nil, errorsmod.Wrapf(types.ErrWithdrawalTooSmall, "withdrawing %saifil, below the minimum withdrawal %saifil (params.min_withdrawal)",
			amount, params.MinWithdrawal)
	}
	if err := types.ValidateFilecoinAddress(msg.FilecoinAddress); err != nil {
		return nil, err
	}
	set, err := m.Operators.Get(ctx)
	if err != nil {
		return nil, err
	}
	if len(set.Operators) == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidOperators, "the bridge has no operators to pay a withdrawal out")
	}
	if bal := m.bankKeeper.GetBalance(ctx, holder, types.IFILDenom); bal.Amount.LT(amount) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "withdrawing %saifil, %s holds %saifil", amount, holderAddr, bal.Amount)
	}
	coins := sdk.NewCoins(sdk.NewCoin(types.IFILDenom, amount))
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, holder, types.ModuleName, coins); err != nil {
		return nil, err
	}
	if err := m.bankKeeper.BurnCoins(ctx, types.ModuleName, coins); err != nil {
		return nil, err
	}
	burned, err := m.Burned.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Burned.Set(ctx, burned.Add(amount)); err != nil {
		return nil, err
	}
	id, err := m.NextWithdrawalID.Next(ctx)
	if err != nil {
		return nil, err
	}
	w := types.Withdrawal{Id: id, Holder: holderAddr, FilecoinAddress: msg.FilecoinAddress, Amount: amount,
		Status: types.WITHDRAWAL_STATUS_PENDING, RequestedAtHeight: sdk.UnwrapSDKContext(ctx).BlockHeight()}
	if err := m.Withdrawals.Set(ctx, id, w); err != nil {
		return nil, err
	}
	return &types.MsgWithdrawResponse{WithdrawalId: id}, m.emit(ctx, &types.EventWithdrawalRequested{
		WithdrawalId: id, Holder: holderAddr, FilecoinAddress: msg.FilecoinAddress, Amount: amounts.Coin(types.IFILDenom, amount)})
}

// AttestWithdrawal follows AttestDeposit's rules: one claim (payout CID) per withdrawal among
// its current attesters; the threshold-th matching attestation completes it.
func (m msgServer) AttestWithdrawal(ctx context.Context, msg *types.MsgAttestWithdrawal) (*types.MsgAttestWithdrawalResponse, error) {
	set, operator, err := m.operator(ctx, msg.Operator)
	if err != nil {
		return nil, err
	}
	if err := ValidateCID(msg.PayoutCid); err != nil {
		return nil, err
	}
	w, err := m.Withdrawals.Get(ctx, msg.WithdrawalId)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrUnknownWithdrawal, "withdrawal %d", msg.WithdrawalId)
	}
	switch {
	case w.Status == types.WITHDRAWAL_STATUS_COMPLETED:
		return nil, errorsmod.Wrapf(types.ErrWithdrawalCompleted, "withdrawal %d was paid out in %s", w.Id, w.PayoutCid)
	case contains(w.AttestedBy, operator):
		return nil, errorsmod.Wrapf(types.ErrDuplicateAttestation, "operator %s already attested withdrawal %d", operator, w.Id)
	case current(w.AttestedBy, set.Operators) > 0 && w.PayoutCid != msg.PayoutCid:
		return nil, errorsmod.Wrapf(types.ErrConflictingAttestation, "withdrawal %d: attested as paid in %s, this attestation says %s",
			w.Id, w.PayoutCid, msg.PayoutCid)
	case current(w.AttestedBy, set.Operators) > 0:
		w.AttestedBy = append(w.AttestedBy, operator)
	default:
		w.PayoutCid, w.AttestedBy = msg.PayoutCid, []string{operator}
	}
	n := current(w.AttestedBy, set.Operators)
	if err := m.emit(ctx, &types.EventWithdrawalAttested{WithdrawalId: w.Id, Operator: operator, PayoutCid: w.PayoutCid,
		Attestations: uint32(n)}); err != nil { //nolint:gosec // G115: n counts operators, at most MaxOperators (100)
		return nil, err
	}
	if n >= int(set.Threshold) {
		w.Status = types.WITHDRAWAL_STATUS_COMPLETED
		if err := m.emit(ctx, &types.EventWithdrawalCompleted{WithdrawalId: w.Id, PayoutCid: w.PayoutCid}); err != nil {
			return nil, err
		}
	}
	return &types.MsgAttestWithdrawalResponse{Completed: w.Status == types.WITHDRAWAL_STATUS_COMPLETED}, m.Withdrawals.Set(ctx, w.Id, w)
}
