import type { Credential, CredentialStatus } from '../domain/credential.js'
import type { CredentialRun, CredentialRunStatus } from '../domain/credential-run.js'
import type { Session, SessionStatus } from '../domain/session.js'
import type { Page } from './index.js'

type Request = <T = any>(method: string, path: string, body?: unknown, query?: Record<string, string | number | boolean | undefined | null>) => Promise<T>

export type { Credential, CredentialStatus, CredentialRun, CredentialRunStatus, Session, SessionStatus }

export interface CreateCredentialParams {
  source_id: string
  /** Shorthand for `auth_credentials.username` / `.password` (auth_method username_password). */
  username?: string
  password?: string
  auth_method?: 'username_password' | 'none'
  auth_credentials?: { username?: string; password?: string; source_fields?: Record<string, string> } | null
  external_id?: string | null
}

/** Credentials, sessions and credentials-generation runs for the typed client. */
export function credentialClient(request: Request) {
  const enc = encodeURIComponent
  const list = (values: string | string[] | undefined) => (values === undefined ? undefined : [values].flat().join(','))
  const credentials = {
    create: ({ username, password, ...params }: CreateCredentialParams) =>
      request<Credential>('POST', '/v2/credentials', {
        ...(username !== undefined || password !== undefined ? { auth_method: 'username_password', auth_credentials: { username, password } } : {}),
        ...params,
      }),
    get: (id: string) => request<Credential>('GET', `/v2/credentials/${enc(id)}`),
    list: (
      query: { limit?: number; cursor?: string; source_id?: string | string[]; status?: CredentialStatus | CredentialStatus[]; external_id?: string } = {},
    ) => request<Page<Credential>>('GET', '/v2/credentials', undefined, { ...query, source_id: list(query.source_id), status: list(query.status) }),
    update: (
      id: string,
      params: { external_id?: string | null; auth_credentials?: { username?: string; password?: string; source_fields?: Record<string, string> } },
    ) => request<Credential>('PATCH', `/v2/credentials/${enc(id)}`, params),
    delete: (id: string) => request<Credential>('DELETE', `/v2/credentials/${enc(id)}`),
  }
  const sessions = {
    get: (id: string) => request<Session>('GET', `/v2/sessions/${enc(id)}`),
    end: (id: string) => request<Session>('POST', `/v2/sessions/${enc(id)}/end`),
  }
  const credentialRuns = {
    /** Starts a run on a credential, a source or a live session (→ `queued`, `session_id` set). */
    run: (taskId: string, params: { credential_id?: string; source_id?: string; session_id?: string; input?: Record<string, unknown> }) =>
      request<CredentialRun>('POST', `/v2/tasks/${enc(taskId)}/run`, params),
    get: (id: string, include?: string[]) => request<CredentialRun>('GET', `/v2/task-runs/${enc(id)}`, undefined, { include: include?.join(',') }),
    list: (
      query: {
        limit?: number
        cursor?: string
        credential_id?: string
        task_id?: string
        agent_id?: string
        source_id?: string | string[]
        status?: CredentialRunStatus | CredentialRunStatus[]
        outcome?: string | string[]
        search?: string
        include?: string
      } = {},
    ) =>
      request<Page<CredentialRun>>('GET', '/v2/task-runs', undefined, {
        ...query,
        source_id: list(query.source_id),
        status: list(query.status),
        outcome: list(query.outcome),
      }),
    cancel: (id: string) => request<CredentialRun>('POST', `/v2/task-runs/${enc(id)}/cancel`),
    submitInteraction: (id: string, input: Record<string, string>) => request<CredentialRun>('POST', `/v2/task-runs/${enc(id)}/interaction`, { input }),
    /** Emulator only: the answer the run's pending interaction (login MFA or run question) expects, as `{input}`. */
    expectedAnswer: async (id: string) => (await request<{ input: Record<string, string> }>('GET', `/_emulator/task-runs/${enc(id)}/expected-answer`)).input,
    /** Emulator only: approve or reject a `review_required` run. */
    review: (id: string, approve: boolean) => request<CredentialRun>('POST', `/_emulator/task-runs/${enc(id)}/review`, { approve }),
  }
  const credentialControl = {
    transitionCredential: (id: string, status: CredentialStatus) => request<Credential>('POST', `/_emulator/credentials/${enc(id)}/transition`, { status }),
    transitionSession: (id: string, status: SessionStatus) => request<Session>('POST', `/_emulator/sessions/${enc(id)}/transition`, { status }),
  }
  return { credentials, sessions, credentialRuns, credentialControl }
}
