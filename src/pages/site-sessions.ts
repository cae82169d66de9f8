import { createHash, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { LoginStep, SourceScript } from '../domain/login-script.js'
import { readLoginStep, type LoginEnding } from '../domain/login-play.js'
import { answerStep, readStep } from '../domain/step-player.js'
import { mirrorLoginProgress } from '../connections/login-drivers.js'
import type { Tenant } from '../tenant/tenant.js'
import type { TenantData } from '../store/data.js'
import { resolveLogin } from '../domain/source-scripts.js'
import { magicCredentials } from '../fixtures/magic-credentials.js'

/** Where a visitor of a fake site is. The site decides the next page from the same login steps as scripted mode. */
export type SiteState = 'login' | 'step' | 'signed_in' | 'rejected' | 'locked' | 'working' | 'expired'

export interface SiteSession {
  id: string
  tenantKey: string
  sourceId: string
  /** Set when a browser driver opened the site for a connection: the site then mirrors its progress into it. */
  connectionId?: string
  username?: string
  steps: LoginStep[]
  index: number
  attempts: number
  retry: boolean
  state: SiteState
  message?: string
}

/** Opaque, stable per API key: lets a browser reach a tenant's site without putting the key in a URL. */
export const tenantHandle = (key: string) => `t${createHash('sha256').update(key).digest('hex').slice(0, 16)}`

const MAX_SESSIONS = 2000

/** The page a login outcome leaves the visitor on (a `timeout` keeps the site "working", whatever its message). */
const SITE_ENDINGS: Record<LoginEnding, (message: string | undefined) => [SiteState, string?]> = {
  connected: () => ['signed_in'],
  invalid: (message) => ['rejected', message ?? 'The username or password is incorrect.'],
  blocked: (message) => ['locked', message ?? 'Sign-in was blocked for this account.'],
  timeout: () => ['working'],
}

/**
 * The fake sites' own sessions (in memory: a site session is as volatile as
 * a browser cookie) and the per-username failure counters for lockouts.
 */
export class SiteSessions {
  private readonly sessions = new Map<string, SiteSession>()
  // Keyed by the tenant's data, so a tenant reset forgets its lockouts.
  private readonly failures = new WeakMap<TenantData, Map<string, number>>()

  open(tenantKey: string, sourceId: string, connectionId?: string): SiteSession {
    const session: SiteSession = {
      id: randomUUID(),
      tenantKey,
      sourceId,
      steps: [],
      index: 0,
      attempts: 0,
      retry: false,
      state: 'login',
      ...(connectionId ? { connectionId } : {}),
    }
    this.sessions.set(session.id, session)
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!)
    return session
  }

  get(id: string | undefined, sourceId: string): SiteSession | undefined {
    const session = id ? this.sessions.get(id) : undefined
    return session?.sourceId === sourceId ? session : undefined
  }

  close(id: string): void {
    this.sessions.delete(id)
  }

  /** The connection left its session (dropped, invalid, terminated): the site logs the browser out for real. */
  expireConnection(tenantKey: string, connectionId: string): void {
    for (const s of this.sessions.values()) {
      if (s.tenantKey === tenantKey && s.connectionId === connectionId && s.state !== 'rejected' && s.state !== 'locked') s.state = 'expired'
    }
  }

  /** The login form was posted: lockout check, then the steps for these credentials. */
  async signIn(tenant: Tenant, script: SourceScript, session: SiteSession, username: string, password: string): Promise<void> {
    session.username = username
    const counters = this.counters(tenant.data)
    const key = `${script.id}:${username}`
    if (script.lockout_after !== undefined && (counters.get(key) ?? 0) >= script.lockout_after) {
      return this.end(session, 'locked', `Too many failed sign-in attempts (${script.lockout_after}). This account is locked.`)
    }
    session.steps = resolveLogin(script, username, password, magicCredentials()).steps
    session.index = 0
    session.attempts = 0
    await this.play(tenant, session)
    if (session.state === 'rejected') counters.set(key, (counters.get(key) ?? 0) + 1)
    if (session.state === 'signed_in') counters.delete(key)
  }

  /** An interaction form was posted. */
  async answer(tenant: Tenant, session: SiteSession, inputs: Record<string, unknown>): Promise<void> {
    if (session.state !== 'step') return
    const action = answerStep(session, readLoginStep, inputs)
    if (action.kind === 'play') return
    if (action.kind === 'next') {
      session.retry = false
      return this.play(tenant, session)
    }
    session.retry = true
    this.mirror(tenant, session)
    if (action.kind === 'exhausted') {
      this.end(session, 'rejected', `Too many wrong answers (${action.attempts} of ${action.max_attempts} allowed).`)
    }
  }

  /**
   * Runs the steps up to the next page (domain/step-player.ts): `delay` steps are real waits here, the browser
   * is real time, so the position moves past a delay only once it is over (a page loaded meanwhile sees the delay).
   */
  private async play(tenant: Tenant, session: SiteSession): Promise<void> {
    for (;;) {
      this.mirror(tenant, session)
      const move = readStep(session, readLoginStep)
      switch (move.kind) {
        case 'wait':
          await sleep(move.ms)
          session.index++
          continue
        case 'ask':
          session.state = 'step'
          return
        case 'end':
          return this.end(session, ...SITE_ENDINGS[move.outcome](move.message))
      }
    }
  }

  private end(session: SiteSession, state: SiteState, message?: string): void {
    session.state = state
    if (message !== undefined) session.message = message
  }

  private mirror(tenant: Tenant, session: SiteSession): void {
    if (session.connectionId) mirrorLoginProgress(tenant, session.connectionId, session.index, session.attempts)
  }

  private counters(data: TenantData): Map<string, number> {
    let map = this.failures.get(data)
    if (!map) this.failures.set(data, (map = new Map()))
    return map
  }
}
