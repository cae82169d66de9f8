import { eventTypeList } from './event-types.js'
import { eventTypeGeneration, serves, type ApiSetting } from './generation.js'

/**
 * `GET /v2/event-types` for a tenant: the types its API generation(s) emit
 * (domain/generation.ts says which generation each type belongs to).
 */
export function eventTypesFor(setting: ApiSetting): { type: string; description: string }[] {
  return eventTypeList().filter(({ type }) => serves(setting, eventTypeGeneration(type)))
}
