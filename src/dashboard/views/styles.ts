/** The dashboard's whole stylesheet, inlined: the emulator serves no assets and fetches none. */
export const STYLES = `
:root{--bg:#f6f7f9;--card:#fff;--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--accent:#4f46e5;--accent-ink:#fff;
--ok:#047857;--ok-bg:#d1fae5;--warn:#b45309;--warn-bg:#fef3c7;--bad:#b91c1c;--bad-bg:#fee2e2;--info:#1d4ed8;--info-bg:#dbeafe;--off:#4b5563;--off-bg:#e5e7eb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:4px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:10}
header.top{background:#111827;color:#e5e7eb;display:flex;align-items:center;gap:24px;padding:10px 24px;flex-wrap:wrap}
header.top .brand{font-weight:700;color:#fff;letter-spacing:.2px}
header.top nav{display:flex;gap:4px}
header.top nav a{color:#d1d5db;padding:6px 10px;border-radius:6px}
header.top nav a[aria-current=page]{background:#374151;color:#fff}
header.top nav a:hover{text-decoration:none;background:#1f2937}
header.top .spacer{flex:1}
header.top .tenant{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:#9ca3af}
.live{position:fixed;left:14px;bottom:12px;font-size:12px;color:var(--muted);display:inline-flex;align-items:center;gap:6px;background:#fff;border:1px solid var(--line);border-radius:999px;padding:2px 10px}
.live::before{content:"";width:8px;height:8px;border-radius:50%;background:#6b7280}
.live.on{color:var(--ok)}.live.on::before{background:#10b981}
.bar{display:flex;align-items:center;gap:12px;flex-wrap:wrap;padding:10px 24px;background:#fff;border-bottom:1px solid var(--line)}
.bar .clock{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
main{max-width:1200px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:20px;margin:4px 0 16px}h2{font-size:15px;margin:0 0 12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:18px;min-width:0;overflow-x:auto}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,360px),1fr));gap:18px}
.grid>*{min-width:0}
@media (min-width:1000px){.grid.split{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}}
time{white-space:nowrap}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
tr:last-child td{border-bottom:0}
.mono,code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace}
.muted{color:var(--muted)}
.empty{color:var(--muted);padding:12px 0}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap;background:var(--off-bg);color:var(--off)}
.s-connected,.s-success,.s-active,.s-delivered,.s-completed,.s-verified{background:var(--ok-bg);color:var(--ok)}
.s-connecting,.s-pending,.s-retrying,.s-running,.s-queued,.s-unverified,.s-canceling,.s-completing{background:var(--info-bg);color:var(--info)}
.s-interaction_required,.s-review_required{background:var(--warn-bg);color:var(--warn)}
.s-invalid,.s-failure,.s-failed,.s-inactive{background:var(--bad-bg);color:var(--bad)}
button,.btn{font:inherit;border:1px solid var(--line);background:#fff;color:var(--ink);padding:6px 12px;border-radius:7px;cursor:pointer}
button:hover{border-color:#c7cbd1}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-ink)}
button.danger{color:var(--bad)}
input,select{font:inherit;padding:6px 9px;border:1px solid #d1d5db;border-radius:7px;background:#fff;min-width:0}
label{font-size:13px;font-weight:600;display:block;margin-bottom:4px}
form.inline{display:inline-flex;gap:6px;align-items:center;margin:0}
form.inline label{margin:0}
.field{margin-bottom:12px}
.prompt{border-left:3px solid var(--warn);background:#fffbeb;padding:12px 14px;border-radius:8px}
.hint{font-size:12px;color:var(--muted);margin-top:4px}
ol.timeline{list-style:none;margin:0;padding:0 0 0 6px}
ol.timeline li{position:relative;padding:0 0 14px 22px;border-left:2px solid var(--line)}
ol.timeline li:last-child{border-left-color:transparent}
ol.timeline li::before{content:"";position:absolute;left:-7px;top:3px;width:12px;height:12px;border-radius:50%;background:#fff;border:2px solid var(--accent)}
ol.timeline time{display:block;font-size:12px;color:var(--muted)}
pre{background:#0f172a;color:#e2e8f0;padding:12px 14px;border-radius:8px;overflow:auto;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;margin:8px 0 0}
details>summary{cursor:pointer;color:var(--muted);font-size:13px}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
#toast{position:fixed;right:20px;bottom:20px;max-width:420px;padding:10px 14px;border-radius:8px;background:#111827;color:#fff;box-shadow:0 6px 24px rgba(0,0,0,.2);opacity:0;transition:opacity .2s;pointer-events:none}
#toast.show{opacity:1}#toast.error{background:var(--bad)}
.login{max-width:460px;margin:80px auto}
`
