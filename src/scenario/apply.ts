import { sourcesApplier } from '../sources/scenario.js'
import { taskWorldApplier } from '../task-runs/world.js'
import { destinationsApplier } from '../webhooks/scenario.js'
import type { ScenarioApplier } from './sections.js'

/**
 * Every applier that puts scenario sections into a tenant, in the order they
 * run (sources before the tasks and destinations that may refer to them).
 * `Tenants` runs the list on build (load, reset, PUT /_emulator/scenario,
 * `--watch`) and the `update`s on a hot reload, so a section added here takes
 * effect everywhere. Sections read straight from `tenant.scenario` are listed
 * in `SECTIONS_READ_IN_PLACE` (scenario/sections.ts) instead.
 */
export const SCENARIO_APPLIERS: readonly ScenarioApplier[] = [sourcesApplier, taskWorldApplier, destinationsApplier]
