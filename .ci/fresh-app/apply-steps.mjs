// Applies the steps of docs/getting-started.md to a freshly created app, as a
// reader would: each code block marked `<!-- fresh-app: {...} -->` is used
// exactly as written.
//
//   node apply-steps.mjs <doc> <appDir> <next|legacy> <setup|after-start>
//
// Marker fields: run ("app": run the sh block in the app; a last line
// `# <json>` is the JSON it must print), create, merge-yaml, remove,
// insert (with top, or before [+ from, all]); legacy / next limit a block to
// one frontend system; after-start runs it once the app is up.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [docPath, appDir, system, phase] = process.argv.slice(2);
if (
  !['next', 'legacy'].includes(system) ||
  !['setup', 'after-start'].includes(phase)
) {
  throw new Error(
    'usage: apply-steps.mjs <doc> <appDir> <next|legacy> <setup|after-start>',
  );
}

/** The marked blocks of the page, in order: { marker, lang, text, line }. */
function markedBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^<!-- fresh-app: (.*) -->$/);
    if (!m) continue;
    // The fence follows, after at most one blank line (prettier adds one).
    const at = lines[i + 1] === '' ? i + 2 : i + 1;
    const fence = lines[at]?.match(/^```(\w*)$/);
    if (!fence)
      throw new Error(
        `line ${i + 1}: a fresh-app marker must precede a code fence`,
      );
    const end = lines.indexOf('```', at + 1);
    if (end < 0) throw new Error(`line ${at + 1}: unclosed code block`);
    blocks.push({
      marker: JSON.parse(m[1]),
      lang: fence[1],
      text: lines.slice(at + 1, end).join('\n') + '\n',
      line: i + 1,
    });
  }
  return blocks;
}

const inApp = file => path.join(appDir, file);
const read = file => fs.readFileSync(inApp(file), 'utf8');
const write = (file, text) => fs.writeFileSync(inApp(file), text);

function run(text) {
  const out = execFileSync('bash', ['-euo', 'pipefail', '-c', text], {
    cwd: appDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  const expected = text
    .trimEnd()
    .split('\n')
    .pop()
    .match(/^# (.*)$/);
  if (expected)
    assert.deepEqual(
      JSON.parse(out),
      JSON.parse(expected[1]),
      'the output the page shows',
    );
}

/** Inserts the block before an anchor line, indented like it (one level deeper before a closing tag). */
function insert(file, { top, before, from, all }, text) {
  const lines = read(file).split('\n');
  const block = text.trimEnd().split('\n');
  if (top) {
    write(file, [...block, ...lines].join('\n'));
    return;
  }
  let start = 0;
  if (from) {
    start = lines.findIndex(l => l.includes(from));
    if (start < 0) throw new Error(`${file}: no line with ${from}`);
  }
  const hits = [];
  for (let i = start; i < lines.length; i++) {
    if (lines[i].trim().startsWith(before)) {
      hits.push(i);
      if (!all) break;
    }
  }
  if (!hits.length) throw new Error(`${file}: no line starting with ${before}`);
  for (const i of hits.reverse()) {
    const indent =
      lines[i].match(/^\s*/)[0] + (before.startsWith('</') ? '  ' : '');
    lines.splice(i, 0, ...block.map(l => (l ? indent + l : l)));
  }
  write(file, lines.join('\n'));
}

function remove(file, text) {
  const content = read(file);
  if (!content.includes(text))
    throw new Error(`${file} does not contain:\n${text}`);
  write(file, content.replace(text, ''));
}

/** Deep-merges the block into a YAML file, keeping the file's comments. */
function mergeYaml(file, text) {
  const YAML = createRequire(inApp('package.json'))('yaml');
  const doc = YAML.parseDocument(read(file));
  const walk = (value, at) => {
    for (const [key, child] of Object.entries(value)) {
      const here = [...at, key];
      const isMap = child && typeof child === 'object' && !Array.isArray(child);
      if (isMap && YAML.isMap(doc.getIn(here, true))) walk(child, here);
      else doc.setIn(here, doc.createNode(child));
    }
  };
  walk(YAML.parse(text), []);
  write(file, doc.toString({ flowCollectionPadding: false }));
}

const docText = fs.readFileSync(docPath, 'utf8');
let applied = 0;
for (const { marker, text, line } of markedBlocks(docText)) {
  if (
    (marker.legacy && system !== 'legacy') ||
    (marker.next && system !== 'next')
  )
    continue;
  if (Boolean(marker['after-start']) !== (phase === 'after-start')) continue;
  const what = Object.entries(marker).map(
    ([k, v]) => `${k}=${JSON.stringify(v)}`,
  );
  console.log(`--- ${path.basename(docPath)}:${line} ${what.join(' ')}`);
  if (marker.run === 'app') run(text);
  else if (marker.create) {
    fs.mkdirSync(path.dirname(inApp(marker.create)), { recursive: true });
    write(marker.create, text);
  } else if (marker['merge-yaml']) mergeYaml(marker['merge-yaml'], text);
  else if (marker.remove) remove(marker.remove, text);
  else if (marker.insert) insert(marker.insert, marker, text);
  else throw new Error(`line ${line}: unknown fresh-app marker`);
  applied++;
}
if (!applied) throw new Error(`no ${phase} steps for ${system} in ${docPath}`);
console.log(
  `applied ${applied} ${phase} steps of ${path.basename(docPath)} (${system})`,
);
