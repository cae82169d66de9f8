import { describe, expect, it } from 'vitest'
import { parseScenario } from './load.js'

const world = (tasks: string, agents = '  - { id: agt_a, name: A }') => `name: t
agents:
${agents}
tasks:
${tasks}
`

describe('scenario agents and tasks', () => {
  it('parses tasks with run scripts and overrides, filling defaults', () => {
    const doc = parseScenario(
      world(`  - id: task_x
    agent_id: agt_a
    name: X
    output_schema: { type: object, properties: { a: { type: string } } }
    run:
      - queued: 2s
      - duration: 1s
      - mfa: { code: 123456 }
      - security_question: { question: Pet?, answer: rex }
      - pending
      - fail: { code: nope }
    overrides:
      - { username: bob, run: [{ output: { a: b } }] }`),
    )
    const task = doc.tasks[0]!
    expect(task).toMatchObject({ status: 'live', prompt: null, input_schema: null, output_schema: { type: 'object' } })
    expect(task.run).toEqual([
      { kind: 'queued', ms: 2000 },
      { kind: 'duration', ms: 1000 },
      { kind: 'mfa', code: '123456', message: 'Enter the 6-digit code we sent you', max_attempts: 3 },
      { kind: 'security_question', question: 'Pet?', answer: 'rex', max_attempts: 3 },
      { kind: 'pending', ms: 60_000 },
      { kind: 'fail', type: 'task', code: 'nope', message: 'The task failed (nope).', result: 'failure' },
    ])
    expect(task.overrides).toEqual([{ username: 'bob', run: [{ kind: 'output', value: { a: 'b' } }] }])
  })

  const bad: [string, string, RegExp][] = [
    ['an unknown step', `  - { id: task_x, agent_id: agt_a, name: X, run: [{ durration: 1s }] }`, /tasks\[0\]\.run\[0\].*unknown run step "durration"/],
    ['a bad duration', `  - { id: task_x, agent_id: agt_a, name: X, run: [{ duration: soon }] }`, /run\[0\]\.duration.*expected a duration/],
    ['a step after output', `  - { id: task_x, agent_id: agt_a, name: X, run: [{ output: {} }, { duration: 1s }] }`, /run\[0\].*must be the last step/],
    ['running after pending', `  - { id: task_x, agent_id: agt_a, name: X, run: [pending, { duration: 1s }] }`, /only `output` or `fail` may follow/],
    [
      'an invalid JSON Schema',
      `  - { id: task_x, agent_id: agt_a, name: X, output_schema: { type: strng } }`,
      /tasks\[0\]\.output_schema.*not a valid JSON Schema/,
    ],
    ['an unknown agent', `  - { id: task_x, agent_id: agt_b, name: X }`, /tasks\[0\]\.agent_id.*unknown agent "agt_b"/],
    ['a bad task id', `  - { id: search, agent_id: agt_a, name: X }`, /tasks\[0\]\.id.*task_/],
    ['a duplicate task id', `  - { id: task_x, agent_id: agt_a, name: X }\n  - { id: task_x, agent_id: agt_a, name: Y }`, /duplicate task id "task_x"/],
    ['an empty override', `  - { id: task_x, agent_id: agt_a, name: X, overrides: [{ run: [] }] }`, /needs `source_id`, `username` or both/],
    ['an unknown key', `  - { id: task_x, agent_id: agt_a, name: X, script: [] }`, /unknown key "script"/],
  ]
  for (const [what, tasks, message] of bad) {
    it(`rejects ${what} with the path and line`, () => {
      expect(() => parseScenario(world(tasks), 'x.yaml')).toThrow(message)
      expect(() => parseScenario(world(tasks), 'x.yaml')).toThrow(/^x\.yaml: .*line \d+/)
    })
  }

  it('rejects a bad agent id', () => {
    expect(() => parseScenario(world('  []', '  - { id: bot, name: A }'))).toThrow(/agents\[0\]\.id/)
  })
})
