/**
 * The API's Temporal connection, closed only after the calls in flight have ended. The client
 * retries some failures after a pause (RESOURCE_EXHAUSTED, e.g. "consistent query buffer is full",
 * waits a second); closing the connection during that pause made the retry throw "Channel has been
 * shut down" from a timer, outside any request: an uncaught exception at every such shutdown.
 * A counting interceptor, outside the SDK's retry interceptor, sees each call from its start to
 * its final status, retries included.
 */
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

export interface DrainedConnection {
  connection: Connection;
  /** Waits until no call is in flight (at most `graceMs`), then closes the connection. */
  close(graceMs: number): Promise<void>;
}

export async function connectDrained(options: ConnectionOptions): Promise<DrainedConnection> {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const ended = () => {
    inFlight -= 1;
    if (inFlight === 0) drained?.();
  };
  const counting: Interceptor = (callOptions, nextCall) =>
    new InterceptingCall(nextCall(callOptions), {
      // The downstream listener is reached through `next`'s chaining.
      start(metadata, _listener, next) {
        inFlight += 1;
        let done = false;
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            if (!done) {
              done = true;
              ended();
            }
            nextStatus(status);
          },
        });
      },
    });
  const connection = await Connection.connect({ ...options, interceptors: [counting, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())] });
  return {
    connection,
    async close(graceMs) {
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      await connection.close();
    },
  };
}
