import { connect } from 'node:net'

export interface RawReply {
  /** Every byte the server sent, as text. */
  text: string
  /** The socket error (e.g. ECONNRESET), if the connection broke. */
  error?: string
  /** The server closed the connection (FIN) without an error. */
  ended: boolean
  /** How many `data` events arrived (not asserted on: TCP may merge writes). */
  reads: number
}

/** One HTTP/1.1 request over a bare TCP socket: sees exactly what the server did to the connection. */
export function rawRequest(port: number, method: string, path: string, key: string, body?: unknown): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const reply: RawReply = { text: '', ended: false, reads: 0 }
    socket.on('data', (d) => {
      chunks.push(d)
      reply.reads++
    })
    socket.on('end', () => {
      reply.ended = true
    })
    socket.on('error', (e: NodeJS.ErrnoException) => {
      reply.error = e.code ?? e.message
    })
    socket.on('close', () => resolve({ ...reply, text: Buffer.concat(chunks).toString('utf8') }))
    const payload = body === undefined ? '' : JSON.stringify(body)
    socket.write(
      `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${key}\r\nconnection: close\r\n` +
        (payload ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n` : '') +
        `\r\n${payload}`,
    )
  })
}

/** Splits a raw reply into its head and the pieces of a chunked body (one per server write). */
export function chunkedPieces(text: string): { head: string; pieces: string[] } {
  const split = text.indexOf('\r\n\r\n')
  const head = text.slice(0, split)
  let rest = text.slice(split + 4)
  const pieces: string[] = []
  for (;;) {
    const eol = rest.indexOf('\r\n')
    const size = parseInt(rest.slice(0, eol), 16)
    if (!size) break
    pieces.push(rest.slice(eol + 2, eol + 2 + size))
    rest = rest.slice(eol + 2 + size + 2)
  }
  return { head, pieces }
}
