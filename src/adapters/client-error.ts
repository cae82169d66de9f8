import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * Requests Node's HTTP parser refuses before the app sees them (a bad request
 * line, an unknown method, headers over the limit, `CONNECT`) still get the
 * Deck error envelope, not a bare `400`/`431` or a dropped socket.
 */
export function answerParserErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // ECONNRESET: the client is gone; nothing to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    const status = tooLarge ? 431 : 400
    const message = tooLarge
      ? 'The request headers are too large (Node accepts about 16 KiB of headers).'
      : 'The request could not be parsed as HTTP/1.1 (bad request line, method or headers).'
    reply(socket, status, tooLarge ? 'Request Header Fields Too Large' : 'Bad Request', tooLarge ? 'headers_too_large' : 'request_malformed', message)
  })
  // CONNECT never reaches a request handler (Node emits `connect`): no route takes it.
  server.on('connect', (_req: unknown, socket: Duplex) => {
    reply(socket, 405, 'Method Not Allowed', 'method_not_allowed', 'CONNECT is not allowed on the Deck API.')
  })
}

function reply(socket: Duplex, status: number, reason: string, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ type: 'request', code, message }], request_id: `req_${randomBytes(12).toString('base64url').slice(0, 16)}` })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}
