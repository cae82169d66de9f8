/**
 * A readable API reference rendered on the server from the OpenAPI
 * documents: plain HTML and inline CSS, no script and no CDN, so it works
 * offline and in CI artefacts.
 */
type Json = Record<string, any>

const esc = (value: unknown) => String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
const code = (text: string) => text.replace(/`([^`]+)`/g, (_, inner: string) => `<code>${inner}</code>`)

function schemaBlock(schema: unknown): string {
  return `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`
}

function operation(path: string, method: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[]
  const body = op.requestBody?.content?.['application/json']?.schema
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
  return `<details class="op" id="${esc(op.operationId)}">
<summary><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code> <span class="s">${code(esc(op.summary ?? ''))}</span>${op.security?.length === 0 ? ' <span class="tag">no auth</span>' : ''}</summary>
${op.description ? `<p>${code(esc(op.description))}</p>` : ''}
${params.length ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${params.map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`).join('')}</table>` : ''}
${body ? `<h4>Body</h4>${schemaBlock(body)}` : ''}
<h4>Responses</h4>${responses
    .map(([status, res]) => {
      const content = Object.entries((res.content ?? {}) as Record<string, Json>)[0]
      return `<details><summary><b>${esc(status)}</b> ${code(esc(res.description ?? ''))}</summary>${content?.[1].schema ? schemaBlock(content[1].schema) : ''}</details>`
    })
    .join('')}
</details>`
}

function section(doc: Json): string {
  const byTag = new Map<string, string[]>()
  for (const [path, methods] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(methods as Record<string, Json>)) {
      const tag = (op.tags?.[0] as string | undefined) ?? 'Other'
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(path, method, op)])
    }
  }
  return `<section><h2>${esc(doc.info?.title)} <small>${esc(doc.info?.version)}</small></h2><p>${code(esc(doc.info?.description ?? ''))}</p>
${[...byTag].map(([tag, ops]) => `<h3>${esc(tag)}</h3>${ops.join('\n')}`).join('\n')}</section>`
}

export function referencePage(docs: Json[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>deck-emulator API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1d1d1f}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f7;padding:.8em;overflow:auto;border-radius:6px}
.op{border:1px solid #ddd;border-radius:6px;margin:.4em 0;padding:.3em .8em}.op>summary{cursor:pointer}
.m{display:inline-block;min-width:4.5em;font-weight:600;font-size:12px}.m-get{color:#0a7}.m-post{color:#06c}.m-patch{color:#a60}.m-put{color:#a60}.m-delete{color:#c33}
.s{color:#555}.tag{font-size:11px;background:#eee;border-radius:4px;padding:0 .4em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}
</style></head><body>
<h1>deck-emulator API reference</h1>
<p>Machine-readable: <a href="/v2/openapi.json">/v2/openapi.json</a> · <a href="/_emulator/openapi.json">/_emulator/openapi.json</a>.
Authenticate with <code>Authorization: Bearer sk_test_…</code>; each key is its own tenant.</p>
${docs.map(section).join('\n')}
</body></html>`
}
