// The report's stylesheet, one string for both the print page and the pack's
// PDF (which renders outside Next.js, where CSS modules do not exist).
export const REPORT_CSS = `
.rpt { max-width: 1000px; margin: 0 auto; padding: 16px; font-variant-numeric: tabular-nums; color: #111; }
.rpt-toolbar { display: flex; justify-content: flex-end; margin-bottom: 8px; }
.rpt-toolbar button { font: inherit; padding: 6px 14px; border: 1px solid #bbb; border-radius: 6px; background: #fff; cursor: pointer; }
.rpt-frame { width: 100%; border-collapse: collapse; }
.rpt-frame > thead > tr > td, .rpt-frame > tbody > tr > td { padding: 0; border: 0; vertical-align: top; }
.rpt-running { display: none; }
.rpt h1 { font-size: 1.5em; margin: 0 0 4px; }
.rpt h2 { margin: 16px 0 6px; font-size: 1.15em; }
.rpt h3 { margin: 8px 0 4px; font-size: 1em; }
.rpt-meta { color: #444; margin: 0 0 4px; }
.rpt-podium { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; list-style: none; padding: 0; margin: 0; align-items: end; }
.rpt-step { border: 2px solid #999; border-radius: 8px; padding: 10px; break-inside: avoid; }
.rpt-p1 { border-color: #c9a227; padding-top: 24px; border-width: 3px; }
.rpt-p2 { border-color: #9aa3ad; }
.rpt-p3 { border-color: #b0713a; border-style: dashed; }
.rpt-place { font-size: 0.85em; color: #444; }
.rpt-podium-name { font-weight: 600; font-size: 1.1em; }
.rpt-podium-score { margin: 4px 0; }
.rpt-podium-reason { font-size: 0.9em; }
.rpt-note { font-size: 0.9em; margin: 8px 0 0; }
.rpt-movers { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; font-size: 0.92em; }
.rpt-movers ul { padding-left: 18px; margin: 0; }
.rpt-movers p { margin: 0; }
.rpt-table { width: 100%; border-collapse: collapse; font-size: 0.88em; }
.rpt-table th, .rpt-table td { border-bottom: 1px solid #ddd; padding: 2px 5px; text-align: left; vertical-align: top; }
.rpt-table th { vertical-align: bottom; border-bottom: 1px solid #888; }
.rpt-table .num { text-align: right; white-space: nowrap; }
.rpt-table thead { display: table-header-group; }
.rpt-table tr { break-inside: avoid; }
.rpt-keep { break-inside: avoid; }
.rpt-keep-next { break-after: avoid; }
.rpt-unit { display: block; font-weight: normal; font-size: 0.85em; color: #444; white-space: normal; }
.rpt-small { font-size: 0.8em; }
.rpt-table td:nth-child(2) { min-width: 12em; }
.rpt-muted { color: #444; font-size: 0.9em; }
.rpt-block { break-inside: avoid; }
.rpt-flags { font-size: 0.9em; }
.rpt-footnote { font-size: 0.85em; }

@media (max-width: 640px) {
  .rpt-podium, .rpt-movers { grid-template-columns: 1fr; }
  /* A fixed layout keeps the frame (the table that repeats the running header) to the
     screen's width, so the wide tables scroll inside their own box on a phone. */
  .rpt-frame { table-layout: fixed; }
  .rpt-table { display: block; overflow-x: auto; }
}

@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  .rpt { max-width: none; padding: 0; font-size: 9.5pt; }
  .rpt-toolbar { display: none; }
  .rpt-running {
    display: flex; justify-content: space-between; gap: 12px;
    font-size: 8pt; color: #333; border-bottom: 0.5pt solid #999; padding-bottom: 1.5mm; margin-bottom: 3mm;
  }
  .rpt-step { border-color: #000; }
  .rpt-p2 { border-style: double; }
  .rpt h2 { margin-top: 10px; }
}
`;
