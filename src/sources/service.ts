import { errors } from '../domain/errors.js'
import type { Deleted, Source } from '../domain/types.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import type { Tenant } from '../tenant/tenant.js'
import { findSource, sourcesOf, sourcesIn, sourceScriptsOf } from './state.js'

export interface CreateSourceInput {
  name?: string | undefined
  type: 'website'
  website: { url: string }
}

export interface UpdateSourceInput {
  name?: string | undefined
  website?: { url: string } | undefined
}

export function getSource(tenant: Tenant, id: string): Source {
  const source = findSource(tenant, id)
  if (!source) throw errors.notFound('source', id)
  return source
}

export function createSource(tenant: Tenant, input: CreateSourceInput): Source {
  const now = tenant.nowIso()
  const source: Source = {
    id: tenant.id('source'),
    object: 'source',
    name: input.name ?? new URL(input.website.url).hostname,
    type: input.type,
    website: { url: input.website.url },
    created_at: now,
    updated_at: now,
  }
  sourcesOf(tenant)[source.id] = source
  tenant.emit([{ type: 'source.created', data: { ...source } }])
  return source
}

/** Every source id of the tenant, in stored order (the control plane reports what a scenario load made). */
export function sourceIds(tenant: Tenant): string[] {
  return Object.keys(sourcesIn(tenant))
}

export function listSources(tenant: Tenant, query: ListQuery) {
  return listPage(Object.values(sourcesIn(tenant)), query, {}, () => true)
}

export function updateSource(tenant: Tenant, id: string, input: UpdateSourceInput): Source {
  const source = getSource(tenant, id)
  const next: Source = {
    ...source,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.website !== undefined ? { website: { url: input.website.url } } : {}),
    updated_at: tenant.nowIso(),
  }
  sourcesOf(tenant)[id] = next
  tenant.emit([{ type: 'source.updated', data: { ...next } }])
  return next
}

/** Decision: connections keep their source_id; new connections to a deleted source get 404 source_not_found. */
export function deleteSource(tenant: Tenant, id: string): Deleted {
  const source = getSource(tenant, id)
  delete sourcesOf(tenant)[id]
  delete sourceScriptsOf(tenant)[id]
  tenant.emit([{ type: 'source.deleted', data: { ...source } }])
  return { id, object: 'source', deleted: true }
}
