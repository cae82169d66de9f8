import type { Connection, ConnectionStatus } from '../domain/types.js'
import { escapeLogMessage, escapeLogValue as e } from './escape.js'

export type LogFormat = 'pretty' | 'json'

/** One webhook delivery attempt, as the webhook sender reports it (never the secret or the body). */
export interface WebhookAttemptLog {
  tenant: string
  at: string
  delivery_id: string
  event_id: string
  event_type: string
  url: string
  attempt: number
  status_code: number | null
  duration_ms: number
  error?: string | null
  /** `delivered`, `retrying` (with `next_at`), `failed`. */
  outcome?: string
  next_at?: string | null
}

export interface Logger {
  /** One line per lifecycle transition; `from` is null for a new connection. */
  transition(tenant: string, connection: Connection, from: ConnectionStatus | null, at: string): void
  webhookAttempt(attempt: WebhookAttemptLog): void
  info(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface LoggerOptions {
  format?: LogFormat
  /** Only errors are written. */
  quiet?: boolean
  write: (line: string) => void
  /** The key whose lines need no tenant tag (the banner's key). */
  defaultKey?: string
}

/** `sk_test_emulator` stays readable; long keys are cut so a log never carries a whole key. */
export function keyLabel(key: string): string {
  return key.length > 16 ? `${key.slice(0, 14)}…` : key
}

function clockOf(iso: string): string {
  return iso.slice(11, 19)
}

/** Why a connection is where it is: the interaction type or the error code. No secret is ever part of it. */
export function transitionDetail(connection: Connection): string | undefined {
  if (connection.status === 'interaction_required' && connection.interaction) return connection.interaction.type
  if (['invalid', 'disconnected'].includes(connection.status) && connection.errors[0]) return connection.errors[0].code
  return undefined
}

function who(connection: Connection): string | null {
  const creds = connection.auth_credentials
  if (!creds) return null
  return 'username' in creds ? creds.username : creds.email
}

/**
 * Human lines for a developer watching a terminal, JSON lines for machines.
 * Only fields chosen here are printed, so passwords, MFA codes, answers and
 * webhook secrets can never reach the log by accident.
 */
export function createLogger(options: LoggerOptions): Logger {
  const format = options.format ?? 'pretty'
  const tag = (tenant: string) => (tenant === options.defaultKey ? '' : `  [${e(keyLabel(tenant))}]`)
  const emit = (level: 'info' | 'error', pretty: string, json: Record<string, unknown>) => {
    if (options.quiet && level !== 'error') return
    options.write(format === 'json' ? JSON.stringify({ level, ...json }) : pretty)
  }
  return {
    transition(tenant, connection, from, at) {
      const detail = transitionDetail(connection)
      const user = who(connection)
      // Every value a client chose (the username above all) is escaped: one transition, one line.
      const parts = [
        clockOf(at),
        e(connection.id),
        user === null ? '(no credentials)' : e(user),
        `${from ?? 'new'} → ${connection.status}${detail ? ` (${e(detail)})` : ''}`,
      ]
      emit('info', parts.join(' ') + tag(tenant), {
        at,
        kind: 'transition',
        tenant: keyLabel(tenant),
        connection_id: connection.id,
        user,
        external_id: connection.external_id,
        from,
        to: connection.status,
        ...(detail ? { detail } : {}),
      })
    },
    webhookAttempt(a) {
      const result = a.status_code !== null ? String(a.status_code) : e(a.error ?? 'no response')
      const next = a.outcome === 'retrying' && a.next_at ? `, retry at ${clockOf(a.next_at)}` : a.outcome ? `, ${a.outcome}` : ''
      const line = `${clockOf(a.at)} ${e(a.delivery_id)} ${e(a.event_type)} → ${e(a.url)} attempt ${a.attempt}: ${result} in ${a.duration_ms}ms${next}`
      emit(a.outcome === 'failed' ? 'error' : 'info', line + tag(a.tenant), { kind: 'webhook_attempt', ...a, tenant: keyLabel(a.tenant) })
    },
    info(message, fields = {}) {
      emit('info', escapeLogMessage(message), { kind: 'message', message, ...fields })
    },
    error(message, fields = {}) {
      emit('error', escapeLogMessage(message), { kind: 'error', message, ...fields })
    },
  }
}

/** `logger`, also telling `after` of each webhook attempt it logs (the dashboard's change feed: an attempt is a change). */
export function afterWebhookAttempt(logger: Logger, after: (attempt: WebhookAttemptLog) => void): Logger {
  return {
    ...logger,
    webhookAttempt(attempt) {
      logger.webhookAttempt(attempt)
      after(attempt)
    },
  }
}
