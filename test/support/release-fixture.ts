/**
 * The committed workflow bundle of an older release (scripts/release-bundle.ts made it): 9bb793f,
 * the release just before `patched('attestation-activity')` (d20b458). Its workers check an operator
 * message's attestation with a local activity; this build's, in a new history, with an activity.
 */
import path from 'node:path';
import { readWorkflowBundle } from '../../workers/release-bundle';

export const PREVIOUS_RELEASE = { commit: '9bb793f', file: path.resolve(__dirname, '../fixtures/releases/workflows@9bb793f.js.gz') };

export const previousReleaseBundle = () => readWorkflowBundle(PREVIOUS_RELEASE.file);
