import { errors } from './errors.js'

export interface Page<T> {
  data: T[]
  has_more: boolean
  next_cursor: string | null
}

interface Sortable {
  id: string
  created_at: string
}

/** Newest first by created_at, ties by id (descending), a total order. */
function compareNewestFirst(a: Sortable, b: Sortable): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

interface CursorBody {
  /** created_at and id of the last item returned. */
  c: string
  i: string
  /** The filters the cursor was issued for: a cursor cannot be reused with other ones. */
  f: string
}

function filterKey(filters: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(filters)
      .sort()
      .filter((k) => filters[k] !== undefined)
      .map((k) => [k, filters[k]]),
  )
}

function encodeCursor(last: Sortable, filters: string): string {
  const body: CursorBody = { c: last.created_at, i: last.id, f: filters }
  return Buffer.from(JSON.stringify(body)).toString('base64url')
}

/** The position a cursor stands for (throws `cursor_invalid` if it was issued for other filters). */
export function cursorPosition(cursor: string, filters: Record<string, unknown>): Sortable {
  const body = decodeCursor(cursor, filterKey(filters))
  return { created_at: body.c, id: body.i }
}

const idPrefix = (id: string) => id.slice(0, id.indexOf('_') + 1)

/** Whether a cursor was issued by the list whose ids start with `prefix` (e.g. `conn_`). */
export function cursorFor(position: Sortable, prefix: string): Sortable {
  if (idPrefix(position.id) !== prefix) throw errors.cursorInvalid()
  return position
}

function decodeCursor(cursor: string, filters: string): CursorBody {
  // Node's base64url decoder skips junk and stops at padding: only a cursor that re-encodes to itself is ours.
  if (Buffer.from(cursor, 'base64url').toString('base64url') !== cursor) throw errors.cursorInvalid()
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>
    if (typeof body.c === 'string' && typeof body.i === 'string' && body.f === filters) return body as CursorBody
  } catch {
    // fall through to the error below
  }
  throw errors.cursorInvalid()
}

/**
 * Fast path: items already filtered, in API order (newest first) and
 * starting after the cursor (callers keep an index). Reads only limit + 1.
 */
export function paginateSorted<T extends Sortable>(newestFirst: Iterable<T>, opts: { limit: number; filters: Record<string, unknown> }): Page<T> {
  const data: T[] = []
  let has_more = false
  for (const item of newestFirst) {
    if (data.length === opts.limit) {
      has_more = true
      break
    }
    data.push(item)
  }
  const last = data[data.length - 1]
  return { data, has_more, next_cursor: has_more && last ? encodeCursor(last, filterKey(opts.filters)) : null }
}

/**
 * Pages an already-filtered list. Items are sorted here, so callers can pass
 * any iteration order. Keyset paging: objects created between two page reads
 * never shift the next page.
 */
export function paginate<T extends Sortable>(items: Iterable<T>, opts: { limit: number; cursor?: string; filters: Record<string, unknown> }): Page<T> {
  const key = filterKey(opts.filters)
  let sorted = [...items].sort(compareNewestFirst)
  if (opts.cursor) {
    const after = decodeCursor(opts.cursor, key)
    // A cursor names an object of the list it came from: another list's cursor is refused.
    if (sorted[0] && idPrefix(sorted[0].id) !== idPrefix(after.i)) throw errors.cursorInvalid()
    sorted = sorted.filter((it) => compareNewestFirst(it, { created_at: after.c, id: after.i }) > 0)
  }
  const data = sorted.slice(0, opts.limit)
  const has_more = sorted.length > opts.limit
  const last = data[data.length - 1]
  return { data, has_more, next_cursor: has_more && last ? encodeCursor(last, key) : null }
}
