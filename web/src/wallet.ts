// Keplr (or Leap: the same window.keplr API): suggest the DMEX chain, connect, sign and broadcast
// the holder's actions with CosmJS and the ts-proto message types, and say clearly what failed.

import type { ChainInfo, Keplr } from "@keplr-wallet/types";
import { fromBech32 } from "@cosmjs/encoding";
import { GeneratedType, OfflineDirectSigner, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, DeliverTxResponse, GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { config, keplrInfo } from "./api";
import * as hashnft from "./gen/dmex/hashnft/v1/tx";
import * as escrow from "./gen/dmex/escrow/v1/tx";
import * as dmc from "./gen/dmex/dmc/v1/tx";

declare global {
  interface Window {
    keplr?: Keplr;
  }
}

/** The DMEX message types the app signs, by type URL. */
export const MSG = {
  buy: "/dmex.hashnft.v1.MsgBuyNFTs",
  bid: "/dmex.hashnft.v1.MsgPlaceBid",
  list: "/dmex.hashnft.v1.MsgListNFT",
  cancel: "/dmex.hashnft.v1.MsgCancelListing",
  buyListing: "/dmex.hashnft.v1.MsgBuyListing",
  transfer: "/dmex.hashnft.v1.MsgTransferNFT",
  claimRewards: "/dmex.escrow.v1.MsgClaimRewards",
  stake: "/dmex.dmc.v1.MsgStake",
  stakeNFT: "/dmex.dmc.v1.MsgStakeNFT",
  claimDMC: "/dmex.dmc.v1.MsgClaim",
} as const;

const types: [string, GeneratedType][] = [
  [MSG.buy, hashnft.MsgBuyNFTs as GeneratedType],
  [MSG.bid, hashnft.MsgPlaceBid as GeneratedType],
  [MSG.list, hashnft.MsgListNFT as GeneratedType],
  [MSG.cancel, hashnft.MsgCancelListing as GeneratedType],
  [MSG.buyListing, hashnft.MsgBuyListing as GeneratedType],
  [MSG.transfer, hashnft.MsgTransferNFT as GeneratedType],
  [MSG.claimRewards, escrow.MsgClaimRewards as GeneratedType],
  [MSG.stake, dmc.MsgStake as GeneratedType],
  [MSG.stakeNFT, dmc.MsgStakeNFT as GeneratedType],
  [MSG.claimDMC, dmc.MsgClaim as GeneratedType],
];

export function registry(): Registry {
  return new Registry([...defaultRegistryTypes, ...types]);
}

/**
 * chainInfo is what the app suggests to Keplr: networks/<network>/keplr.json (bech32 dmex, fees in
 * udmc with gas price steps), with the chain id and URLs of the node the app reads.
 */
export function chainInfo(): ChainInfo {
  return { ...keplrInfo, chainId: config.chainId, rpc: config.rpc, rest: config.rest } as ChainInfo;
}

/** WalletError: a failure with a message for the page; nothing was sent. */
export class WalletError extends Error {}

export interface Connected {
  address: string;
  name: string;
  client: SigningStargateClient;
}

let current: Connected | null = null;

export function connected(): Connected | null {
  return current;
}

export function disconnect() {
  current = null;
}

/** connect suggests the chain, asks the wallet to enable it, and checks the node's chain id. */
export async function connect(): Promise<Connected> {
  const keplr = window.keplr;
  if (!keplr) throw new WalletError("No wallet found: install Keplr (or Leap) in this browser, then press Connect again.");
  try {
    await keplr.experimentalSuggestChain(chainInfo());
  } catch (e) {
    throw new WalletError(`The wallet did not add the ${config.chainId} chain: ${reason(e)}`);
  }
  try {
    await keplr.enable(config.chainId);
  } catch (e) {
    throw new WalletError(`The wallet is locked or refused the connection (${reason(e)}): unlock it and approve ${config.chainId}.`);
  }
  let key;
  try {
    key = await keplr.getKey(config.chainId);
  } catch (e) {
    throw new WalletError(`The wallet has no key for ${config.chainId}: ${reason(e)}`);
  }
  const signer = keplr.getOfflineSigner(config.chainId) as unknown as OfflineDirectSigner;
  let client: SigningStargateClient;
  try {
    client = await SigningStargateClient.connectWithSigner(config.rpc, signer, { registry: registry(), gasPrice: GasPrice.fromString(config.gasPrice) });
  } catch (e) {
    throw new WalletError(`The DMEX node does not answer at ${config.rpc} (${reason(e)}): is the local network running?`);
  }
  const nodeChain = await client.getChainId();
  if (nodeChain !== config.chainId) {
    client.disconnect();
    throw new WalletError(`Wrong chain: the node at ${config.rpc} is ${nodeChain}, the app and wallet are set for ${config.chainId}. Nothing was connected.`);
  }
  current = { address: key.bech32Address, name: key.name, client };
  return current;
}

/** checkAddress throws a clear message unless s is a dmex1... account address. */
export function checkAddress(s: string, what = "address"): string {
  const a = s.trim();
  if (!a) throw new WalletError(`Enter the ${what}.`);
  let dec;
  try {
    dec = fromBech32(a, 90);
  } catch (e) {
    throw new WalletError(`"${a}" is not a valid ${what}: ${reason(e)} (a DMEX address starts with dmex1; check for a typo).`);
  }
  if (dec.prefix !== "dmex") throw new WalletError(`"${a}" is an address of another chain (prefix ${dec.prefix}), not a DMEX one (dmex1...).`);
  if (dec.data.length !== 20 && dec.data.length !== 32) throw new WalletError(`"${a}" has ${dec.data.length} bytes, not an account address.`);
  return a;
}

/** checkUint throws unless s is a positive integer (an id or a quantity). */
export function checkUint(s: string, what: string): string {
  const v = s.trim();
  if (!/^\d+$/.test(v) || BigInt(v) <= 0n) throw new WalletError(`${what} must be a whole number above zero, not "${s}".`);
  if (BigInt(v) >= 1n << 64n) throw new WalletError(`${what} ${v} is too large.`);
  return v;
}

export interface TxResult {
  ok: boolean;
  hash: string;
  height: number;
  code: number;
  log: string;
  gasUsed: string;
}

/**
 * send signs and broadcasts one message and waits for its block. The fee is the simulated gas
 * times the gas price: a message the chain refuses fails in the simulation with the chain's
 * error, before anything is signed.
 */
export async function send(typeUrl: string, value: object, memo = ""): Promise<TxResult> {
  const c = current;
  if (!c) throw new WalletError("Connect a wallet first (Connect, top right).");
  const msg = { typeUrl, value };
  let res: DeliverTxResponse;
  try {
    res = await c.client.signAndBroadcast(c.address, [msg], 1.5, memo);
  } catch (e) {
    throw new WalletError(explain(e));
  }
  return { ok: res.code === 0, hash: res.transactionHash, height: res.height, code: res.code, log: res.rawLog || chainError(res), gasUsed: String(res.gasUsed) };
}

function chainError(res: DeliverTxResponse): string {
  return res.code === 0 ? "" : `code ${res.code}`;
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** explain turns a CosmJS or wallet exception into the message the page shows. */
export function explain(e: unknown): string {
  const m = reason(e);
  if (/reject|denied|cancel/i.test(m) && !/failed to execute message/i.test(m)) return `You rejected the signature in the wallet: nothing was sent.`;
  // CosmJS gave up waiting for the block: the transaction may still be included.
  const sent = m.match(/Transaction with ID ([0-9A-F]+) was submitted but was not yet found on the chain/i);
  if (sent) return `The transaction ${sent[1]} was sent, but its block is not in yet: read the page again in a moment before repeating it.`;
  if (/locked/i.test(m)) return `The wallet is locked: unlock it and try again. Nothing was sent.`;
  if (/failed to fetch|networkerror|econnrefused|load failed|socket hang up|timeout/i.test(m)) return `The DMEX node does not answer (${m}): nothing was sent. Is the local network running?`;
  // A simulation the chain refused: "... message index: 0: <the registered error's text>".
  const i = m.indexOf("message index: 0: ");
  if (i >= 0) return `The chain refused the transaction: ${m.slice(i + 18).replace(/ \[[^\]]*\.go:\d+\]/g, "").replace(/ with gas (used|wanted).*$/is, "").replace(/: unknown request$/, "")}. Nothing changed.`;
  if (/account .* not found/i.test(m)) return `This account has no funds on ${config.chainId} yet (${m}): nothing was sent.`;
  return `The transaction failed: ${m}. Nothing changed.`;
}
