import * as z from 'zod'
import { errors } from '../../domain/errors.js'
import { getConnection } from '../../connections/service.js'
import type { ScreenshotStore } from '../../browser/screenshots.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, notFound } from '../schemas/common.js'

const ScreenshotInfo = z.object({
  index: z.number().int(),
  step: z.string().describe('credentials_filled, interaction_mfa, answer_filled, connected, error, blocked, timeout, session_ended, …'),
  url: z.string().describe('The page address when the picture was taken'),
  taken_at: z.string().describe("When it was taken, on the tenant clock (like the connection's events; the browser itself runs on real time)"),
  image_url: z.string().describe('GET it with the same API key: a PNG'),
})

/** Screenshots of browser logins (`login_with: browser`), per connection. */
export function screenshotRoutes(store: ScreenshotStore) {
  return new Router('/_emulator', 'Control plane')
    .add({
      generation: 'connections',
      method: 'get',
      path: '/connections/:id/screenshots',
      summary: "Screenshots of each step of the connection's browser logins, oldest first",
      responses: {
        200: { description: 'The list', schema: z.object({ data: z.array(ScreenshotInfo), request_id: z.string() }) },
        ...commonErrors,
        ...notFound,
      },
      handler: (c, { id }) => {
        const tenant = c.get('tenant')
        getConnection(tenant, id)
        const data = store.list(tenant.key, id).map((s, index) => ({
          index,
          step: s.step,
          url: s.url,
          taken_at: s.taken_at,
          image_url: `/_emulator/connections/${id}/screenshots/${index}.png`,
        }))
        return reply(c, { data })
      },
    })
    .add({
      generation: 'connections',
      method: 'get',
      path: '/connections/:id/screenshots/:file',
      summary: 'One screenshot as PNG (`{index}.png`)',
      responses: { 200: { description: 'image/png' }, ...commonErrors, ...notFound },
      handler: (c, { id }) => {
        const tenant = c.get('tenant')
        getConnection(tenant, id)
        const match = /^(\d+)(\.png)?$/.exec(c.req.param('file') ?? '')
        const shot = match ? store.list(tenant.key, id)[Number(match[1])] : undefined
        if (!shot) throw errors.notFound('screenshot', c.req.param('file') ?? '')
        return c.body(shot.png as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
      },
    })
}
