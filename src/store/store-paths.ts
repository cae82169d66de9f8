import { statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StoreFileError } from './durable-json-file.js'

/**
 * Creates the database's directory one level at a time: Node's recursive
 * mkdir never returns for some paths (e.g. under /proc), and a clear error
 * beats a hang.
 */
export async function ensureDirectory(dir: string): Promise<void> {
  try {
    if (statSync(dir).isDirectory()) return
    throw new StoreFileError(`Cannot use ${dir} for the database: it is not a directory.`)
  } catch (error) {
    if (error instanceof StoreFileError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asStoreError(dir, error)
  }
  const parent = dirname(dir)
  if (parent !== dir) await ensureDirectory(parent)
  try {
    await mkdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw asStoreError(dir, error)
  }
}

/** File-system errors become one clear line naming the file (no stack trace at start-up). */
export function asStoreError(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (error instanceof StoreFileError || !code) return error
  return new StoreFileError(`Cannot use ${file} for the database (${code}: ${(error as Error).message}). Pass another --db, or --in-memory.`)
}
