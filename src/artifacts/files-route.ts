import { Hono, type Context } from 'hono'
import type { Tenant } from '../tenant/tenant.js'
import { artifactsOf, namespaceOf } from './context.js'
import { parseShotId, screenshotPng, type ShotRun } from './screenshots.js'
import type { UrlSigner } from './signer.js'
import { storedFile } from './storage.js'

export interface FilesRouteDeps {
  signer: UrlSigner
  /** The tenant whose namespace this is, if any (never created by a download). */
  tenantByNamespace(ns: string): Tenant | undefined
  /** A task run of the tenant, for its screenshots (both generations). */
  findRun(tenant: Tenant, runId: string): ShotRun | undefined
  requestId(): string
}

/**
 * `GET /_files/{ns}/{id}?expires=…&signature=…`: the bytes behind a signed
 * URL, no API key (that is what the signature is for). The signature covers
 * namespace, id and expiry, so any changed byte is a 403, as is an expiry
 * past on the tenant's clock; a file retention removed is a 404. Bytes are
 * streamed from disk with file storage.
 */
export function filesApp(deps: FilesRouteDeps): Hono {
  const app = new Hono()
  const fail = (c: Context, status: 403 | 404, code: string, message: string) =>
    c.json({ errors: [{ type: 'request', code, message }], request_id: deps.requestId() }, status, { 'cache-control': 'no-store' })

  app.get('/:ns/:id', (c) => {
    const ns = c.req.param('ns')
    const id = c.req.param('id')
    if (!deps.signer.verify(ns, id, c.req.query('expires'), c.req.query('signature'))) {
      return fail(c, 403, 'signature_invalid', 'The URL signature does not match: use the URL exactly as the API returned it.')
    }
    const tenant = deps.tenantByNamespace(ns)
    if (!tenant) return fail(c, 404, 'file_not_found', 'The file no longer exists.')
    if (tenant.now() > Number(c.req.query('expires')) * 1000) {
      return fail(c, 403, 'url_expired', 'The URL has expired (signed URLs are valid for 1 hour): read the object again for a fresh one.')
    }
    const headers: Record<string, string> = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' }
    const stored = storedFile(tenant, id)
    if (stored) {
      const body = artifactsOf(tenant).blobs.open(namespaceOf(tenant.key), id)
      if (!body) return fail(c, 404, 'file_not_found', 'The file no longer exists.')
      headers['content-type'] = stored.type
      headers['content-length'] = String(stored.size)
      headers['content-disposition'] = `inline; filename="${stored.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`
      return c.body(body as ReadableStream | Uint8Array<ArrayBuffer>, 200, headers)
    }
    const shot = parseShotId(id)
    const run = shot && deps.findRun(tenant, shot.runId)
    const png = shot && run ? screenshotPng(tenant, run, shot.n) : undefined
    if (!png) return fail(c, 404, 'file_not_found', 'The file no longer exists.')
    headers['content-type'] = 'image/png'
    if (png instanceof Uint8Array) headers['content-length'] = String(png.length)
    return c.body(png as Uint8Array<ArrayBuffer>, 200, headers)
  })
  return app
}
