import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { answerParserErrors } from './client-error.js'
import { onSocket, type NodeBindings } from './socket-chaos.js'

export interface ListeningServer {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves `fetch` over HTTP with @hono/node-server. Resolves once listening,
 * with the URL to call (an IPv6 host in brackets); `close()` also ends
 * keep-alive connections, so a test's `await emulator.close()` returns at once.
 */
export function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, host: string): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    // Connection faults (http/chaos.ts) are carried out on the socket; every other answer passes as it is.
    const answer = (request: Request, env: unknown) => {
      const res = fetch(request)
      return res instanceof Promise ? res.then((r) => onSocket(r, env as NodeBindings)) : onSocket(res, env as NodeBindings)
    }
    const server = serve({ fetch: answer, port, hostname: host }, (info) => {
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
          }),
      })
    })
    answerParserErrors(server as Server)
    server.once('error', reject)
  })
}
