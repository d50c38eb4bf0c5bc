// Builds the web app into web/dist (index.html, app.js, app.css) and the test wallet used by
// tests/e2e/web_test.go into web/dist-test/testwallet.js. `node build.mjs` (npm run build).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const common = { bundle: true, format: "iife", target: "es2020", platform: "browser", minify: true, sourcemap: false, logLevel: "warning" };
await build({ ...common, entryPoints: [join(here, "src", "main.ts")], outfile: join(dist, "app.js") });
await build({ ...common, entryPoints: [join(here, "src", "testwallet.ts")], outfile: join(here, "dist-test", "testwallet.js") });
for (const f of ["index.html", "app.css"]) copyFileSync(join(here, "public", f), join(dist, f));
console.log("web: built", dist);
