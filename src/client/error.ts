/** One entry of Deck's error envelope. */
export interface DeckErrorDetail {
  type: string
  code: string
  message: string
  field?: string
}

/**
 * A non-2xx answer from the Deck API (or the emulator's control plane),
 * carrying the envelope: `err.status`, `err.code`, `err.errors`, `err.requestId`.
 */
export class DeckApiError extends Error {
  override name = 'DeckApiError'
  constructor(
    readonly status: number,
    readonly errors: DeckErrorDetail[],
    readonly requestId: string | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super(
      `${method} ${path} → ${status} ${errors.map((e) => `${e.type}/${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`).join('; ') || '(no error body)'}`,
    )
  }

  /** The first error's code, e.g. `invalid_state`. */
  get code(): string | undefined {
    return this.errors[0]?.code
  }

  get type(): string | undefined {
    return this.errors[0]?.type
  }
}
