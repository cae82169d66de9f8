import { magicAccount, type MagicCredentials } from './magic-credentials.js'
import { DEFAULT_TIMINGS, type LoginStep, type SessionScript, type SourceScript } from './login-script.js'

/** What `scriptFor` reads of a tenant's data (TenantData has both): the domain knows no store types. */
export interface ScriptsAndSources {
  scripts: Record<string, SourceScript>
  sources: Record<string, { name: string; website: { url: string } }>
}

/** The script a source plays: its scenario script, or magic credentials for API-created sources. */
export function scriptFor(data: ScriptsAndSources, sourceId: string): SourceScript {
  const script = data.scripts[sourceId]
  if (script) return script
  const source = data.sources[sourceId]
  return magicScript(sourceId, source?.name ?? sourceId, source?.website.url ?? 'https://example.com')
}

/** The script for a source created through the API (or unknown to the scenario): magic credentials. */
export function magicScript(id: string, name: string, url: string): SourceScript {
  return {
    id,
    name,
    url,
    login_delay: DEFAULT_TIMINGS.login_delay,
    idle_timeout: DEFAULT_TIMINGS.idle_timeout,
    interaction_timeout: DEFAULT_TIMINGS.interaction_timeout,
    accounts: [],
    otherwise: 'magic',
  }
}

export interface ResolvedLogin {
  steps: LoginStep[]
  session: SessionScript
}

/**
 * Which steps a login plays: the account matching the username (a wrong
 * password → invalid), else the source's `otherwise` (magic by default: the
 * shipped table, fixtures/magic-credentials.json via src/fixtures/magic-credentials.ts).
 */
export function resolveLogin(script: SourceScript, username: string | null, password: string | null, magicTable: MagicCredentials): ResolvedLogin {
  const account = username === null ? undefined : script.accounts.find((a) => a.username === username)
  if (account) {
    if (account.password !== undefined && account.password !== password) {
      return { steps: [{ kind: 'invalid', message: 'The source rejected the password for this username.' }], session: {} }
    }
    return { steps: account.login, session: account.session }
  }
  if (script.otherwise === 'magic') {
    const magic = magicAccount(magicTable, username ?? magicTable.otherwise, password ?? undefined)
    return { steps: magic.login, session: magic.session }
  }
  return { steps: script.otherwise, session: {} }
}
