/**
 * HTTP/1.1 over a bare socket, for hostile requests that fetch() and node:http refuse to send:
 * any bytes in the path and in header values, headers far over Node's limit, a body that does not
 * match its content type. One request per connection; the answer is read until the server closes.
 */
import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** Sent as is, after the method: the caller encodes (or deliberately does not). */
  target: string;
  headers: [name: string, value: string][];
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const eol = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (eol < 0 || !(size > 0)) return Buffer.concat(parts);
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

function parse(all: Buffer): RawResponse {
  // Interim answers (100 Continue to an Expect header) come before the real one.
  let raw = all;
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(0, 13).toString('latin1'))) raw = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete HTTP answer: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(end + 4);
  return { status, headers, text: (headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body).toString('utf8') };
}

/** Sends `req` to host:port and resolves with the parsed answer. */
export function rawRequest(host: string, port: number, req: RawRequest): Promise<RawResponse> {
  const body = Buffer.from(req.body ?? '', 'utf8');
  const head = [`${req.method} ${req.target} HTTP/1.1`, `host: ${host}:${port}`, 'connection: close', ...req.headers.map(([n, v]) => `${n}: ${v}`)];
  if (req.body !== undefined) head.push(`content-length: ${body.length}`);
  const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Written, not ended: a half-closed socket makes Node drop a request still being answered.
    const socket = connect(port, host, () => socket.write(bytes));
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer within 30 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may answer (431, 413) and close before it has read everything: that is an answer.
    socket.on('error', (err: NodeJS.ErrnoException) => (chunks.length > 0 && err.code === 'ECONNRESET' ? undefined : reject(err)));
    socket.on('close', () => {
      try {
        resolve(parse(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    });
  });
}
