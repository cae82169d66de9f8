/**
 * Change tracking over a tenant's plain-data world, so the file store writes
 * only what changed (one WAL line per changed record) instead of the world.
 *
 * Granularity: a top-level field holding a plain object (`connections`,
 * `logins`, `clock`, any collection another module adds) is tracked per key
 * — a change anywhere under `data.connections[id]` marks `connections/id`;
 * any other top-level field (arrays, numbers, null) is tracked as a whole.
 * Nested objects are wrapped on access, so in-place mutation
 * (`login.index++`, `delivery.attempts.push(…)`, also after an await) is seen.
 *
 * Stored values are always raw (proxies are unwrapped on set): the world can
 * be serialised or cloned without ever meeting a proxy.
 */

const TARGET = Symbol('deck-emulator.target')

export interface CollectionListener {
  /** A record was set, deleted (value undefined) or mutated in place. */
  change(id: string, value: unknown): void
  /** The whole collection object was replaced. */
  reset(): void
}

export interface TrackOptions {
  /** false: no dirty marking and no nested proxies (memory store): only collection listeners. */
  deep: boolean
  /** Receives `field` (whole-field change) or `field` + `key` (record change). */
  dirty?: (field: string, key?: string) => void
  /** Fields returned raw and never tracked (e.g. `rng`, mutated on every id; written with every commit instead). */
  untracked?: ReadonlySet<string>
  listeners?: Map<string, CollectionListener>
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null
const isPlainRecord = (v: unknown): v is Record<string, unknown> => isObject(v) && !Array.isArray(v)

/** The raw object behind a tracked proxy (or the value itself). */
export function unwrap<T>(value: T): T {
  return isObject(value) ? (((value as Record<symbol, unknown>)[TARGET] as T | undefined) ?? value) : value
}

/** Replaces every proxy inside a value about to be stored by its raw target (values get copied with spreads). */
function unwrapDeep<T>(value: T, depth = 0): T {
  if (!isObject(value)) return value
  const raw = unwrap(value)
  if (raw !== value || depth > 64) return raw
  const obj = raw as Record<string, unknown>
  for (const k of Object.keys(obj)) {
    const child = obj[k]
    if (isObject(child)) {
      const u = unwrapDeep(child, depth + 1)
      if (u !== child) obj[k] = u
    }
  }
  return raw
}

/**
 * Collections are dictionaries keyed by ids a client chose: with
 * `Object.prototype` behind them, `connections['constructor']` would find a
 * function and `connections['__proto__'] = x` would replace the prototype. So
 * every top-level plain record of a tenant is made a null-prototype object
 * when it is attached or assigned (both stores go through here): a lookup
 * finds own records only, and `__proto__` is an ordinary key.
 */
export function dictionary<T>(value: T): T {
  if (isPlainRecord(value) && Object.getPrototypeOf(value) === Object.prototype) Object.setPrototypeOf(value, null)
  return value
}

export function trackTenant<T extends object>(data: T, options: TrackOptions): T {
  for (const key of Object.keys(data)) dictionary((data as Record<string, unknown>)[key])
  const mark = options.dirty ?? (() => {})
  const listeners = options.listeners
  const untracked = options.untracked ?? new Set<string>()
  // One proxy per raw object and owner, reused across accesses (identity stays stable while the owner does).
  const nested = new WeakMap<object, { owner: string; key: string; proxy: object }>()
  const collections = new WeakMap<object, object>()

  const touched = (field: string, key: string, record: unknown) => {
    mark(field, key)
    listeners?.get(field)?.change(key, record)
  }

  const deepProxy = (target: object, field: string, key: string): object => {
    const cached = nested.get(target)
    if (cached && cached.owner === field && cached.key === key) return cached.proxy
    const record = () => (unwrap(data) as Record<string, Record<string, unknown>>)[field]?.[key]
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === TARGET) return t
        const v = Reflect.get(t, prop, receiver)
        return isObject(v) && typeof prop === 'string' ? deepProxy(v, field, key) : v
      },
      set(t, prop, value) {
        ;(t as Record<string | symbol, unknown>)[prop] = unwrapDeep(value)
        touched(field, key, record())
        return true
      },
      deleteProperty(t, prop) {
        delete (t as Record<string | symbol, unknown>)[prop]
        touched(field, key, record())
        return true
      },
    })
    nested.set(target, { owner: field, key, proxy })
    return proxy
  }

  const collectionProxy = (target: Record<string, unknown>, field: string): object => {
    const cached = collections.get(target)
    if (cached) return cached
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === TARGET) return t
        const v = Reflect.get(t, prop, receiver)
        return options.deep && isObject(v) && typeof prop === 'string' ? deepProxy(v, field, prop) : v
      },
      set(t, prop, value) {
        const raw = unwrapDeep(value)
        t[prop as string] = raw
        if (typeof prop === 'string') touched(field, prop, raw)
        return true
      },
      deleteProperty(t, prop) {
        delete t[prop as string]
        if (typeof prop === 'string') touched(field, prop, undefined)
        return true
      },
    })
    collections.set(target, proxy)
    return proxy
  }

  return new Proxy(data, {
    get(t, prop, receiver) {
      if (prop === TARGET) return t
      const v = Reflect.get(t, prop, receiver)
      if (typeof prop !== 'string' || !isObject(v) || untracked.has(prop)) return v
      if (!options.deep && !listeners?.has(prop)) return v // memory store: only indexed collections are watched
      if (isPlainRecord(v)) return collectionProxy(v, prop)
      return options.deep ? deepWhole(v, prop) : v
    },
    set(t, prop, value) {
      ;(t as Record<string | symbol, unknown>)[prop] = dictionary(unwrapDeep(value))
      if (typeof prop === 'string') {
        mark(prop)
        listeners?.get(prop)?.reset()
      }
      return true
    },
    deleteProperty(t, prop) {
      delete (t as Record<string | symbol, unknown>)[prop]
      if (typeof prop === 'string') {
        mark(prop)
        listeners?.get(prop)?.reset()
      }
      return true
    },
  })

  /** Arrays and other non-record top-level values: any change marks the whole field. */
  function deepWhole(target: object, field: string): object {
    const cached = nested.get(target)
    if (cached && cached.owner === field && cached.key === '') return cached.proxy
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === TARGET) return t
        const v = Reflect.get(t, prop, receiver)
        return isObject(v) && typeof prop === 'string' ? deepWhole(v, field) : v
      },
      set(t, prop, value) {
        ;(t as Record<string | symbol, unknown>)[prop] = unwrapDeep(value)
        mark(field)
        return true
      },
      deleteProperty(t, prop) {
        delete (t as Record<string | symbol, unknown>)[prop]
        mark(field)
        return true
      },
    })
    nested.set(target, { owner: field, key: '', proxy })
    return proxy
  }
}
