/**
 * A `Request` for the emulator's in-process `fetch(url, init)`, built only as
 * far as a route needs it: the URL, the method, the headers and a string body.
 * Constructing a real `Request` costs an AbortSignal, a body stream and header
 * validation every call, which was the largest share of an in-process
 * lifecycle (bench/, lifecycle phase). Anything else a caller could ask of
 * it (signal, body stream, formData, clone…) materialises the real Request
 * first, so it behaves as one; callers that pass a Request, or a body that is
 * not a string, get a real Request from the start (see `inProcessRequest`).
 */
class InProcessRequest {
  #real: Request | undefined
  #headers: Headers | undefined
  readonly #url: string
  readonly #method: string
  readonly #init: RequestInit & { body?: string | null }

  constructor(url: string, method: string, init: RequestInit & { body?: string | null }) {
    this.#url = url
    this.#method = method
    this.#init = init
  }

  get url(): string {
    return this.#url
  }

  get method(): string {
    return this.#method
  }

  get headers(): Headers {
    return (this.#headers ??= this.#real?.headers ?? new Headers(this.#init.headers))
  }

  get bodyUsed(): boolean {
    return this.#real?.bodyUsed ?? false
  }

  text(): Promise<string> {
    return this.#real ? this.#real.text() : Promise.resolve(this.#init.body ?? '')
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#real) return this.#real.arrayBuffer()
    const bytes = new TextEncoder().encode(this.#init.body ?? '')
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }

  /** The real Request, for everything else. */
  real(): Request {
    return (this.#real ??= new Request(this.#url, { ...this.#init, method: this.#method, ...(this.#headers ? { headers: this.#headers } : {}) }))
  }
}

/**
 * Every other Request member reads through to the real Request. Done on the first in-process
 * request, not at import: reading the global `Request` makes Node load its fetch implementation
 * (undici, ~50 ms of a cold start), which `import('deck-emulator')` need not pay for a caller
 * that never calls `fetch` in-process.
 */
let linked = false
function linkToRequest(): void {
  if (linked) return
  linked = true
  for (const name of Object.getOwnPropertyNames(Request.prototype)) {
    if (name === 'constructor' || Object.hasOwn(InProcessRequest.prototype, name)) continue
    const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name)!
    Object.defineProperty(
      InProcessRequest.prototype,
      name,
      typeof descriptor.value === 'function'
        ? {
            value(this: InProcessRequest, ...args: unknown[]) {
              return (this.real() as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args)
            },
          }
        : {
            get(this: InProcessRequest) {
              return (this.real() as unknown as Record<string, unknown>)[name]
            },
          },
    )
  }
  Object.setPrototypeOf(InProcessRequest.prototype, Request.prototype)
}

// The methods fetch upper-cases (any other method name is kept as given, as `new Request` does).
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])
// What `new Request` accepts as a method: an HTTP token, not CONNECT, TRACE or TRACK.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK'])

/** The request the app sees for `fetch(input, init)` in-process. */
export function inProcessRequest(input: Request | string | URL, init: RequestInit | undefined, base: string): Request {
  if (input instanceof Request) return input
  const url = new URL(String(input), base).href
  const given = init?.method ?? 'GET'
  const method = NORMALISED.has(given.toUpperCase()) ? given.toUpperCase() : given
  const body = init?.body
  const plain =
    (body === undefined || body === null || (typeof body === 'string' && method !== 'GET' && method !== 'HEAD')) &&
    TOKEN.test(method) &&
    !FORBIDDEN.has(method.toUpperCase())
  // Anything else (another kind of body, a body on a GET, a bad method) gets the real thing, which accepts or refuses it.
  if (!plain) return new Request(url, init)
  linkToRequest()
  return new InProcessRequest(url, method, (init ?? {}) as RequestInit & { body?: string | null }) as unknown as Request
}
