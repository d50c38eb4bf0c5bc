// A test wallet for tests/e2e/web_test.go: the Keplr API (enable, getKey, getOfflineSigner,
// getOfflineSignerAuto, experimentalSuggestChain) over a private key of the test keyring, given as
// window.__DMEX_TEST_KEY (hex) before this script runs. window.__dmexTestWallet.rejectNext makes
// the next signature a rejection (as when the user presses Reject), .locked a locked wallet.
// It is built into web/dist-test/, never into the served app.

import { fromHex, toHex } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";

declare global {
  interface Window {
    __DMEX_TEST_KEY?: string;
    __dmexTestWallet?: { rejectNext: boolean; locked: boolean; suggested: string[]; info: unknown[]; signed: number };
  }
}

const state = { rejectNext: false, locked: false, suggested: [] as string[], info: [] as unknown[], signed: 0 };
window.__dmexTestWallet = state;
const walletP = DirectSecp256k1Wallet.fromKey(fromHex(window.__DMEX_TEST_KEY || ""), "dmex");

function known(chainId: string) {
  if (!state.suggested.includes(chainId)) throw new Error(`There is no chain info for ${chainId}`);
  if (state.locked) throw new Error("Keyring is locked");
}

function signer(chainId: string) {
  return {
    async getAccounts() {
      known(chainId);
      return (await walletP).getAccounts();
    },
    async signDirect(address: string, doc: any) {
      known(chainId);
      if (doc.chainId !== chainId) throw new Error(`sign doc of chain ${doc.chainId}, signer of ${chainId}`);
      if (state.rejectNext) {
        state.rejectNext = false;
        throw new Error("Request rejected");
      }
      state.signed++;
      return (await walletP).signDirect(address, doc);
    },
  };
}

(window as any).keplr = {
  version: "test",
  mode: "extension",
  async experimentalSuggestChain(info: { chainId: string; bech32Config: { bech32PrefixAccAddr: string } }) {
    if (info.bech32Config.bech32PrefixAccAddr !== "dmex") throw new Error("unexpected bech32 prefix");
    if (!state.suggested.includes(info.chainId)) state.suggested.push(info.chainId);
    state.info.push(JSON.parse(JSON.stringify(info)));
  },
  async enable(chainIds: string | string[]) {
    for (const id of ([] as string[]).concat(chainIds)) known(id);
  },
  async getKey(chainId: string) {
    known(chainId);
    const [acc] = await (await walletP).getAccounts();
    return { name: "test wallet", algo: "secp256k1", pubKey: acc.pubkey, address: new Uint8Array(), bech32Address: acc.address, isNanoLedger: false, isKeystone: false, pubKeyHex: toHex(acc.pubkey) };
  },
  getOfflineSigner: (chainId: string) => signer(chainId),
  getOfflineSignerOnlyAmino: () => {
    throw new Error("amino signing is not supported by the test wallet");
  },
  getOfflineSignerAuto: async (chainId: string) => signer(chainId),
};
