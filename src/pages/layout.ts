/** HTML-escapes text for element content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** A tagged template whose `${}` values are escaped unless wrapped in `raw()`. */
export interface Raw {
  readonly html: string
}
export const raw = (html: string): Raw => ({ html })
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    const part = Array.isArray(value) ? value.map((v) => (isRaw(v) ? v.html : esc(v))).join('') : isRaw(value) ? value.html : esc(value ?? '')
    out += part + (strings[i + 1] ?? '')
  })
  return raw(out)
}
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && 'html' in v

// Inline on purpose: the fake sites must work offline and in CI, with nothing fetched.
const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef1f6;color:#1d2433}
header{background:#1f3a68;color:#fff;padding:14px 24px;display:flex;align-items:center;gap:10px}
header .logo{width:28px;height:28px;border-radius:7px;background:#f5b83d;color:#1f3a68;font-weight:800;display:grid;place-items:center}
header b{font-size:17px}header small{opacity:.7;margin-left:auto}
main{max-width:420px;margin:48px auto;padding:0 16px}
.card{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(20,30,60,.12);padding:28px}
h1{font-size:21px;margin:0 0 6px}p.lead{margin:0 0 20px;color:#56607a}
label{display:block;font-weight:600;margin:14px 0 6px}
input,select{width:100%;padding:10px 12px;border:1px solid #c4cbd9;border-radius:8px;font:inherit;background:#fff}
input:focus,select:focus{outline:2px solid #3d7be0;border-color:#3d7be0}
button{margin-top:20px;width:100%;padding:11px;border:0;border-radius:8px;background:#2b5cb8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#234c99}
.note{margin:14px 0 0;padding:10px 12px;border-radius:8px;font-size:14px}
.warn{background:#fff4e0;color:#7a4a00}.bad{background:#fde8e8;color:#8a1c1c}.good{background:#e5f6ea;color:#1b5e2e}
.icon{width:44px;height:44px;border-radius:50%;display:grid;place-items:center;font-size:24px;font-weight:800;margin-bottom:12px}
a{color:#2b5cb8}footer{text-align:center;color:#8a93a8;font-size:12px;margin-top:18px}
.spinner{width:34px;height:34px;border:4px solid #d5dbe8;border-top-color:#2b5cb8;border-radius:50%;margin:8px auto 16px;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}`

/** The page shell every fake source page shares. */
export function layout(title: string, sourceName: string, body: Raw): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · ${esc(sourceName)}</title><style>${CSS}</style></head>
<body><header><span class="logo">${esc(sourceName.slice(0, 1).toUpperCase())}</span><b data-testid="source-name">${esc(sourceName)}</b><small>fake source · deck-emulator</small></header>
<main>${body.html}<footer>A test website served by deck-emulator. Nothing here is real.</footer></main></body></html>`
}
