import { paginate, type Page } from '../domain/pagination.js'

export interface ListQuery {
  limit: number
  cursor?: string
}

/** Filters (undefined = no filter), then pages. Filters are part of the cursor. */
export function listPage<T extends { id: string; created_at: string }>(
  items: Iterable<T>,
  query: ListQuery,
  filters: Record<string, unknown>,
  match: (item: T) => boolean,
): Page<T> {
  const matching: T[] = []
  for (const item of items) if (match(item)) matching.push(item)
  return paginate(matching, { limit: query.limit, cursor: query.cursor, filters })
}
