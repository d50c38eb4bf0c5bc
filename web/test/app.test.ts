// Unit tests of the app's amount formatting, input checks and failure messages (node --test;
// `npm test` bundles this file with esbuild first).
import { test } from "node:test";
import assert from "node:assert/strict";
import { toBech32 } from "@cosmjs/encoding";
import { units, toBase, coins } from "../src/api";
import { checkAddress, checkUint, explain, WalletError } from "../src/wallet";

test("units formats base amounts exactly", () => {
  assert.equal(units("1960000", "uusdt"), "1.96 USDT");
  assert.equal(units("1000000000000000000", "aifil"), "1 IFIL");
  assert.equal(units("1500", "aifil"), "0.0000000000000015 IFIL");
  assert.equal(units("1234567890", "udmc"), "1,234.56789 DMC");
  assert.equal(units("50000000000000", "udmc"), "50,000,000 DMC");
  assert.equal(units("0", "udmc"), "0 DMC");
  assert.equal(units("5", "amm/pool/1"), "5 amm/pool/1");
  assert.equal(coins([]), "0");
});

test("toBase parses display amounts or refuses them", () => {
  assert.equal(toBase("1.5", "uusdt"), "1500000");
  assert.equal(toBase("5", "uusdt"), "5000000");
  assert.equal(toBase("0.000000000000000001", "aifil"), "1");
  assert.throws(() => toBase("1.1234567", "uusdt"), /more than 6 decimals/);
  assert.throws(() => toBase("abc", "uusdt"), /not an amount/);
  assert.throws(() => toBase("-1", "uusdt"), /not an amount/);
  assert.throws(() => toBase("0", "uusdt"), /above zero/);
});

test("checkAddress takes dmex addresses and names what is wrong with others", () => {
  const good = toBech32("dmex", new Uint8Array(20).fill(7));
  assert.equal(checkAddress(` ${good} `), good);
  const typo = good.slice(0, -1) + (good.endsWith("q") ? "p" : "q");
  assert.throws(() => checkAddress(typo, "recipient's address"), (e: unknown) => e instanceof WalletError && /not a valid recipient's address: Invalid checksum/.test(e.message));
  assert.throws(() => checkAddress(toBech32("cosmos", new Uint8Array(20))), /another chain \(prefix cosmos\)/);
  assert.throws(() => checkAddress(""), /Enter the address/);
});

test("checkUint takes positive whole numbers below 2^64", () => {
  assert.equal(checkUint(" 3 ", "The quantity"), "3");
  assert.throws(() => checkUint("0", "The quantity"), /above zero/);
  assert.throws(() => checkUint("1.5", "The quantity"), /whole number/);
  assert.throws(() => checkUint("18446744073709551616", "The quantity"), /too large/);
});

test("explain turns wallet and chain failures into the page's messages", () => {
  const sim =
    "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: buy 11 NFTs of product 1, 10 left: not enough NFTs left [/x/hashnft/keeper/msg_sales.go:109] with gas used: '45164': unknown request";
  assert.equal(explain(new Error(sim)), "The chain refused the transaction: buy 11 NFTs of product 1, 10 left: not enough NFTs left. Nothing changed.");
  assert.match(explain(new Error("Request rejected")), /You rejected the signature in the wallet: nothing was sent/);
  assert.match(explain(new Error("Keyring is locked")), /The wallet is locked/);
  assert.match(explain(new TypeError("Failed to fetch")), /The DMEX node does not answer/);
  assert.match(
    explain(new Error("Transaction with ID 0A1B2C was submitted but was not yet found on the chain. You might want to check later. There was a wait of 60 seconds.")),
    /The transaction 0A1B2C was sent, but its block is not in yet/,
  );
});
