import type { z } from 'zod'
import type { ScenarioSchema } from './schema.js'

/** A validated scenario, durations already in milliseconds. */
export type ScenarioDoc = z.output<typeof ScenarioSchema>
export type ScenarioSource = ScenarioDoc['sources'][number]
