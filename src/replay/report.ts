import type { ScenarioResult, StepResult } from './runner.js'

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const

function stepLine(step: StepResult): string {
  const text = step.status === 'skipped' ? 'skipped' : step.detail
  return `    ${MARK[step.status]} ${step.index} ${step.kind}${text ? `: ${text}` : ''}`
}

/** Text for one scenario: a summary line, then one line per step (only the summary when quiet and passing). */
export function formatResult(result: ScenarioResult, options: { quiet?: boolean } = {}): string {
  if (result.error)
    return `✗ ${result.name}: could not run\n${result.error
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}`
  if (result.noSteps) return `- ${result.name}: no steps, nothing checked (${result.file})`
  const failedAt = result.steps.find((s) => s.status === 'failed')
  const head = result.ok
    ? `✓ ${result.name}: ${result.steps.length ? `${result.steps.length} steps` : 'no steps'} (${result.file})`
    : `✗ ${result.name}: failed at step ${failedAt?.index} of ${result.steps.length} (${result.file})`
  if (result.ok && options.quiet) return head
  return [head, ...result.steps.map(stepLine)].join('\n')
}

export function formatSummary(results: ScenarioResult[]): string {
  const failed = results.filter((r) => !r.ok).length
  const empty = results.filter((r) => r.noSteps).length
  return `${results.length} scenario${results.length === 1 ? '' : 's'}: ${results.length - failed - empty} passed, ${failed} failed${empty ? `, ${empty} with no steps` : ''}`
}

const xml = (text: string) => text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)
// XML 1.0 forbids most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const clean = (text: string) => xml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''))

/** JUnit XML: one testcase per scenario (classname = file), the step lines as its output. */
export function junitXml(results: ScenarioResult[], suiteName = 'deck-emulator run'): string {
  const failures = results.filter((r) => !r.ok).length
  const seconds = (ms: number) => (ms / 1000).toFixed(3)
  const total = results.reduce((sum, r) => sum + r.ms, 0)
  const cases = results.map((r) => {
    const failedStep = r.steps.find((s) => s.status === 'failed')
    const message = r.error ?? (failedStep ? `step ${failedStep.index} ${failedStep.kind}: ${failedStep.detail}` : '')
    const body = formatResult(r)
    return (
      `  <testcase classname="${clean(r.file)}" name="${clean(r.name)}" time="${seconds(r.ms)}">\n` +
      (r.noSteps ? '    <skipped message="no steps"/>\n' : '') +
      (r.ok ? '' : `    <failure message="${clean(message.split('\n')[0]!)}" type="ExpectationFailed">${clean(body)}</failure>\n`) +
      `    <system-out>${clean(body)}</system-out>\n  </testcase>`
    )
  })
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${results.length}" failures="${failures}" time="${seconds(total)}">\n` +
    `<testsuite name="${clean(suiteName)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${results.filter((r) => r.noSteps).length}" time="${seconds(total)}">\n` +
    `${cases.join('\n')}\n</testsuite>\n</testsuites>\n`
  )
}
