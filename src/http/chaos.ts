import type { NetworkEffect } from '../control/faults.js'

/**
 * Network-level API faults, applied to the answer once the route (or the
 * forced error) has produced it and the journal has recorded it.
 *
 * Body faults are plain Responses, so every transport (server, in-process,
 * msw) delivers them as they are: `malformed` cuts the JSON in half (status
 * and headers kept, Content-Length matching the cut body), `trickle` streams
 * the body in `chunks` pieces over `duration` (real time).
 *
 * Connection faults cannot be a Response: the answer is marked here and the
 * transport breaks it (adapters/node-server.ts on the socket,
 * adapters/in-process-chaos.ts for the in-process fetch and msw). A
 * WeakMap, not a header: it costs nothing on an unmarked answer and never
 * leaks to a client.
 */
export type ConnectionFault = NonNullable<NetworkEffect['connection']>

const marks = new WeakMap<Response, ConnectionFault>()
const NO_BODY = new Set([101, 204, 205, 304])

/** The connection fault an answer carries, if any (transports only). */
export function connectionFaultOf(res: Response): ConnectionFault | undefined {
  return marks.get(res)
}

export function breakAnswer(res: Response, effect: NetworkEffect): Response | Promise<Response> {
  if (effect.connection) {
    marks.set(res, effect.connection)
    return res
  }
  if (NO_BODY.has(res.status)) return res // nothing to break (and a body there would be refused)
  if (effect.body === 'malformed') return res.arrayBuffer().then((bytes) => malformed(res, new Uint8Array(bytes)))
  if (effect.body === 'trickle') {
    const { duration, chunks } = effect.trickle ?? { duration: 1000, chunks: 10 }
    return res.arrayBuffer().then((bytes) => trickle(res, new Uint8Array(bytes), duration, chunks))
  }
  return res
}

function malformed(res: Response, bytes: Uint8Array): Response {
  // Half of the JSON (at least its first byte) is never valid JSON: an object or array left open.
  const cut = bytes.length > 1 ? bytes.slice(0, Math.floor(bytes.length / 2)) : new TextEncoder().encode('{')
  const headers = new Headers(res.headers)
  headers.set('content-length', String(cut.length))
  return new Response(cut, { status: res.status, statusText: res.statusText, headers })
}

/** Splits `bytes` into `chunks` pieces (fewer when the body is shorter) and sends one every duration / chunks ms. */
function trickle(res: Response, bytes: Uint8Array, duration: number, chunks: number): Response {
  const pieces = splitBytes(bytes, chunks)
  const interval = pieces.length > 1 ? duration / (pieces.length - 1) : 0
  let next = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const body = new ReadableStream<Uint8Array>(
    {
      // The first piece at once (headers go with it), each next one an interval later.
      pull(controller) {
        return new Promise<void>((resolve) => {
          const send = () => {
            timer = undefined
            controller.enqueue(pieces[next++]!)
            if (next === pieces.length) controller.close()
            resolve()
          }
          if (next === 0) send()
          else timer = setTimeout(send, interval)
        })
      },
      cancel() {
        if (timer) clearTimeout(timer)
      },
    },
    { highWaterMark: 0 },
  )
  const headers = new Headers(res.headers)
  headers.delete('content-length') // chunked: the pieces are the point
  return new Response(body, { status: res.status, statusText: res.statusText, headers })
}

export function splitBytes(bytes: Uint8Array, chunks: number): Uint8Array[] {
  const n = Math.max(1, Math.min(chunks, bytes.length))
  const size = bytes.length / n
  return Array.from({ length: n }, (_, i) => bytes.slice(Math.round(i * size), Math.round((i + 1) * size)))
}
