import { connectionFaultOf, type ConnectionFault } from '../http/chaos.js'

/**
 * Connection faults for callers without a socket (the in-process `fetch`
 * and msw): the nearest thing a `fetch` caller sees from a real broken
 * connection, shaped like Node's own fetch (undici) reports it:
 * - `reset`, `empty`: the fetch rejects with `TypeError('fetch failed')`,
 *   its `cause` carrying the socket error code (`ECONNRESET`; `UND_ERR_SOCKET`
 *   "other side closed" for an empty reply);
 * - `reset_mid`: the status and headers arrive, then reading the body fails
 *   after half of it with `TypeError('terminated')` (cause `ECONNRESET`).
 */
export function networkError(fault: ConnectionFault): TypeError {
  const cause =
    fault === 'empty'
      ? Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
      : Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' })
  return new TypeError(fault === 'reset_mid' ? 'terminated' : 'fetch failed', { cause })
}

/** True for the rejection `inProcessAnswer` gives a reset or empty answer. */
export function isNetworkError(error: unknown): error is TypeError {
  return (
    error instanceof TypeError &&
    typeof (error.cause as { code?: unknown } | undefined)?.code === 'string' &&
    ['ECONNRESET', 'UND_ERR_SOCKET'].includes((error.cause as { code: string }).code)
  )
}

/** The answer as an in-process caller meets it: unchanged, unless a connection fault marked it. */
export function inProcessAnswer(res: Response): Response | Promise<Response> {
  const fault = connectionFaultOf(res)
  if (!fault) return res
  if (fault !== 'reset_mid') return Promise.reject(networkError(fault))
  return res.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer)
    const half = bytes.slice(0, Math.floor(bytes.length / 2))
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (half.length) controller.enqueue(half)
      },
      pull(controller) {
        controller.error(networkError('reset_mid'))
      },
    })
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
  })
}
