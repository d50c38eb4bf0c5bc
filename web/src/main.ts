// The DMEX web app: pages reading the node's REST API, and the holder's actions signed with Keplr.

import { config, loadConfig, get, getAll, NodeDown, RestError, coin, coins, units, toBase, num, esc, shortStatus, date, DENOMS, Coin } from "./api";
import { chart } from "./chart";
import { connect, connected, disconnect, send, MSG, checkAddress, checkUint, WalletError, explain } from "./wallet";

const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector(sel) as T;

// ---- messages -----------------------------------------------------------------------------------

function say(kind: "ok" | "error" | "info", text: string, html = false) {
  const el = $("#msg");
  el.className = "msg " + kind;
  el.dataset.kind = kind;
  if (html) el.innerHTML = text;
  else el.textContent = text;
  el.hidden = false;
}

let busy = false;

/**
 * act runs one wallet action: the inputs are checked first (a bad input sends nothing), every
 * action button is disabled until the transaction's block is in (no double submission), and the
 * result or the chain's error is shown.
 */
async function act(label: string, build: () => { typeUrl: string; value: object }) {
  if (busy) return say("info", "Another transaction is still waiting for its block.");
  let msg;
  try {
    if (!connected()) throw new WalletError("Connect a wallet first (Connect Keplr, top right).");
    msg = build();
  } catch (e) {
    return say("error", e instanceof Error ? e.message : String(e));
  }
  busy = true;
  document.body.classList.add("busy");
  say("info", `${label}: waiting for the wallet's signature, then for the block…`);
  try {
    const r = await send(msg.typeUrl, msg.value);
    if (r.ok) {
      // The page is read again first: when the message says done, the page shows the result.
      busy = false;
      document.body.classList.remove("busy");
      await render(false);
      say("ok", `${label}: done in block ${r.height} (tx <code>${esc(r.hash)}</code>, gas ${esc(r.gasUsed)}).`, true);
    } else {
      say("error", `${label} failed in block ${r.height}: ${r.log}. Nothing changed (tx ${r.hash}).`);
    }
  } catch (e) {
    say("error", `${label}: ${e instanceof WalletError ? e.message : explain(e)}`);
  } finally {
    busy = false;
    document.body.classList.remove("busy");
  }
}

function val(id: string): string {
  const el = document.getElementById(id) as HTMLInputElement | null;
  return el ? el.value : "";
}

// ---- wallet header ------------------------------------------------------------------------------

function showWallet() {
  const w = $("#wallet");
  const c = connected();
  if (c) {
    w.innerHTML = `<span id="address" title="${esc(c.name)}">${esc(c.address)}</span> <button id="disconnect">Disconnect</button>`;
    $("#disconnect").onclick = () => {
      disconnect();
      sessionStorage.removeItem("dmex.connected");
      showWallet();
      render(false);
    };
  } else {
    w.innerHTML = `<button id="connect">Connect Keplr</button>`;
    $("#connect").onclick = () => doConnect(true);
  }
}

async function doConnect(loud: boolean) {
  try {
    const c = await connect();
    sessionStorage.setItem("dmex.connected", "1");
    if (loud) say("ok", `Connected ${c.address} on ${config.chainId}.`);
  } catch (e) {
    sessionStorage.removeItem("dmex.connected");
    say("error", e instanceof Error ? e.message : String(e));
  }
  // The page is read again before the header shows the address: then the page is the wallet's.
  await render(false);
  showWallet();
}

// ---- node status --------------------------------------------------------------------------------

async function pollNode() {
  const el = $("#node-status");
  try {
    const b = await get<any>("/cosmos/base/tendermint/v1beta1/blocks/latest");
    el.className = "up";
    el.textContent = `${config.chainId} · block ${b.block?.header?.height ?? b.sdk_block?.header?.height ?? "?"}`;
  } catch (e) {
    el.className = "down";
    el.textContent = e instanceof NodeDown ? "node down" : "node error";
    el.title = e instanceof Error ? e.message : String(e);
  }
}

// ---- shared reads -------------------------------------------------------------------------------

interface Product {
  id: string;
  miner: string;
  chain: string;
  node_id: string;
  power_unit: string;
  power_per_nft: string;
  count: string;
  term_days: number;
  term_start: string;
  term_end: string;
  disclosure: { name: string; registration: string; contact: string; uri: string };
  status: string;
  sold: string;
  created: string;
  retired: string;
  sale_mode: string;
  price: Coin;
  auction_id: string;
}

async function maybe<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof NodeDown) throw e;
    return null;
  }
}

function disclosure(p: Product): string {
  const d = p.disclosure || ({} as Product["disclosure"]);
  const uri = /^https?:\/\//.test(d.uri || "") ? `<a href="${esc(d.uri)}" rel="noopener" target="_blank">${esc(d.uri)}</a>` : esc(d.uri);
  return `<b>${esc(d.name || "(no name)")}</b><br><small>${esc(d.registration)} · ${esc(d.contact)} · ${uri}</small>`;
}

/** Deposits of a product's miner, by oracle day (aifil or the product's reward denom). */
async function depositsByDay(productId: string, daySeconds: number, miner: string): Promise<Map<number, bigint>> {
  // The miner's deposits (the signer of MsgDepositRewards), newest first; the product's are kept.
  const q = encodeURIComponent(`message.action='/dmex.escrow.v1.MsgDepositRewards' AND message.sender='${miner}'`);
  const out = new Map<number, bigint>();
  const txs = await maybe(get<any>(`/cosmos/tx/v1beta1/txs?query=${q}&pagination.limit=100&order_by=ORDER_BY_DESC`));
  for (const tr of txs?.tx_responses || []) {
    if (tr.code !== 0) continue;
    for (const m of tr.tx?.body?.messages || []) {
      if (m["@type"] !== "/dmex.escrow.v1.MsgDepositRewards" || String(m.product_id) !== productId) continue;
      const day = Math.floor(Date.parse(tr.timestamp) / 1000 / daySeconds);
      out.set(day, (out.get(day) || 0n) + num(m.amount?.amount));
    }
  }
  return out;
}

/** dayLabel is an oracle day as a UTC date (days of 86,400 s) or as its number (a local chain's short days). */
function dayLabel(day: number, daySeconds: number): string {
  if (daySeconds !== 86400) return `day ${day}`;
  return new Date(day * 86400 * 1000).toISOString().slice(5, 10);
}

function toFloat(v: bigint, exp: number): number {
  return Number(v) / 10 ** exp;
}

// ---- pages --------------------------------------------------------------------------------------

async function productsPage(): Promise<string> {
  const products = await getAll<Product>("/dmex/hashnft/v1/products", "products");
  if (products.length === 0) return `<h2>Products on sale</h2><p class="empty">No products yet: a miner applies (<code>dmexd tx hashnft apply</code>) and the council approves.</p>`;
  const rows = await Promise.all(
    products.map(async (p) => {
      const [full, esw, auc] = await Promise.all([
        maybe(get<any>(`/dmex/hashnft/v1/products/${p.id}`)),
        maybe(get<any>(`/dmex/escrow/v1/escrows/${p.id}`)),
        p.sale_mode === "SALE_MODE_AUCTION" && p.auction_id !== "0" ? maybe(get<any>(`/dmex/hashnft/v1/auctions/${p.auction_id}`)) : Promise.resolve(null),
      ]);
      const left = full ? full.unsold : String(num(p.count) - num(p.sold) - num(p.retired));
      const auction = auc?.auction;
      const price =
        p.sale_mode === "SALE_MODE_AUCTION"
          ? `reserve ${coin(p.price)}<br>clearing now: <b data-testid="clearing-${p.id}">${auction && Number(auction.bid_count) > 0 && num(auc.clearing_price?.amount) > 0n ? coin(auc.clearing_price) : "no bids yet"}</b>${auction ? `<br><small>${shortStatus(auction.status)}, ${auction.bid_count} bids, ends ${date(auction.end_time)}</small>` : ""}`
          : coin(p.price);
      const escrowCell = esw ? `<span class="st ${shortStatus(esw.status).replace(/ /g, "-")}">${shortStatus(esw.status)}</span>${esw.reason ? `<br><small>${esc(esw.reason)}</small>` : ""}` : "not opened";
      const open = p.status === "PRODUCT_STATUS_ACTIVE" && num(left) > 0n;
      let action = "";
      if (open && p.sale_mode === "SALE_MODE_AUCTION" && auction?.status === "AUCTION_STATUS_OPEN") {
        action = `<input id="qty-${p.id}" size="3" value="1" aria-label="quantity"> × <input id="bid-${p.id}" size="7" placeholder="unit price" aria-label="unit price"> ${esc(DENOMS[p.price.denom]?.symbol || p.price.denom)} <button data-bid="${p.id}">Bid</button>`;
      } else if (open && p.sale_mode === "SALE_MODE_FIXED_PRICE") {
        action = `<input id="qty-${p.id}" size="3" value="1" aria-label="quantity"> <button data-buy="${p.id}">Buy</button>`;
      } else action = `<small>${open ? "not on sale now" : "sold out or ended"}</small>`;
      return `<tr data-testid="product-${p.id}"><td><a href="#/product/${p.id}">#${p.id}</a></td><td>${disclosure(p)}</td><td>${esc(p.chain)} ${esc(p.node_id)}</td><td>${esc(p.power_per_nft)} ${esc(p.power_unit)}</td><td>${p.term_days} days<br><small>${date(p.term_start)} → ${date(p.term_end)}</small></td><td>${price}</td><td><span data-testid="sold-${p.id}">${esc(p.sold)}</span> / <span data-testid="left-${p.id}">${esc(left)}</span></td><td>${escrowCell}</td><td>${action}</td></tr>`;
    }),
  );
  return `<h2>Products on sale</h2><table class="list"><thead><tr><th>#</th><th>Miner (disclosure)</th><th>Node</th><th>Power per NFT</th><th>Term</th><th>Price</th><th>Sold / left</th><th>Escrow</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function bindProducts(root: HTMLElement, products: Map<string, Product>) {
  root.querySelectorAll<HTMLButtonElement>("[data-buy]").forEach((b) => {
    b.onclick = () => {
      const id = b.dataset.buy!;
      const p = products.get(id)!;
      act(`Buy NFTs of product #${id}`, () => ({
        typeUrl: MSG.buy,
        value: { buyer: connected()!.address, productId: id, quantity: checkUint(val(`qty-${id}`), "The quantity"), maxUnitPrice: { denom: p.price.denom, amount: p.price.amount } },
      }));
    };
  });
  root.querySelectorAll<HTMLButtonElement>("[data-bid]").forEach((b) => {
    b.onclick = () => {
      const id = b.dataset.bid!;
      const p = products.get(id)!;
      act(`Bid on product #${id}`, () => ({
        typeUrl: MSG.bid,
        value: { bidder: connected()!.address, auctionId: p.auction_id, quantity: checkUint(val(`qty-${id}`), "The quantity"), unitPrice: { denom: p.price.denom, amount: toBase(val(`bid-${id}`), p.price.denom) } },
      }));
    };
  });
}

async function productPage(id: string): Promise<string> {
  checkUint(id, "The product id");
  const full = await get<any>(`/dmex/hashnft/v1/products/${id}`).catch((e) => {
    if (e instanceof RestError) throw new RestError(`Product #${id} does not exist (${e.message}).`, e.status);
    throw e;
  });
  const p: Product = full.product;
  const [esw, day] = await Promise.all([maybe(get<any>(`/dmex/escrow/v1/escrows/${id}`)), get<any>("/dmex/oracle/v1/current_day")]);
  const rec = await maybe(get<any>(`/dmex/escrow/v1/miners/${p.miner}`));
  const mine = (rec?.products || []).find((r: any) => String(r.product_id) === id);
  const e = esw?.escrow;
  const rewardDenom = e?.reward_denom || "aifil";
  const exp = DENOMS[rewardDenom]?.exp ?? 18;
  const daySec = Number(day.day_seconds);
  const today = Number(day.day);
  const startDay = p.term_start && !p.term_start.startsWith("0001-") ? Math.floor(Date.parse(p.term_start) / 1000 / daySec) : today;
  const from = Math.max(startDay, today - 59);
  const deposits = await depositsByDay(id, daySec, p.miner);
  const net = await maybe(get<any>(`/dmex/oracle/v1/network/${from}/${today}`));
  const perTiB = new Map<number, bigint>();
  for (const d of net?.days || []) if (d.value) perTiB.set(Number(d.day), num(d.value.reward_per_tib));
  const power = num(e?.total_power || "0"); // in the product's power unit
  const labels: string[] = [],
    dep: number[] = [],
    avg: number[] = [],
    missed: boolean[] = [];
  for (let d = from; d <= today; d++) {
    labels.push(dayLabel(d, daySec));
    const got = deposits.get(d) || 0n;
    dep.push(toFloat(got, exp));
    avg.push(p.power_unit === "TiB" && perTiB.has(d) ? toFloat(perTiB.get(d)! * power, 18) : NaN);
    missed.push(d < today && got === 0n);
  }
  const avgSeries = avg.some((v) => Number.isFinite(v)) ? [{ label: `market average for ${power} ${p.power_unit} (oracle)`, values: avg.map((v) => (Number.isFinite(v) ? v : 0)), color: "#d97706", kind: "line" as const }] : [];
  const escrowBlock = e
    ? `<dl class="kv" data-testid="escrow"><dt>Status</dt><dd><span class="st ${shortStatus(esw.status).replace(/ /g, "-")}" data-testid="escrow-status">${shortStatus(esw.status)}</span> ${esc(esw.reason || "")}</dd>
<dt>Paid in</dt><dd data-testid="paid-in">${coins(esw.paid_in)}</dd><dt>Released to the miner</dt><dd>${coins(esw.released)}</dd><dt>Remaining in escrow</dt><dd data-testid="remaining">${coins(esw.remaining)}</dd>
<dt>Days</dt><dd>${e.days_elapsed} of ${e.term_days} elapsed, <b>${esw.days_left}</b> left</dd>
<dt>Miner's deposits</dt><dd>${esc(e.deposits)} deposits, ${units(e.deposited, rewardDenom)} in all, ${units(e.rewards_paid, rewardDenom)} paid to holders</dd>
<dt>Missed days</dt><dd>${e.missed_days} (${e.missed_days_in_row} in a row; ${e.below_market_days_in_row} below market in a row)</dd></dl>`
    : `<p class="empty">The escrow opens with the first sale.</p>`;
  return `<h2>Product #${esc(id)}: ${esc(p.chain)} ${esc(p.node_id)}</h2><p>${disclosure(p)}</p>
<dl class="kv"><dt>Power</dt><dd>${esc(p.power_per_nft)} ${esc(p.power_unit)} per NFT, ${esc(p.count)} NFTs (${esc(p.sold)} sold, ${esc(full.unsold)} left)</dd><dt>Term</dt><dd>${p.term_days} days, ${date(p.term_start)} → ${date(p.term_end)}</dd><dt>Price</dt><dd>${coin(p.price)} (${shortStatus(p.sale_mode)})</dd><dt>Miner</dt><dd><code>${esc(p.miner)}</code>${mine ? `: ${esc(mine.deposits)} deposits, ${mine.missed_days} missed days on this product` : ""}${rec ? `; ${rec.record.missed_days} missed days on all products` : ""}</dd></dl>
<h3>Escrow</h3>${escrowBlock}
${avgSeries.length ? "" : `<p class="empty">No finalized oracle day in this range yet: the market average appears when the oracle's feeders report.</p>`}
${chart("deposits-chart", `Miner's deposits per oracle day (${DENOMS[rewardDenom]?.symbol || rewardDenom}; ✕ a missed day)`, labels, [{ label: "deposited", values: dep, color: "#2563eb", kind: "bar" }, ...avgSeries], { marks: missed })}`;
}

async function nftsPage(): Promise<string> {
  const c = connected();
  if (!c) return `<h2>My NFTs</h2><p class="empty" data-testid="connect-first">Connect a wallet to see your NFTs.</p>`;
  const nfts = await getAll<any>(`/dmex/hashnft/v1/owners/${c.address}/nfts`, "nfts");
  if (nfts.length === 0) return `<h2>My NFTs</h2><p class="empty" data-testid="no-nfts">${esc(c.address)} holds no hashrate NFTs yet: buy some under Products.</p>`;
  const day = await get<any>("/dmex/oracle/v1/current_day");
  const daySec = Number(day.day_seconds),
    today = Number(day.day);
  // Daily rewards: the product's deposits each day times the NFT's share of the product's power.
  const byProduct = new Map<string, { deposits: Map<number, bigint>; power: bigint; denom: string }>();
  for (const pid of [...new Set(nfts.map((n) => String(n.nft.product_id)))]) {
    const esw = await maybe(get<any>(`/dmex/escrow/v1/escrows/${pid}`));
    const miner = esw?.escrow?.miner || "";
    byProduct.set(pid, { deposits: miner ? await depositsByDay(pid, daySec, miner) : new Map(), power: num(esw?.escrow?.total_power), denom: esw?.escrow?.reward_denom || "aifil" });
  }
  const labels: string[] = [],
    vals: number[] = [];
  let denom = "aifil";
  for (let d = today - 29; d <= today; d++) {
    let sum = 0;
    for (const n of nfts) {
      const bp = byProduct.get(String(n.nft.product_id))!;
      denom = bp.denom;
      if (bp.power > 0n) sum += toFloat(((bp.deposits.get(d) || 0n) * num(n.nft.power)) / bp.power, DENOMS[bp.denom]?.exp ?? 18);
    }
    labels.push(dayLabel(d, daySec));
    vals.push(sum);
  }
  const rows = nfts.map((n) => {
    const id = n.nft.id,
      e = n.earnings || {};
    const listed = n.listing ? `listed at <b data-testid="listed-${id}">${coin(n.listing.price)}</b> <button data-cancel="${id}">Cancel listing</button>` : "";
    const locked = n.nft.locked_by ? `<small>locked by ${esc(n.nft.locked_by)}</small>` : "";
    const actions = n.nft.locked_by
      ? locked
      : `${listed || `<input id="price-${id}" size="6" placeholder="price" aria-label="listing price"> <select id="denom-${id}">${Object.entries(DENOMS).map(([d, v]) => `<option value="${d}"${d === "uusdt" ? " selected" : ""}>${v.symbol}</option>`).join("")}</select> <button data-list="${id}">List</button>`}
<br><input id="to-${id}" size="16" placeholder="dmex1… recipient" aria-label="recipient"> <button data-transfer="${id}">Transfer</button>
<br><input id="farm-${id}" size="3" placeholder="farm" aria-label="farm id"> <button data-stake-nft="${id}">Stake in farm</button>`;
    return `<tr data-testid="nft-${id}"><td>#${esc(id)}</td><td><a href="#/product/${n.nft.product_id}">#${esc(n.nft.product_id)}</a> ${esc(n.chain)} ${esc(n.nft.miner_node_id)}</td><td>${esc(n.nft.power)} ${esc(n.power_unit)}</td><td><small>${date(n.nft.term_start)} → ${date(n.nft.term_end)}</small></td>
<td data-testid="earned-${id}">${coin(e.earned)}</td><td data-testid="paid-${id}">${coin(e.paid)}</td><td data-testid="pending-${id}">${coin(e.pending)}</td><td>${coins(e.refunded)}</td><td>${actions}</td></tr>`;
  });
  return `<h2>My NFTs</h2><p><button id="claim-all">Claim rewards</button> <small>(pending rewards are also paid out automatically each day)</small></p>
<table class="list"><thead><tr><th>NFT</th><th>Product</th><th>Power</th><th>Term</th><th>Earned</th><th>Paid</th><th>Pending</th><th>Refunded</th><th>Actions</th></tr></thead><tbody>${rows.join("")}</tbody></table>
${chart("rewards-chart", `Daily rewards of my NFTs (${DENOMS[denom]?.symbol || denom}, from each product's deposits and the NFT's share of its power)`, labels, [{ label: "rewards", values: vals, color: "#16a34a", kind: "bar" }])}`;
}

function bindNFTs(root: HTMLElement) {
  const me = () => connected()!.address;
  root.querySelectorAll<HTMLButtonElement>("[data-list]").forEach((b) => {
    b.onclick = () => {
      const id = b.dataset.list!;
      act(`List NFT #${id}`, () => {
        const denom = val(`denom-${id}`);
        return { typeUrl: MSG.list, value: { owner: me(), nftId: id, price: { denom, amount: toBase(val(`price-${id}`), denom) } } };
      });
    };
  });
  root.querySelectorAll<HTMLButtonElement>("[data-cancel]").forEach((b) => {
    b.onclick = () => act(`Cancel the listing of NFT #${b.dataset.cancel}`, () => ({ typeUrl: MSG.cancel, value: { owner: me(), nftId: b.dataset.cancel! } }));
  });
  root.querySelectorAll<HTMLButtonElement>("[data-transfer]").forEach((b) => {
    b.onclick = () => {
      const id = b.dataset.transfer!;
      act(`Transfer NFT #${id}`, () => ({ typeUrl: MSG.transfer, value: { sender: me(), nftId: id, recipient: checkAddress(val(`to-${id}`), "recipient's address") } }));
    };
  });
  root.querySelectorAll<HTMLButtonElement>("[data-stake-nft]").forEach((b) => {
    b.onclick = () => {
      const id = b.dataset.stakeNft!;
      act(`Stake NFT #${id}`, () => ({ typeUrl: MSG.stakeNFT, value: { staker: me(), farmId: checkUint(val(`farm-${id}`), "The farm id"), nftId: id } }));
    };
  });
  const claim = root.querySelector<HTMLButtonElement>("#claim-all");
  if (claim) claim.onclick = () => act("Claim rewards", () => ({ typeUrl: MSG.claimRewards, value: { holder: me(), nftIds: [] } }));
}

async function marketPage(): Promise<string> {
  const products = await getAll<Product>("/dmex/hashnft/v1/products", "products");
  const all: any[] = [];
  for (const p of products) {
    const ls = await getAll<any>(`/dmex/hashnft/v1/products/${p.id}/listings`, "listings");
    for (const l of ls) all.push({ ...l, product: p });
  }
  all.sort((a, b) => (a.price.denom === b.price.denom ? (num(a.price.amount) < num(b.price.amount) ? -1 : num(a.price.amount) > num(b.price.amount) ? 1 : 0) : a.price.denom < b.price.denom ? -1 : 1));
  if (all.length === 0) return `<h2>Secondary market</h2><p class="empty" data-testid="no-listings">No NFT is listed for sale.</p>`;
  const me = connected()?.address;
  const rows = all.map((l) => {
    const action = l.seller === me ? `<small>yours</small> <button data-cancel="${l.nft_id}">Cancel listing</button>` : `<button data-buy-listing="${l.nft_id}" data-denom="${esc(l.price.denom)}" data-amount="${esc(l.price.amount)}">Buy</button>`;
    return `<tr data-testid="listing-${l.nft_id}"><td>NFT #${esc(l.nft_id)}</td><td><a href="#/product/${l.product_id}">#${esc(l.product_id)}</a> ${esc(l.product.chain)} ${esc(l.product.node_id)}</td><td>${esc(l.product.power_per_nft)} ${esc(l.product.power_unit)}</td><td><code>${esc(l.seller)}</code></td><td data-testid="listing-price-${l.nft_id}">${coin(l.price)}</td><td><small>${date(l.listed_at)}</small></td><td>${action}</td></tr>`;
  });
  return `<h2>Secondary market</h2><p>Listings by price.</p><table class="list"><thead><tr><th>NFT</th><th>Product</th><th>Power</th><th>Seller</th><th>Price</th><th>Listed</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function bindMarket(root: HTMLElement) {
  root.querySelectorAll<HTMLButtonElement>("[data-buy-listing]").forEach((b) => {
    b.onclick = () =>
      act(`Buy NFT #${b.dataset.buyListing}`, () => ({ typeUrl: MSG.buyListing, value: { buyer: connected()!.address, nftId: b.dataset.buyListing!, maxPrice: { denom: b.dataset.denom!, amount: b.dataset.amount! } } }));
  });
  root.querySelectorAll<HTMLButtonElement>("[data-cancel]").forEach((b) => {
    b.onclick = () => act(`Cancel the listing of NFT #${b.dataset.cancel}`, () => ({ typeUrl: MSG.cancel, value: { owner: connected()!.address, nftId: b.dataset.cancel! } }));
  });
}

async function dmcPage(): Promise<string> {
  const [supply, em, params, farms] = await Promise.all([get<any>("/dmex/dmc/v1/supply"), get<any>("/dmex/dmc/v1/emission"), get<any>("/dmex/dmc/v1/params"), getAll<any>("/dmex/dmc/v1/farms", "farms")]);
  const pr = params.params;
  // The emission schedule: era i mints initial/2^i per block for halving_blocks blocks, up to the cap.
  const labels: string[] = [],
    perEra: number[] = [],
    cum: number[] = [];
  let reward = num(pr.initial_block_reward),
    total = 0n;
  const cap = num(pr.mining_cap),
    hb = num(pr.halving_blocks);
  for (let i = 0; i < 40 && reward > 0n && total < cap; i++) {
    let minted = reward * hb;
    if (total + minted > cap) minted = cap - total;
    total += minted;
    labels.push(String(i));
    perEra.push(toFloat(minted, 6));
    cum.push(toFloat(total, 6));
    reward /= 2n;
  }
  const me = connected()?.address;
  const positions = me ? await maybe(get<any>(`/dmex/dmc/v1/positions/${me}`)) : null;
  const rows = await Promise.all(
    farms.map(async (f: any) => {
      const farm = f.farm;
      const isNFT = !farm.denom;
      const amount = isNFT ? "1" : DENOMS[farm.denom] ? toBase("1", farm.denom) : "1000000";
      const fc = await maybe(get<any>(`/dmex/dmc/v1/forecast/${farm.id}/${amount}`));
      const what = isNFT ? `NFTs: ${esc(shortStatus(farm.nft_scope?.kind).replace("nft scope kind ", ""))} ${esc(farm.nft_scope?.chain || farm.nft_scope?.product_id || farm.nft_scope?.miner_node_id || "")}` : esc(DENOMS[farm.denom]?.symbol || farm.denom);
      const per = isNFT ? "1 unit of power" : DENOMS[farm.denom] ? `1 ${esc(DENOMS[farm.denom].symbol)}` : `${amount} ${esc(farm.denom)}`;
      const stake = farm.closed
        ? "<small>closed</small>"
        : isNFT
          ? `<small>stake an NFT from My NFTs</small>`
          : `<input id="stake-${farm.id}" size="6" placeholder="amount" aria-label="stake amount"> <button data-stake="${farm.id}" data-denom="${esc(farm.denom)}">Stake</button>`;
      return `<tr data-testid="farm-${farm.id}"><td>${esc(farm.id)}</td><td>${esc(shortStatus(farm.program).replace("program ", ""))}</td><td>${what}</td><td>${esc(farm.weight)}</td><td data-testid="staked-${farm.id}">${isNFT ? esc(farm.total_staked) : units(farm.total_staked, farm.denom)}</td><td>${units(f.reward_per_block, "udmc")}</td><td data-testid="forecast-${farm.id}">${fc ? units(fc.per_day, "udmc") : "–"} <small>per ${per}</small></td><td>${stake}</td></tr>`;
    }),
  );
  const posBlock = positions
    ? `<h3>My farm positions</h3><p>Pending: <b>${units(positions.total_pending, "udmc")}</b> <button id="claim-dmc">Claim DMC</button></p>`
    : "";
  return `<h2>DMC</h2><dl class="kv" data-testid="dmc"><dt>Era</dt><dd>${esc(em.era)} (${esc(em.blocks_left_in_era)} blocks left at height ${esc(em.height)})</dd><dt>Block reward</dt><dd>${units(em.block_reward, "udmc")}</dd>
<dt>Minted by mining</dt><dd>${units(supply.minted_by_mining, "udmc")}</dd><dt>Remaining to the mining cap</dt><dd>${units(supply.mining_remaining, "udmc")}</dd><dt>Burned</dt><dd>${units(supply.burned, "udmc")}</dd>
<dt>Total supply</dt><dd>${units(supply.total_supply, "udmc")} of at most ${units(supply.max_supply, "udmc")} (${units(supply.locked_in_vesting, "udmc")} locked in vesting)</dd></dl>
${chart("emission-chart", "Emission schedule: DMC minted per era and in all", labels, [{ label: "per era", values: perEra, color: "#7c3aed", kind: "bar" }, { label: "cumulative", values: cum, color: "#db2777", kind: "line" }])}
${posBlock}<h3>Farms</h3><table class="list"><thead><tr><th>Farm</th><th>Program</th><th>Stakes</th><th>Weight</th><th>Staked</th><th>Reward per block</th><th>A stake would earn</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function bindDMC(root: HTMLElement) {
  root.querySelectorAll<HTMLButtonElement>("[data-stake]").forEach((b) => {
    b.onclick = () => {
      const id = b.dataset.stake!,
        denom = b.dataset.denom!;
      act(`Stake in farm ${id}`, () => ({ typeUrl: MSG.stake, value: { staker: connected()!.address, farmId: id, amount: { denom, amount: toBase(val(`stake-${id}`), denom) } } }));
    };
  });
  const claim = root.querySelector<HTMLButtonElement>("#claim-dmc");
  if (claim) claim.onclick = () => act("Claim DMC", () => ({ typeUrl: MSG.claimDMC, value: { staker: connected()!.address, farmId: "0" } }));
}

async function poolsPage(): Promise<string> {
  const [pools, fund] = await Promise.all([getAll<any>("/dmex/amm/v1/pools", "pools"), maybe(get<any>("/dmex/riskfund/v1/fund"))]);
  const sym = (d: string) => DENOMS[d]?.symbol || d;
  const rows = pools.map((p: any) => {
    // The spot price in display units: (reserve_b / 10^exp_b) / (reserve_a / 10^exp_a).
    const ea = DENOMS[p.denom_a]?.exp ?? 0,
      eb = DENOMS[p.denom_b]?.exp ?? 0;
    const price = num(p.reserve_a) > 0n ? toFloat(num(p.reserve_b), eb) / toFloat(num(p.reserve_a), ea) : NaN;
    return `<tr data-testid="pool-${esc(p.id)}"><td>${esc(p.id)}</td><td>${esc(sym(p.denom_a))} / ${esc(sym(p.denom_b))}</td><td>${units(p.reserve_a, p.denom_a)}</td><td>${units(p.reserve_b, p.denom_b)}</td><td>${Number.isFinite(price) ? price.toPrecision(6) : "–"} ${esc(sym(p.denom_b))} per ${esc(sym(p.denom_a))}</td><td>${(Number(p.swap_fee_bps) / 100).toFixed(2)}%</td><td>${esc(p.shares)}</td></tr>`;
  });
  const fundRows = (fund?.denoms || []).map(
    (d: any) => `<tr><td>${esc(sym(d.books.denom))}</td><td>${units(d.books.balance, d.books.denom)}</td><td>${units(d.books.committed, d.books.denom)}</td><td>${units(d.books.owed, d.books.denom)}</td><td>${units(d.free_capacity, d.books.denom)}</td></tr>`,
  );
  const offers = await maybe(getAll<any>("/dmex/lending/v1/offers", "offers", 200));
  const me = connected()?.address;
  const loans = me ? await maybe(getAll<any>(`/dmex/lending/v1/loans/borrower/${me}`, "loans", 200)) : null;
  const collateral = (c: any) => {
    const k = shortStatus((c?.kind || "").replace("COLLATERAL_KIND_", "X_STATUS_"));
    if (c?.kind === "COLLATERAL_KIND_NFT") return `NFT #${esc(c.nft_id)}`;
    if (c?.kind === "COLLATERAL_KIND_PRODUCT") return `an NFT of product #${esc(c.product_id)}`;
    if (c?.kind === "COLLATERAL_KIND_IFIL") return units(c.amount, "aifil");
    return `${esc(k)} ${esc(c?.chain || "")} ${esc(c?.miner_node_id || "")}`;
  };
  const offerRows = (offers || []).map(
    (o: any) =>
      `<tr data-testid="offer-${esc(o.id)}"><td>${esc(o.id)}</td><td>${coin(o.principal)}</td><td>${units(o.interest, o.principal?.denom)}</td><td>${esc(o.term)}</td><td>${collateral(o.collateral)}</td><td>${esc(o.loans_made)} / ${esc(o.max_loans)}</td><td><small>${date(o.expiry)}</small></td></tr>`,
  );
  const loanRows = (loans || []).map(
    (l: any) =>
      `<tr><td>${esc(l.id)}</td><td>${coin(l.principal)}</td><td>${units(l.interest, l.principal?.denom)}</td><td>${units(l.principal_repaid, l.principal?.denom)} + ${units(l.interest_repaid, l.principal?.denom)}</td><td>${(l.nft_ids || []).map((i: string) => "#" + esc(i)).join(", ") || units(l.ifil, "aifil")}</td><td><small>${date(l.maturity)}</small></td><td>${esc(shortStatus((l.status || "").replace("LOAN_STATUS_", "X_STATUS_")))}</td></tr>`,
  );
  const loansBlock = `<h2>Loans</h2><p>Loan offers against NFTs and IFIL (take one with <code>dmexd tx lending</code>).</p>${
    offerRows.length
      ? `<table class="list"><thead><tr><th>Offer</th><th>Principal</th><th>Interest (term)</th><th>Term</th><th>Collateral</th><th>Loans</th><th>Expires</th></tr></thead><tbody>${offerRows.join("")}</tbody></table>`
      : `<p class="empty">No loan offers.</p>`
  }${me ? (loanRows.length ? `<h3>My loans</h3><table class="list"><thead><tr><th>Loan</th><th>Principal</th><th>Interest</th><th>Repaid</th><th>Collateral</th><th>Maturity</th><th>Status</th></tr></thead><tbody>${loanRows.join("")}</tbody></table>` : `<p class="empty">You have no loans.</p>`) : ""}`;
  return `${loansBlock}<h2>Pools</h2><p>AMM pools (swaps and liquidity with <code>dmexd tx amm</code>).</p><table class="list"><thead><tr><th>Pool</th><th>Pair</th><th>Reserve</th><th>Reserve</th><th>Spot price</th><th>Swap fee</th><th>Shares</th></tr></thead><tbody>${rows.join("")}</tbody></table>
<h2>Risk fund</h2>${fundRows.length ? `<table class="list" data-testid="riskfund"><thead><tr><th>Denom</th><th>Balance</th><th>Committed</th><th>Owed</th><th>Free capacity</th></tr></thead><tbody>${fundRows.join("")}</tbody></table>` : `<p class="empty">The risk fund holds nothing.</p>`}`;
}

// ---- router -------------------------------------------------------------------------------------

let renderSeq = 0;

async function render(loading = true) {
  const seq = ++renderSeq;
  const page = $("#page");
  const route = location.hash.replace(/^#\/?/, "").split("/");
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#/" + route[0]));
  if (loading) page.innerHTML = `<p class="loading">Loading…</p>`;
  try {
    let html: string;
    let bind: (root: HTMLElement) => void = () => {};
    switch (route[0]) {
      case "product":
        html = await productPage(route[1] || "");
        break;
      case "nfts":
        html = await nftsPage();
        bind = bindNFTs;
        break;
      case "market":
        html = await marketPage();
        bind = bindMarket;
        break;
      case "pools":
        html = await poolsPage();
        break;
      case "dmc":
        html = await dmcPage();
        bind = bindDMC;
        break;
      default: {
        html = await productsPage();
        const ps = await getAll<Product>("/dmex/hashnft/v1/products", "products");
        const map = new Map(ps.map((p) => [p.id, p]));
        bind = (root) => bindProducts(root, map);
      }
    }
    if (seq !== renderSeq) return;
    page.innerHTML = html;
    page.dataset.route = route[0] || "products";
    bind(page);
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof NodeDown) page.innerHTML = `<div class="error" id="node-down" role="alert"><b>The DMEX node is down.</b> ${esc(e.message)}</div>`;
    else page.innerHTML = `<div class="error" id="page-error" role="alert">${esc(e instanceof Error ? e.message : String(e))}</div>`;
  }
}

async function start() {
  try {
    await loadConfig();
  } catch (e) {
    $("#page").innerHTML = `<div class="error" role="alert">The app cannot read its config.json (${esc(String(e))}).</div>`;
    return;
  }
  showWallet();
  window.addEventListener("hashchange", () => {
    if (!busy) $("#msg").hidden = true; // a message belongs to the page it was said on
    render();
  });
  $("#refresh").onclick = () => render(false);
  pollNode();
  setInterval(pollNode, 4000);
  // The wallet switched accounts: connect the new one (or show the failure).
  window.addEventListener("keplr_keystorechange", () => {
    if (connected()) doConnect(false);
  });
  if (sessionStorage.getItem("dmex.connected") === "1") await doConnect(false);
  else await render();
}

start();
