import type { StepKind } from '../step.js'
import { advance } from './advance.js'
import { cancelTaskRun } from './cancel-task-run.js'
import { answer } from './answer.js'
import { createConnection } from './create-connection.js'
import { disconnect } from './disconnect.js'
import { expect } from './expect.js'
import { expectEvents } from './expect-events.js'
import { reopen } from './reopen.js'
import { runTask } from './run-task.js'
import { submitInteraction } from './submit-interaction.js'
import { submitTaskInteraction } from './submit-task-interaction.js'
import { transition } from './transition.js'
import { wait } from './wait.js'
import { createCredential, deleteCredential, endSession, reviewTaskRun, updateCredential } from './credentials.js'

/** The step kinds `deck-emulator run` knows. Add one: a module in this folder, plus one line here. */
export const builtinSteps: StepKind[] = [
  createConnection,
  submitInteraction,
  answer,
  reopen,
  disconnect,
  transition,
  advance,
  wait,
  expect,
  expectEvents,
  runTask,
  submitTaskInteraction,
  cancelTaskRun,
  createCredential,
  updateCredential,
  deleteCredential,
  reviewTaskRun,
  endSession,
]

export type StepRegistry = ReadonlyMap<string, StepKind>

export function stepRegistry(kinds: StepKind[] = builtinSteps): StepRegistry {
  return new Map(kinds.map((k) => [k.name, k]))
}
