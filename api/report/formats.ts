/** The formats a run report is rendered in (API `format`, CLI `--format`). */
export const reportFormats = ['md', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];
