"""The report's stylesheet, inlined in the page: system fonts, no image or font loaded from anywhere.

Colours meet WCAG 2.1 AA (the tests compute the ratios): text on every shade at least 11:1,
badges' white text at least 7:1, underline colours at least 4.5:1 on every shade, and a 3 px
focus ring.
"""

CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --paper: #fdfdfb; --rule: #767676;
  --error: #a3001b; --warning: #7a4100; --info: #1f57a0; --focus: #1f57a0;
  --b0: transparent; --b1: #fff1b8; --b2: #ffd8a8; --b3: #ffc4c4; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header, main { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1rem; border-bottom: 1px solid var(--rule); }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 .25rem; overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; }
a { color: #0b4f9c; }
a:focus-visible, mark.f:focus-visible, .note:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 20; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.summary { color: var(--muted); margin-top: 0; }
.problem { border-left: 4px solid var(--error); padding: .5rem 1rem; background: #fff; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #d0d0d0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
.index table { width: 100%; }
.layout { display: grid; grid-template-columns: minmax(0, 44rem) 19rem; gap: 2.5rem; align-items: start; }
@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
.text { max-width: 44rem; }
.text p, .text li { margin: 0 0 1rem; }
.text .cell { margin-left: 1rem; font-size: .95rem; }
.text .cell::before { content: "table cell: "; color: var(--muted); font-size: .8rem; }
blockquote { margin: 0 0 1rem; padding-left: 1rem; border-left: 3px solid var(--rule); }
.noted { border-left: 4px double var(--rule); padding-left: .75rem; }
.s { border-radius: 2px; padding: .1em 0; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.b0 { background: var(--b0); } .b1 { background: var(--b1); } .b2 { background: var(--b2); } .b3 { background: var(--b3); }
.g { font-size: .68em; vertical-align: .45em; margin-left: .2em; padding: 0 .25em; color: var(--ink);
  border: 1px solid var(--rule); border-radius: 3px; background: #fff; }
mark.f { background: none; color: inherit; position: relative; text-decoration-line: underline;
  text-decoration-thickness: 2px; text-underline-offset: .22em; text-decoration-skip-ink: none; }
mark.f[tabindex] { cursor: help; }
mark.error { text-decoration-style: double; text-decoration-color: var(--error); text-decoration-thickness: 3px; }
mark.warning { text-decoration-style: wavy; text-decoration-color: var(--warning); }
mark.info { text-decoration-style: dotted; text-decoration-color: var(--info); text-decoration-thickness: 3px; }
mark.f[data-tip]:hover:not(:has(mark.f:hover))::after, mark.f[data-tip]:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: 1.7em; z-index: 10; width: max-content; max-width: 26rem;
  background: #1b1b1b; color: #fff; padding: .45rem .65rem; border-radius: 4px; font-size: .85rem; line-height: 1.4;
  font-weight: normal; white-space: normal; text-decoration: none; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.note { display: block; margin: 0 0 .35rem; font-size: .85rem; color: var(--ink); }
.sev { display: inline-block; min-width: 4.6em; font-size: .75rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .03em; padding: 0 .35em; border-radius: 3px; color: #fff; text-align: center; }
.sev.error, .note.error .sev { background: var(--error); }
.sev.warning, .note.warning .sev { background: var(--warning); }
.sev.info, .note.info .sev { background: var(--info); }
.panel { position: sticky; top: 1rem; border: 1px solid #d0d0d0; border-radius: 6px; padding: .25rem 1rem 1rem;
  background: #fff; font-size: .92rem; }
.panel h3 { margin-bottom: .5rem; }
.panel h4 { margin: 1rem 0 .25rem; font-size: .95rem; }
.panel dl { display: grid; grid-template-columns: auto 1fr; gap: .15rem .75rem; margin: 0; }
.panel dt { color: var(--muted); } .panel dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
.grades { width: 100%; margin-top: .75rem; } .grades tr.chosen th, .grades tr.chosen td { font-weight: 700; }
.legend { list-style: none; padding: 0; margin: .25rem 0; } .legend li { margin: .2rem 0; }
.findings { max-width: 64rem; } .findings ol { padding-left: 1.5rem; } .findings li { margin: .35rem 0; }
.findings .rule { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
.clean { color: var(--muted); }
"""
