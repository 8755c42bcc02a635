#!/usr/bin/env bash
# Release readiness, on a checkout after `npm install` (Node 22 on PATH):
# the tarballs `npm run pack` writes and what they hold, the API and schema
# reports up to date, the changesets valid, `npm publish --dry-run` passing
# for each package, and the working tree left as it was.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Each step's heading says how long the run has taken so far.
step() { echo; echo "=== $* (at ${SECONDS}s) ==="; }

tree_before="$(git status --porcelain)"

step "npm run pack"
npm run pack

step "tarball contents"
npm run check:packs

step "API reports (report*.api.md) up to date"
npm run build:api-reports -- --ci

step "SQL reports (report.sql.md) up to date"
npm run build:sql-reports -- --ci

step "changesets"
npx changeset status

step "npm publish --dry-run"
for dir in plugins/*/; do
  (cd "$dir" && npm publish --dry-run --loglevel warn)
done

step "working tree unchanged"
if [ "$(git status --porcelain)" != "$tree_before" ]; then
  echo "The checks changed the working tree (postpack or a report?):" >&2
  git status --short >&2
  exit 1
fi

step "packages ready"
