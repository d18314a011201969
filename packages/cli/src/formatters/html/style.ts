/**
 * The report's stylesheet (inline: the page is standalone). The page is the only scroller: no ancestor of
 * the matrix clips or scrolls, so that its header row sticks to the top of the window while the rows scroll
 * by (a scrolling wrapper would make the header stick to the wrapper instead and scroll away with the page).
 */
export const CSS = `
:root { color-scheme: light; --err: #b3261e; --warn: #8a5a00; --info: #1d4f91; --ok: #1e6b34; --line: #d8dbe0; --muted: #5f6670; --head: 2.4em; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans JP", sans-serif; margin: 0; color: #1d2024; background: #f6f7f9; }
header.page { background: #1f2d3d; color: #fff; padding: 20px 32px; }
header.page h1 { margin: 0 0 4px; font-size: 22px; }
header.page p { margin: 0; color: #c9d3de; font-size: 13px; }
main { padding: 16px 32px 48px; max-width: 1500px; }
section.file { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 24px; margin: 16px 0 28px; }
h2 { font-size: 19px; margin: 4px 0 12px; }
h3 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h4 { font-size: 14px; margin: 14px 0 4px; }
h4 .to-row { font-size: 12px; font-weight: normal; margin-left: 8px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.explain { font-size: 13px; margin: 4px 0 10px; max-width: 980px; }
.explain dt { font-weight: 600; display: inline; }
.explain dd { display: inline; margin: 0; }
.explain dd::after { content: ""; display: block; margin-bottom: 2px; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 8px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; min-width: 110px; background: #fafbfc; }
.totals li a { color: inherit; text-decoration: none; display: block; }
.totals .n { display: block; font-size: 22px; font-weight: 700; }
.totals .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.totals .errors .n, .totals .unreported .n.some { color: var(--err); } .totals .warnings .n { color: var(--warn); } .totals .infos .n { color: var(--info); }
.totals .matrix-count { border-style: dashed; }
.clean { color: var(--ok); font-weight: 600; }
ul.findings { list-style: none; margin: 0 0 8px; padding: 0; }
ul.findings li { display: grid; grid-template-columns: 70px 72px 1fr auto; gap: 10px; padding: 4px 6px; border-bottom: 1px solid #eef0f3; align-items: baseline; }
.loc { white-space: nowrap; font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 13px; color: var(--muted); }
.sev { font-size: 11px; font-weight: 700; text-transform: uppercase; border-radius: 4px; padding: 1px 6px; text-align: center; }
.sev.error { background: #fbe9e7; color: var(--err); } .sev.warning { background: #fff4d6; color: var(--warn); } .sev.info { background: #e7f0fb; color: var(--info); }
.rule { font-family: ui-monospace, Menlo, monospace; font-size: 12px; }
.rule a { color: var(--info); }
.msg .fixable { font-size: 11px; color: var(--ok); margin-left: 6px; }
h4[id], tr[id] { scroll-margin-top: calc(var(--head) + 8px); }
table.matrix { border-collapse: separate; border-spacing: 0; font-size: 13px; margin: 8px 0; }
table.matrix th, table.matrix td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 3px 6px; }
table.matrix tr > :first-child { border-left: 1px solid var(--line); }
table.matrix thead th { background: #eef1f5; position: sticky; top: 0; z-index: 2; font-size: 12px; height: var(--head); border-top: 1px solid var(--line); box-shadow: 0 2px 3px rgba(0, 0, 0, .08); }
table.matrix th.measure { text-align: left; font-weight: normal; max-width: 520px; }
table.matrix th.measure .id { font-family: ui-monospace, Menlo, monospace; font-weight: 600; margin-right: 4px; }
table.matrix th.measure a.findings-link { font-size: 11px; margin-left: 6px; white-space: nowrap; color: var(--err); }
table.matrix th.measure a.findings-link.quiet { color: var(--info); }
table.matrix tr.section th { background: #f3f5f8; text-align: left; font-weight: 600; }
table.matrix tr.unreported th.measure { box-shadow: inset 4px 0 0 var(--err); }
table.matrix td { text-align: center; min-width: 58px; white-space: nowrap; }
.responsible-reported { background: #e3f3e7; color: var(--ok); }
.missing { background: #fbe3e0; color: var(--err); font-weight: 700; }
.by-another { background: #f4f1e6; color: #5c4a12; }
.reported-only { background: #eef3fb; color: var(--info); }
.responsible { background: #f1f4f8; color: #1d2024; }
.swatch { display: inline-block; padding: 0 6px; border-radius: 3px; margin-right: 4px; }
footer { color: var(--muted); font-size: 12px; padding: 0 32px 24px; }
@media print { body { background: #fff; } header.page { background: #fff; color: #000; border-bottom: 2px solid #000; } header.page p { color: #333; } section.file { border: none; padding: 0; } table.matrix thead th { position: static; } }
`;
