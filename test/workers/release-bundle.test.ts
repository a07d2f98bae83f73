/**
 * The committed release bundle (test/fixtures/releases, made by scripts/release-bundle.ts) is what
 * its note says it is, stays small, and loads as a worker's `workflowBundle: { code }` would.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ReleaseBundleNote } from '../../scripts/release-bundle';
import { PREVIOUS_RELEASE, previousReleaseBundle } from '../support/release-fixture';

const note = JSON.parse(readFileSync(PREVIOUS_RELEASE.file.replace(/\.js\.gz$/, '.json'), 'utf8')) as ReleaseBundleNote;

test("the note names the bundle's commit, and the gzipped code is the code it describes", () => {
  expect(note.commit.startsWith(PREVIOUS_RELEASE.commit)).toBe(true);
  const { code } = previousReleaseBundle();
  expect(createHash('sha256').update(code).digest('hex')).toBe(note.sha256);
  expect(Buffer.byteLength(code)).toBe(note.bytes);
  expect(statSync(PREVIOUS_RELEASE.file).size).toBe(note.gzipBytes);
});

test('it stays well under 500 KB: no inline source map of the sources, only the empty one Worker.create needs', () => {
  expect(note.gzipBytes).toBeLessThan(500 * 1024);
  const { code } = previousReleaseBundle();
  const maps = [...code.matchAll(/\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)/g)].map((m) => m[1] ?? '');
  expect(maps).toHaveLength(1);
  expect(JSON.parse(Buffer.from(maps[0] ?? '', 'base64').toString())).toMatchObject({ sources: [], mappings: '' });
});
