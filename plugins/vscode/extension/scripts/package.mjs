// Packages the bundled extension as dist/<name>-<version>.vsix with vsce: no dependencies (they are in the
// bundle), nothing fetched. Run `npm run build` first.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { createVSIX } = createRequire(import.meta.url)('@vscode/vsce');

if (!existsSync(join(root, 'out/extension.js'))) {
  console.error('package: out/extension.js is missing; run `npm run build` first');
  process.exit(1);
}
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
for (const old of readdirSync(dist).filter((f) => f.endsWith('.vsix'))) {
  rmSync(join(dist, old));
}
await createVSIX({
  cwd: root,
  packagePath: join(dist, `${name}-${version}.vsix`),
  dependencies: false,
  allowMissingRepository: true,
  skipLicense: true,
});
