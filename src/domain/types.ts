/** Public object shapes, exactly as the API returns them (minus `request_id`). */
import type { ErrorDetail } from './errors.js'

export type Iso = string

export interface Source {
  id: string
  object: 'source'
  name: string
  type: 'website'
  website: { url: string }
  created_at: Iso
  updated_at: Iso
}

export const CONNECTION_STATUSES = ['connecting', 'connected', 'interaction_required', 'invalid', 'disconnected', 'terminated'] as const
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number]

export const AUTH_METHODS = ['username_password', 'google_sso', 'none'] as const
export type AuthMethod = (typeof AUTH_METHODS)[number]

export const INTERACTION_TYPES = ['mfa', 'security_question', 'account_selection'] as const
export type InteractionType = (typeof INTERACTION_TYPES)[number]

export interface InteractionField {
  name: string
  type: 'string'
  label: string
  options?: { value: string; label: string }[]
}

export interface Interaction {
  type: InteractionType
  message: string
  fields: InteractionField[]
}

export interface Connection {
  id: string
  object: 'connection'
  status: ConnectionStatus
  source_id: string
  auth_method: AuthMethod
  auth_credentials: { username: string } | { email: string } | null
  external_id: string | null
  interaction: Interaction | null
  errors: ErrorDetail[]
  last_connected_at: Iso | null
  created_at: Iso
  updated_at: Iso
}

export interface DeckEvent {
  id: string
  object: 'event'
  type: string
  data: Record<string, unknown>
  created_at: Iso
}

export interface Deleted {
  id: string
  object: string
  deleted: true
}
