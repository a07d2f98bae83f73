/** Duck-typed: errors thrown by Node internals (fetch) may come from another realm than `Error`. */
export function asError(value: unknown): Error | undefined {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' ? (value as Error) : undefined;
}
