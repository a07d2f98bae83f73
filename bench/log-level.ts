/** Imported first by main.ts: golive's logger reads its level at load time; the bench keeps it quiet. */
process.env.GOLIVE_LOG_LEVEL ??= 'warn';

export {};
