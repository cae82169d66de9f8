import { magicAccount, type MagicCredentials } from './magic-credentials.js'
import type { LoginStep, SessionScript, SourceScript } from './login-script.js'
import { magicScript } from '../scenario/compile.js'
import type { TenantData } from '../store/data.js'

/** The script a source plays: its scenario script, or magic credentials for API-created sources. */
export function scriptFor(data: TenantData, sourceId: string): SourceScript {
  const script = data.scripts[sourceId]
  if (script) return script
  const source = data.sources[sourceId]
  return magicScript(sourceId, source?.name ?? sourceId, source?.website.url ?? 'https://example.com')
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
