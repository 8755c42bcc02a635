#!/usr/bin/env node
// npm run pack [-- --for <dir>]
//
// Builds the publishable packages (plugins/*) and writes one installable
// tarball each into dist-packs/, then prints the lines an app's root
// package.json needs so that the packages' dependencies on each other
// (@dora-metrics/*@^0.1.0, not in any registry) resolve to the tarballs.
// --for names the folder, relative to the app's root, the user copies the
// tarballs into (default dora-packs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist-packs');

const forIndex = process.argv.indexOf('--for');
const appDir = forIndex === -1 ? 'dora-packs' : process.argv[forIndex + 1];
if (!appDir) throw new Error('--for needs a folder, e.g. --for dora-packs');
// Yarn and npm read a file: path relative to the app's root package.json;
// written as getting-started.md's tested steps write it (file:dora-packs/…).
const appPath = appDir.replace(/\/+$/, '').replace(/^\.\//, '');

function run(cwd, command, ...args) {
  const line = `${command} ${args.join(' ')}`;
  const where = path.relative(root, cwd) || '.';
  console.log(`\n$ (${where}) ${line}`);
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit' });
  } catch {
    console.error(`\nnpm run pack: \`${line}\` failed in ${where}`);
    process.exit(1);
  }
}

const packages = fs
  .readdirSync(path.join(root, 'plugins'))
  .map(name => path.join(root, 'plugins', name))
  .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
  .map(dir => ({ dir, ...readJson(path.join(dir, 'package.json')) }))
  .filter(pkg => !pkg.private);

// backstage-cli bundles each package's .d.ts from dist-types, which
// tsc writes (and a type error stops the run). The examples are not packed,
// so this tsconfig leaves them out.
run(root, 'npx', 'tsc', '-p', 'scripts/tsconfig.packages.json');

// Builds every package but the bundled app and backend: the plugins.
run(root, 'npx', 'backstage-cli', 'repo', 'build');

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir);
// npm pack runs each package's prepack (package.json pointed at dist/) and
// postpack (package.json restored). One call per folder: `npm pack
// --workspace` is several times slower here.
for (const pkg of packages) {
  run(pkg.dir, 'npm', 'pack', '--pack-destination', outDir);
}

const tarballs = Object.fromEntries(
  packages.map(pkg => [pkg.name, tarballName(pkg)]),
);
for (const file of Object.values(tarballs)) {
  if (!fs.existsSync(path.join(outDir, file))) {
    throw new Error(`npm pack did not write ${file}`);
  }
}

const fileSpecs = Object.fromEntries(
  Object.entries(tarballs).map(([name, file]) => [
    name,
    `file:${appPath}/${file}`,
  ]),
);
console.log(`
Tarballs in ${path.relative(process.cwd(), outDir) || outDir}/:
${Object.values(tarballs)
  .map(file => `  ${file}`)
  .join('\n')}

Copy them into ${appPath}/ in your app, then add to the app's root package.json
(Yarn, as a Backstage app uses):

"resolutions": ${JSON.stringify(fileSpecs, null, 2)}

or, in an app installed with npm:

"overrides": ${JSON.stringify(fileSpecs, null, 2)}

and add the packages by version, as once they are published (the modules
you use too):
  yarn --cwd packages/app add ${addSpecs('frontend-plugin')}
  yarn --cwd packages/backend add ${addSpecs('backend-plugin')}
  yarn --cwd packages/backend add ${addSpecs('backend-plugin-module')}
`);

function addSpecs(role) {
  return packages
    .filter(pkg => pkg.backstage.role === role)
    .map(pkg => `${pkg.name}@^${pkg.version}`)
    .join(' ');
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// npm pack's own naming: @scope/name@1.2.3 -> scope-name-1.2.3.tgz
function tarballName(pkg) {
  return `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
}
