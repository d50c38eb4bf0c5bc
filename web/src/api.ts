// The app's configuration (config.json beside index.html), REST reads and amount formatting.

export interface Config {
  chainId: string;
  chainName: string;
  rest: string;
  rpc: string;
  gasPrice: string;
}

export let config: Config;

/** keplrInfo is networks/<network>/keplr.json as the server gives it: the chain info for the wallet. */
export let keplrInfo: any;

export async function loadConfig(): Promise<Config> {
  const [c, k] = await Promise.all(
    ["config.json", "keplr.json"].map(async (f) => {
      const res = await fetch(f, { cache: "no-store" });
      if (!res.ok) throw new Error(`${f}: ${res.status}`);
      return res.json();
    }),
  );
  config = c as Config;
  config.rest = config.rest.replace(/\/+$/, "");
  config.rpc = config.rpc.replace(/\/+$/, "");
  keplrInfo = k;
  setDenoms(k.currencies || []);
  return config;
}

/** setDenoms takes the display units from the chain info's currencies (one source for both). */
export function setDenoms(currencies: { coinDenom: string; coinMinimalDenom: string; coinDecimals: number }[]) {
  for (const c of currencies) DENOMS[c.coinMinimalDenom] = { symbol: c.coinDenom, exp: c.coinDecimals };
}

/** NodeDown: the node's REST server did not answer at all (not an error it returned). */
export class NodeDown extends Error {}

/** RestError: the node answered with an error (its gRPC status message). */
export class RestError extends Error {
  constructor(
    message: string,
    public status: number,
  ) {
    super(message);
  }
}

export async function get<T = any>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(config.rest + path, { cache: "no-store" });
  } catch (e) {
    throw new NodeDown(`The DMEX node does not answer at ${config.rest} (is the local network running? start it with \`make localnet\`)`);
  }
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RestError(`${path}: ${res.status} ${text.slice(0, 200)}`, res.status);
  }
  if (!res.ok) throw new RestError(body?.message || `${path}: ${res.status}`, res.status);
  return body as T;
}

/** getAll follows pagination.next_key of a list query and concatenates `field`. */
export async function getAll<T = any>(path: string, field: string, max = 1000): Promise<T[]> {
  const out: T[] = [];
  let key = "";
  for (let i = 0; i < 50 && out.length < max; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const q = key ? `${sep}pagination.key=${encodeURIComponent(key)}` : "";
    const body = await get<any>(path + q);
    out.push(...((body[field] as T[]) || []));
    key = body.pagination?.next_key || "";
    if (!key) break;
  }
  return out;
}

export interface Coin {
  denom: string;
  amount: string;
}

/** Display units: the chain's base denoms and their exponents (keplr.json's currencies replace these). */
export const DENOMS: Record<string, { symbol: string; exp: number }> = {
  udmc: { symbol: "DMC", exp: 6 },
  uusdt: { symbol: "USDT", exp: 6 },
  uhusd: { symbol: "HUSD", exp: 6 },
  uht: { symbol: "HT", exp: 6 },
  uhbtc: { symbol: "HBTC", exp: 6 },
  aifil: { symbol: "IFIL", exp: 18 },
};

/** units formats an integer amount string of a base denom in display units, exactly (no floats). */
export function units(amount: string | undefined, denom: string): string {
  const d = DENOMS[denom];
  const a = (amount || "0").replace(/^0+(?=\d)/, "");
  if (!d) return `${a} ${denom}`;
  const neg = a.startsWith("-");
  const digits = (neg ? a.slice(1) : a).padStart(d.exp + 1, "0");
  const whole = digits.slice(0, digits.length - d.exp);
  let frac = digits.slice(digits.length - d.exp).replace(/0+$/, "");
  // Six decimals, or six significant digits of an amount below one unit (1500 aifil is not "0").
  const keep = whole.replace(/^0+/, "") ? 6 : frac.search(/[1-9]/) + 6;
  if (frac.length > keep) frac = frac.slice(0, keep);
  return `${neg ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? "." + frac : ""} ${d.symbol}`;
}

export function coin(c: Coin | undefined | null): string {
  if (!c || !c.denom) return "–";
  return units(c.amount, c.denom);
}

export function coins(cs: Coin[] | undefined | null): string {
  if (!cs || cs.length === 0) return "0";
  return cs.map(coin).join(", ");
}

/** toBase parses a display amount ("1.5") of denom into its base integer string, or throws. */
export function toBase(display: string, denom: string): string {
  const d = DENOMS[denom];
  const s = display.trim();
  if (!/^\d+(\.\d+)?$/.test(s)) throw new Error(`"${display}" is not an amount (digits, and a dot for decimals)`);
  const exp = d ? d.exp : 0;
  const [w, f = ""] = s.split(".");
  if (f.length > exp) throw new Error(`"${display}" has more than ${exp} decimals for ${d ? d.symbol : denom}`);
  const base = (w + f.padEnd(exp, "0")).replace(/^0+(?=\d)/, "");
  if (BigInt(base) <= 0n) throw new Error(`the amount must be above zero`);
  return base;
}

/** num is a bigint of an integer string (0 for anything else). */
export function num(s: string | undefined | null): bigint {
  try {
    return BigInt((s || "0").split(".")[0]);
  } catch {
    return 0n;
  }
}

/** TiB of a power in bytes (x/oracle powers are bytes). */
export function bytesToTiB(b: string): number {
  return Number(num(b) / 1099511627776n);
}

export function esc(s: unknown): string {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function shortStatus(s: string | undefined): string {
  return (s || "").replace(/^[A-Z]+_STATUS_/, "").replace(/^SALE_MODE_/, "").toLowerCase().replace(/_/g, " ");
}

export function date(s: string | undefined): string {
  if (!s || s.startsWith("0001-")) return "–";
  return s.replace("T", " ").replace(/\.\d+Z$/, "Z");
}
