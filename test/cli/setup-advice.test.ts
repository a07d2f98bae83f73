/** `golive setup` on Temporal Cloud: a refused AddSearchAttributes says to use the Cloud ops API / tcld, with the command. */
import { cloudAdvice } from '../../cli/commands/setup';
import type { TemporalConfig } from '../../workers/temporal-config';

/** What grpc-js throws: an Error with a status code, details and metadata. */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const config = (address: string): TemporalConfig => ({ address, namespace: 'ops.a1b2c', taskQueue: 'golive' });

test('a permission refusal (or any server error from a Cloud address) names tcld and every attribute', () => {
  const advice = cloudAdvice(config('temporal.internal:7233'), grpcError(7, 'Request unauthorized.'));
  expect(advice).toContain('tcld namespace search-attributes add -n ops.a1b2c');
  for (const name of ['GolivePlan', 'GoliveState', 'GoliveMode', 'GolivePhase', 'GolivePlanHash']) expect(advice).toContain(`--sa '${name}=Keyword'`);
  expect(cloudAdvice(config('ops.a1b2c.tmprl.cloud:7233'), grpcError(3, 'invalid'))).toMatch(/Cloud ops API/);
  expect(cloudAdvice(config('temporal.internal:7233'), grpcError(12, 'unimplemented'))).toMatch(/tcld/);
});

test('a self-hosted server error or a type conflict gets no Cloud advice', () => {
  expect(cloudAdvice(config('temporal.internal:7233'), grpcError(3, 'invalid'))).toBeNull();
  expect(cloudAdvice(config('ops.a1b2c.tmprl.cloud:7233'), new Error('search attribute GolivePhase exists on namespace ops with type INDEXED_VALUE_TYPE_TEXT'))).toBeNull();
});
