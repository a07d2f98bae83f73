/**
 * The cursor of `GET /cutovers`: Temporal's nextPageToken, base64url, with a short checksum. Temporal
 * does not reject a garbled page token as bad input (the dev server answers UNKNOWN "something went
 * wrong, please retry", which the client retries for seconds before a 500), so the API checks the
 * cursor itself and answers 422 at once. The checksum detects mistakes (truncated, mistyped, made-up
 * cursors); it is no signature, and the token stays as opaque as Temporal made it.
 */
import { createHash } from 'node:crypto';

const CHECK_BYTES = 6;

function check(token: Uint8Array): Buffer {
  return createHash('sha256').update(token).digest().subarray(0, CHECK_BYTES);
}

export function cursorOf(pageToken: Uint8Array): string {
  return Buffer.concat([pageToken, check(pageToken)]).toString('base64url');
}

/** The page token inside `cursor`, or undefined when it is not a cursor this API gave out. */
export function pageTokenOf(cursor: string): Buffer | undefined {
  const bytes = Buffer.from(cursor, 'base64url');
  // Buffer skips characters that are not base64url: only an exact round trip is the cursor we wrote.
  if (bytes.length <= CHECK_BYTES || bytes.toString('base64url') !== cursor) return undefined;
  const token = bytes.subarray(0, bytes.length - CHECK_BYTES);
  return check(token).equals(bytes.subarray(bytes.length - CHECK_BYTES)) ? token : undefined;
}
