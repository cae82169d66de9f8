import type { IncomingMessage, ServerResponse } from 'node:http'
import { connectionFaultOf } from '../http/chaos.js'

/** What @hono/node-server hands the fetch callback besides the Request. */
const RESET_AFTER_MS = 20

export interface NodeBindings {
  incoming: IncomingMessage
  outgoing: ServerResponse
}

/**
 * @hono/node-server leaves the socket alone when the answer carries this
 * header (we wrote it ourselves). Its own light Response (the global once a
 * server runs) skips that check on its fast path until its body is read:
 * reading it here takes it off the fast path.
 */
const alreadySent = (): Response => {
  const res = new Response(null, { headers: { 'x-hono-already-sent': 'true' } })
  void res.body
  return res
}

/**
 * Connection faults done for real on the socket (server mode):
 * - `reset`: TCP RST before any byte of the answer (the client reads ECONNRESET);
 * - `empty`: the connection is closed (FIN) with no byte of the answer ("empty reply from server");
 * - `reset_mid`: status line, headers (with the full Content-Length) and half of the body are
 *   written, then RST.
 * Any other answer is returned as it is, untouched (no cost on the usual path).
 */
export function onSocket(res: Response, env: NodeBindings | undefined): Response | Promise<Response> {
  const fault = connectionFaultOf(res)
  if (!fault || !env) return res
  const socket = env.incoming.socket
  if (fault === 'reset') {
    socket.resetAndDestroy()
    return alreadySent()
  }
  if (fault === 'empty') {
    socket.end()
    return alreadySent()
  }
  return res.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer)
    const headers: Record<string, string> = {}
    res.headers.forEach((value, name) => {
      headers[name] = value
    })
    headers['content-length'] = String(bytes.length)
    env.outgoing.writeHead(res.status, headers)
    // RST once the half has left and the client had a moment to read it: a client that has not
    // read it yet when the RST lands sees the half and then an early close instead of ECONNRESET.
    env.outgoing.write(bytes.slice(0, Math.floor(bytes.length / 2)), () => {
      setTimeout(() => socket.resetAndDestroy(), RESET_AFTER_MS).unref()
    })
    return alreadySent()
  })
}
