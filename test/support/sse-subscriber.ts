/** A test's Server-Sent Events subscriber: collects every message (heartbeats too) until closed. */
import { sseMessages, type SseMessage } from '../../cli/sse-events';

export interface SseSubscriber {
  status: number;
  messages: SseMessage[];
  /** Raw text received, heartbeats included. */
  raw: () => string;
  /** Resolves when the server closed the stream. */
  closed: Promise<void>;
  waitFor(done: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<SseMessage[]>;
  close(): void;
}

export async function subscribe(url: string, headers: Record<string, string> = {}): Promise<SseSubscriber> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  let raw = '';
  const decoder = new TextDecoder();
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        raw += decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
      },
    }),
  );
  const closed = (async () => {
    try {
      for await (const message of sseMessages(body)) messages.push(message);
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    messages,
    raw: () => raw,
    closed,
    async waitFor(done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(messages)) {
        if (Date.now() > deadline) throw new Error(`SSE condition not met in ${timeoutMs} ms; got ${messages.map((m) => m.event).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return messages;
    },
    close: () => abort.abort(),
  };
}
