// Copy the npm-installed front-end libraries into the Flask app's static folder.
// Run by `npm run build` after `npm ci`; the copied files are build output (git-ignored).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "api", "web", "static", "vendor", "leaflet");
const source = join(here, "node_modules", "leaflet", "dist");
const files = ["leaflet.js", "leaflet.js.map", "leaflet.css", "images"];

if (!existsSync(source)) {
  console.error(`找不到 ${source}：请先在 web/ 下运行 npm ci`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const name of files) {
  cpSync(join(source, name), join(target, name), { recursive: true });
}
console.log(`Leaflet copied to ${target}`);
