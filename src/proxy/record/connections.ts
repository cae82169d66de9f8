import { objectsIn, ok, type Observed, type ResourceRecorder, type World } from './model.js'
import { Playback } from './playback.js'

interface Attempt {
  password?: string
  playback: Playback
  /** The first outcome was a rejection of the credentials themselves (no prompt before it). */
  rejected: boolean
}

interface Tracked {
  id: string
  alias: string
  sourceId: string
  username: string | null
  attempts: Attempt[]
  /** An action was sent: the next settled state gets an `expect`. */
  awaiting: boolean
  /** What the last `expect` said, so polls of an unchanged connection add nothing. */
  last?: string
  pending?: { type: string; message?: string }
}

const slug = (username: string | null) =>
  username
    ?.split('@')[0]
    ?.replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '') || 'connection'

/**
 * Connections created during the session: a `create_connection` step per
 * create (the password a placeholder), the answers and actions as steps, an
 * `expect` of each settled state the session saw, and per account (source +
 * username) the login steps its first accepted attempt played. Connections
 * that existed before the session cannot be replayed and are left out.
 */
export function connectionsRecorder(): ResourceRecorder {
  const tracked = new Map<string, Tracked>()
  const current = (t: Tracked) => t.attempts.at(-1)

  const settle = (t: Tracked, c: Record<string, any>, world: World) => {
    const status = String(c.status)
    if (status === 'connecting') return
    const interaction = c.interaction as { type: string; message?: string } | null
    const code = (c.errors as { code?: string }[] | undefined)?.[0]?.code
    const signature = JSON.stringify([status, interaction?.type, interaction?.message, code])
    if (!t.awaiting && signature === t.last) return
    const attempt = current(t)
    let retry = false
    if (t.awaiting && attempt && !attempt.playback.ended) {
      if (status === 'interaction_required' && interaction) retry = attempt.playback.prompt(c.interaction)
      else if (status === 'connected') attempt.playback.end('connected')
      else if (status === 'invalid') {
        const first = attempt.playback.steps.length === 0 && !t.pending
        attempt.rejected = first && code !== 'blocked'
        attempt.playback.end(code === 'blocked' ? 'blocked' : 'invalid')
      } else if (status === 'disconnected' && code === 'timeout') attempt.playback.end('timeout')
    }
    // Changed with no call from the session (a session drop, an idle timeout, a credential change):
    // forced in the replay through the control plane, which plays the same transition but cannot
    // know its reason, so that expect leaves `errors` out.
    const forced = !t.awaiting && status !== 'interaction_required'
    if (forced) world.steps.push({ transition: { connection: t.alias, status } })
    t.pending = interaction ?? undefined
    world.steps.push({
      expect: {
        connection: t.alias,
        status,
        ...(interaction ? { interaction: { type: interaction.type, ...(!retry && interaction.message ? { message: interaction.message } : {}) } } : {}),
        ...(code && !forced ? { errors: [{ code }] } : {}),
      },
    })
    t.awaiting = false
    t.last = signature
  }

  const create = (ex: Observed, world: World) => {
    const c = ex.response as Record<string, any>
    const req = (ex.request ?? {}) as Record<string, any>
    if (typeof c?.id !== 'string' || typeof c.source_id !== 'string') return
    if (tracked.has(c.id)) return // an Idempotency-Key replay of a create already recorded
    const method = (req.auth_method ?? c.auth_method ?? 'username_password') as string
    const creds = (req.auth_credentials ?? {}) as Record<string, unknown>
    const username = method === 'none' ? null : String(creds.username ?? creds.email ?? c.auth_credentials?.username ?? c.auth_credentials?.email ?? '') || null
    const field = method === 'google_sso' ? 'email' : 'username'
    const password =
      method !== 'none' && creds.password !== undefined ? world.placeholders.of('password', `${c.source_id}/${username}`, creds.password) : undefined
    const alias = world.alias(slug(username))
    world.source(c.source_id)
    const t: Tracked = { id: c.id, alias, sourceId: c.source_id, username, attempts: [], awaiting: true }
    t.attempts.push({ ...(password ? { password } : {}), playback: new Playback(`${c.source_id}/${username}`, world.placeholders), rejected: false })
    tracked.set(c.id, t)
    world.connections.set(c.id, { alias, username, sourceId: c.source_id })
    world.steps.push({
      create_connection: {
        as: alias,
        source_id: c.source_id,
        ...(method === 'none' ? { auth_method: 'none' } : { [field]: username, ...(password ? { password } : {}) }),
        ...(method === 'google_sso' ? { auth_method: 'google_sso' } : {}),
        ...(req.external_id !== undefined ? { external_id: req.external_id } : {}),
      },
    })
  }

  return {
    observe(ex, world) {
      if (ok(ex)) {
        const t = ex.params.id ? tracked.get(ex.params.id) : undefined
        switch (ex.route) {
          case 'POST /v2/connections':
            create(ex, world)
            break
          case 'POST /v2/connections/{id}/interaction':
            if (t) {
              const req = (ex.request ?? {}) as Record<string, unknown>
              const inputs = current(t)?.playback.answer(req.inputs ?? req.input) ?? {}
              world.steps.push({ submit_interaction: { connection: t.alias, inputs } })
              t.awaiting = true
            }
            break
          case 'POST /v2/connections/{id}/reopen':
            if (t) {
              const last = current(t)
              t.attempts.push({
                ...(last?.password ? { password: last.password } : {}),
                playback: new Playback(`${t.sourceId}/${t.username}`, world.placeholders),
                rejected: false,
              })
              world.steps.push({ reopen: { connection: t.alias } })
              t.awaiting = true
            }
            break
          case 'POST /v2/connections/{id}/disconnect':
            if (t) {
              world.steps.push({ disconnect: { connection: t.alias } })
              t.awaiting = true
            }
            break
        }
      }
      if (ex.status < 300)
        for (const c of objectsIn(ex.response, 'connection')) {
          const t = tracked.get(c.id)
          if (t) settle(t, c, world)
        }
    },

    finish(world) {
      const byAccount = new Map<string, Tracked[]>()
      for (const t of tracked.values()) {
        if (t.username === null) continue
        const key = `${t.sourceId}\u0000${t.username}`
        byAccount.set(key, [...(byAccount.get(key) ?? []), t])
      }
      for (const group of byAccount.values()) {
        const { sourceId, username } = group[0]!
        const attempts = group.flatMap((t) => t.attempts)
        for (const a of attempts) a.playback.finish()
        // The account's password is the one of its first attempt that was not rejected outright;
        // if every attempt was rejected, a password nobody sent (so every replayed attempt is rejected too).
        const accepted = attempts.find((a) => !a.rejected && a.password !== undefined)
        const password = accepted?.password ?? world.placeholders.fresh('password', `${sourceId}/${username}`)
        const login = accepted?.playback.steps.length ? accepted.playback.steps : ['connected']
        if (accepted && attempts.some((a) => a.rejected && a.password === accepted.password)) {
          world.notes.push(`${username}: the same password was once accepted and once rejected; the account is recorded as accepting it.`)
        }
        world.source(sourceId).accounts.push({ username: username!, password, login })
      }
    },
  }
}
