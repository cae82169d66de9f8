import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs'
import { StoreFileError } from './durable-json-file.js'

/**
 * One process per data file: a second emulator on the same file would race
 * on it. A lock left by a killed process (its pid is gone) is taken over.
 */
export function acquireFileLock(file: string): () => void {
  const lock = `${file}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => {
        try {
          unlinkSync(lock)
        } catch {
          // already gone
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(readFileSync(lock, 'utf8').trim())
      if (pid && isAlive(pid)) {
        throw new StoreFileError(
          `${file} is in use by ${pid === process.pid ? 'another emulator in this process' : `another deck-emulator process (pid ${pid})`}. ` +
            'Stop it, or give this one its own --db (or --in-memory).',
        )
      }
      unlinkSync(lock) // stale: its owner is gone
    }
  }
  throw new StoreFileError(`Could not lock ${file}.`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
