// A tiny static server for web/dist with the app's config.json (the node's REST and RPC URLs and
// the chain id) and keplr.json (the chain info it suggests to the wallet), run by
// scripts/localnet.sh. No dependencies: node's http module.
//
// Environment: WEB_PORT (default 8080), WEB_DIR (default web/dist), REST_URL, RPC_URL, CHAIN_ID,
// KEPLR_CHAIN_INFO (default networks/local/keplr.json), GAS_PRICE (default its average step),
// WATCH_PID (exit when that process is gone: the node the localnet script became).
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.WEB_PORT || 8080);
const root = process.env.WEB_DIR || join(here, "dist");
// The chain info the app suggests to Keplr is networks/<network>/keplr.json (generated with
// chain.json and assetlist.json from one network.json by `make networks`), with this node's URLs.
const keplrPath = process.env.KEPLR_CHAIN_INFO || join(here, "..", "networks", "local", "keplr.json");
const keplr = JSON.parse(readFileSync(keplrPath, "utf8"));
keplr.chainId = process.env.CHAIN_ID || keplr.chainId;
keplr.rest = process.env.REST_URL || keplr.rest;
keplr.rpc = process.env.RPC_URL || keplr.rpc;
const fee = keplr.feeCurrencies[0];
const config = {
  chainId: keplr.chainId,
  chainName: keplr.chainName,
  rest: keplr.rest,
  rpc: keplr.rpc,
  // The wallet's average gas price step; the local chain also takes zero fees.
  gasPrice: process.env.GAS_PRICE || `${fee.gasPriceStep?.average ?? 0}${fee.coinMinimalDenom}`,
};
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml" };

const server = createServer(async (req, res) => {
  const url = new URL(req.url || "/", "http://localhost");
  if (url.pathname === "/config.json" || url.pathname === "/keplr.json") {
    res.writeHead(200, { "content-type": types[".json"], "cache-control": "no-store" });
    res.end(JSON.stringify(url.pathname === "/config.json" ? config : keplr));
    return;
  }
  const rel = normalize(url.pathname === "/" ? "/index.html" : url.pathname).replace(/^(\.\.[/\\])+/, "");
  try {
    const body = await readFile(join(root, rel));
    res.writeHead(200, { "content-type": types[extname(rel)] || "application/octet-stream", "cache-control": "no-store" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found\n");
  }
});
// A server of an earlier run on this port exits within a second of its node: retry for a while.
let tries = 0;
server.on("error", (e) => {
  if (e.code === "EADDRINUSE" && ++tries < 20) return setTimeout(() => server.listen(port, "127.0.0.1"), 500);
  console.error(`web: ${e.message}`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => console.log(`web: the DMEX app on http://127.0.0.1:${port} (REST ${config.rest}, RPC ${config.rpc}, ${config.chainId})`));

const watch = Number(process.env.WATCH_PID || 0);
if (watch > 0) {
  setInterval(() => {
    try {
      process.kill(watch, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
