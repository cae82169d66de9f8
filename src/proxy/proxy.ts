import type { Exchange } from './forward.js'
import { normalizeUpstream, startForwarder } from './forward.js'
import { DriftReport } from './drift-report.js'
import { inspectResponse } from './inspect.js'
import { Recorder } from './record/recorder.js'
import { redactText } from './redact.js'
import { routeIndex } from './route-index.js'

export interface ProxyOptions {
  upstream: string
  port?: number
  host?: string
  /** Also turn the traffic into a replayable scenario (see record/). */
  record?: boolean
}

export interface RunningProxy {
  url: string
  upstream: string
  report: DriftReport
  recorder?: Recorder
  close(): Promise<void>
}

/**
 * `deck-emulator proxy`: forwards to the upstream, then judges each /v2
 * response against the emulator's own route declarations (drift report) and,
 * with `record`, feeds it to the recorder. Both happen after the caller has
 * its answer, so the proxy adds no judgement time to a request.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const upstream = normalizeUpstream(options.upstream)
  const index = routeIndex()
  const report = new DriftReport(upstream)
  const recorder = options.record ? new Recorder(index, upstream) : undefined
  const onExchange = (ex: Exchange) => {
    if (ex.path === '/v2' || ex.path.startsWith('/v2/')) {
      if (ex.error) {
        report.add(`${ex.method} ${ex.path}`, ex.status, [{ kind: 'upstream_error', path: '', message: redactText(ex.error) }], () => ({
          request: { method: ex.method, path: ex.path },
          status: ex.status,
          body: null,
        }))
      } else {
        const text = ex.responseBody.toString('utf8')
        const judged = inspectResponse(index, ex.method, ex.path, ex.status, ex.responseHeaders, text)
        report.add(judged.route, ex.status, judged.observations, () => ({
          request: { method: ex.method, path: ex.path },
          status: ex.status,
          body: 'json' in judged ? judged.json : text.slice(0, 200),
        }))
      }
    }
    recorder?.observe(ex)
  }
  const server = await startForwarder({
    upstream,
    port: options.port,
    host: options.host,
    onExchange,
    ownRoutes: {
      '/_proxy/health': () => ({ status: 'ok', upstream }),
      '/_proxy/report': () => report.toJSON(),
    },
  })
  return { url: server.url, upstream, report, ...(recorder ? { recorder } : {}), close: server.close }
}
