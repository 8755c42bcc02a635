#!/usr/bin/env node
// Checks the tarballs `npm run pack` wrote into dist-packs/: each one is what
// an app installs, so it must hold the built code and the files its
// package.json names, and nothing from the sources or the tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const packsDir = path.join(root, 'dist-packs');

const sources = fs
  .readdirSync(path.join(root, 'plugins'))
  .map(name => path.join(root, 'plugins', name))
  .map(dir => ({ dir, pkg: readJson(path.join(dir, 'package.json')) }))
  .filter(({ pkg }) => !pkg.private);
const packed = new Set(sources.map(({ pkg }) => pkg.name));

const problems = [];
for (const { dir, pkg: source } of sources) {
  const tarball = `${source.name.replace(/^@/, '').replace('/', '-')}-${source.version}.tgz`;
  const file = path.join(packsDir, tarball);
  if (!fs.existsSync(file)) {
    problems.push(`${tarball}: missing (run npm run pack)`);
    continue;
  }
  const files = new Set(
    tar('-tzf', file)
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(tar('-xOzf', file, 'package/package.json'));
  const before = problems.length;
  const fail = message => problems.push(`${tarball}: ${message}`);

  for (const f of files) {
    if (
      !/^(dist\/|migrations\/|golden-fixtures\/|project-golden-fixtures\/|config\.schema\.json$|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(
        f,
      )
    ) {
      fail(`unexpected file ${f}`);
    }
    if (/\.test\.|__testUtils__|setupTests/.test(f)) fail(`test file ${f}`);
  }
  if (![...files].some(f => f.startsWith('dist/'))) fail('no dist/');

  // Every path package.json names for the runtime or for types is in dist/
  // and in the tarball (prepack swaps src/ for dist/).
  const named = [pkg.main, pkg.module, pkg.types, ...targets(pkg.exports)]
    .concat(...Object.values(pkg.typesVersions?.['*'] ?? {}))
    .filter(Boolean)
    .map(p => p.replace(/^\.\//, ''));
  for (const p of named) {
    if (p !== 'package.json' && !p.startsWith('dist/'))
      fail(`names ${p}, not a dist/ file`);
    if (!files.has(p)) fail(`names ${p}, which it does not contain`);
  }
  if (!pkg.main || !pkg.types) fail('no main or types');

  // prepack compiles config.d.ts into config.schema.json and names that.
  if (source.configSchema && !files.has(pkg.configSchema ?? '')) {
    fail(`configSchema ${pkg.configSchema} is not in the tarball`);
  }
  // Migrations run from the installed package; testUtils reads the golden
  // cases (the spec's and the project's own) from it.
  for (const folder of [
    'migrations',
    'golden-fixtures',
    'project-golden-fixtures',
  ]) {
    const sourceDir = path.join(dir, folder);
    if (!fs.existsSync(sourceDir)) continue;
    for (const f of fs.readdirSync(sourceDir)) {
      if (!files.has(`${folder}/${f}`))
        fail(`${folder}/${f} is not in the tarball`);
    }
  }

  const backstage = pkg.backstage ?? {};
  if (!backstage.role || backstage.pluginId !== 'dora')
    fail('backstage.role or pluginId missing');
  const isModule = backstage.role === 'backend-plugin-module';
  if (isModule ? !backstage.pluginPackage : !backstage.pluginPackages?.length) {
    fail(
      isModule
        ? 'backstage.pluginPackage missing'
        : 'backstage.pluginPackages missing',
    );
  }

  if (pkg.dependencies?.['@backstage/backend-test-utils']) {
    fail('@backstage/backend-test-utils is a runtime dependency');
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (dep.startsWith('@dora-metrics/') && !packed.has(dep)) {
      fail(`depends on ${dep}, which npm run pack does not write`);
    }
  }
  if (problems.length === before) {
    console.log(`ok ${tarball} (${files.size} files)`);
  }
}

if (problems.length) {
  console.error(
    `\nThe tarballs in dist-packs/ are not right:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `\nAll ${sources.length} tarballs hold dist/, their config schema and migrations, and no sources or tests.`,
);

function tar(...args) {
  return execFileSync('tar', args, { encoding: 'utf8' });
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// The file paths an `exports` map names, at any depth of conditions; the
// `backstage` condition names a feature type, not a file.
function targets(exports) {
  if (!exports) return [];
  if (typeof exports === 'string') return [exports];
  return Object.entries(exports)
    .filter(([condition]) => condition !== 'backstage')
    .flatMap(([, target]) => targets(target));
}
