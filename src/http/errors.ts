import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { DeckError, errors } from '../domain/errors.js'
import type { AppEnv } from './env.js'
import { markComplete, standardHeaders } from './respond.js'

/**
 * The one place errors become responses: Deck errors keep their status and
 * details; anything else is a logged 500 `api_error` without a stack trace.
 */
export function renderError(requestId: (c: Context<AppEnv>) => string, log: (message: string) => void) {
  return (error: Error, c: Context<AppEnv>): Response => {
    let deck: DeckError
    if (error instanceof DeckError) deck = error
    else if (error instanceof HTTPException && error.status === 413) deck = errors.payloadTooLarge(0)
    else if (error instanceof HTTPException && error.status < 500) deck = errors.inputInvalid(error.message || 'Bad request.')
    else {
      log(`internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`)
      deck = errors.internal()
    }
    const id = requestId(c)
    return markComplete(
      new Response(JSON.stringify({ errors: deck.details, request_id: id }), {
        status: deck.status,
        headers: { ...standardHeaders(id), ...deck.headers },
      }),
    )
  }
}
