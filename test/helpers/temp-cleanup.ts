import { afterAll } from 'vitest'
import { removeTempDirs } from './cli.js'

// Every temp dir a test makes through tempDir() is removed when its file is done.
afterAll(() => removeTempDirs())
