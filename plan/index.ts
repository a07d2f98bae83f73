/**
 * The plan package: schema, validation, analysis and rendering, all pure — safe for Temporal workflow
 * code. File loading lives in plan/load.ts and is deliberately not exported here.
 */
export * from './schema';
export * from './duration';
export * from './errors';
export * from './graph';
export * from './analyze';
export * from './render';
export * from './limits';
export * from './params';
export * from './procedures';
