#!/usr/bin/env node
// Run after `npm install` changes package-lock.json: `node scripts/complete-lockfile.mjs`.
// The registry this project is built against serves only the Linux builds of packages with
// per-platform binaries (@swc/core-*, @unrs/resolver-binding-*), so npm leaves the other
// platforms out of the lock and `npm ci` then refuses the lock as out of sync. Listing them
// as optional entries keeps `npm ci` working here; a machine that needs one still fetches it.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = { version, optional: true };
    added.push(name);
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added.length} optional platform entries to ${file}`);
