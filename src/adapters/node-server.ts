import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { answerParserErrors } from './client-error.js'

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
    const server = serve({ fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => {
          server.close(() => done())
          ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
        }),
      })
    })
    answerParserErrors(server as Server)
    server.once('error', reject)
  })
}
