/** The HTML report's stylesheet, inlined: the report is one file that opens offline and prints. */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2430; margin: 24px auto; max-width: 1180px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d5dbe3; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.state { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; background: #e3e8ef; }
.state-rolled-back, .state-failed, .state-no-go { background: #fde2e1; color: #8a1c17; } .state-completed { background: #dff3e3; color: #1b5e20; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; } dl.facts dt { font-weight: 600; color: #4a5565; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12.5px; } th, td { border: 1px solid #d5dbe3; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; white-space: pre-line; }
th { background: #f2f4f7; white-space: nowrap; } .table { overflow-x: auto; } .ts { white-space: nowrap; color: #6b7685; font-size: 11px; } td.empty { color: #6b7685; font-style: italic; border: 0; }
.figure { overflow-x: auto; } .charts { display: flex; flex-wrap: wrap; gap: 12px; } .chart { border: 1px solid #e1e6ec; padding: 4px; } .chart figcaption { font-size: 12px; color: #4a5565; }
svg text { font: 11px system-ui, sans-serif; fill: #1d2430; } svg .tick line { stroke: #eef1f4; } svg .tick text, svg text.tick { fill: #6b7685; }
svg .phase-band { fill: #eef2f8; } svg .phase-label { font-weight: 600; } svg .not-run { fill: #8a94a3; font-style: italic; }
svg .planned { fill: none; stroke: #7a8699; stroke-dasharray: 3 2; }
svg .bar.forward { fill: #3b7dd8; } svg .bar.state-succeeded.forward { fill: #2e8b57; } svg .bar.state-failed, svg .bar.state-compensation-failed { fill: #c62828; }
svg .bar.state-skipped { fill: #b0b8c4; } svg .bar.state-compensated.forward { fill: #8fbf9f; }
svg .bar.rollback { fill: #7b3fa0; } svg .bar.rollback.state-skipped { fill: #cbb5da; } svg .bar.compensation { fill: #ef8a17; }
svg .marker line { stroke-width: 1; stroke-dasharray: 2 2; } svg .marker-gate line, svg .marker-gate path { stroke: #8a6d00; fill: #f4c430; }
svg .marker-decision line { stroke: #1d2430; } svg .marker-decision path { fill: #1d2430; } svg .marker-rollback line { stroke: #c62828; stroke-width: 2; stroke-dasharray: none; } svg .marker-rollback path { fill: #c62828; }
svg .axis { stroke: #8a94a3; } svg .values { fill: none; stroke: #3b7dd8; stroke-width: 1.5; }
svg .limit { fill: none; stroke: #c62828; stroke-dasharray: 5 3; } svg .limit-min { stroke: #8a4fff; } svg .limit-label { fill: #c62828; font-size: 10px; }
svg .point.verdict-ok { fill: #2e8b57; } svg .point.verdict-breach { fill: #c62828; } svg .point.verdict-inconclusive { fill: #fff; stroke: #8a94a3; stroke-width: 1.5; }
footer { margin-top: 32px; color: #6b7685; font-size: 12px; }
@media print { body { margin: 0; max-width: none; } .figure { overflow: visible; } }
`;
