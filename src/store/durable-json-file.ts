import { closeSync, fsyncSync, openSync } from 'node:fs'
import { open, readFile, readdir, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export class StoreFileError extends Error {
  override name = 'StoreFileError'
}

/**
 * lowdb's two-method `Adapter` interface, declared here so lowdb is not a
 * dependency of the package (its shape is what keeps the snapshot swappable
 * with lowdb's; only the benchmark's naive reference row runs lowdb itself).
 */
export interface JsonFileAdapter<T> {
  read(): Promise<T | null>
  write(data: T): Promise<void>
}

/**
 * A lowdb adapter that is safe against crashes: it writes a temp file with a
 * unique name, fsyncs it, renames it over the target and fsyncs the directory.
 * (lowdb's own JSONFile neither fsyncs nor uses unique temp names.) A corrupt
 * file is an error, never an empty world.
 */
export class DurableJsonFile<T> implements JsonFileAdapter<T> {
  private counter = 0
  constructor(
    readonly file: string,
    private readonly validate: (value: unknown) => value is T,
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new StoreFileError(`Cannot read ${this.file}: ${(error as Error).message}`)
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new StoreFileError(
        `${this.file} is corrupt (${text.length === 0 ? 'empty file' : (error as Error).message}). ` +
          'Refusing to start with an empty world over it: move the file aside (or delete it) to start fresh, or use --in-memory.',
      )
    }
    if (!this.validate(value)) {
      throw new StoreFileError(`${this.file} is valid JSON but not a deck-emulator database. Move it aside or pass another --db.`)
    }
    return value
  }

  async write(data: T): Promise<void> {
    await this.writeText(JSON.stringify(data))
  }

  async writeText(text: string): Promise<void> {
    await this.writeChunks([text])
  }

  /**
   * Same durability as `write`, from a stream of chunks: a large snapshot is
   * serialised piece by piece (the producer may yield to the event loop
   * between pieces) instead of as one string that blocks for hundreds of ms.
   */
  async writeChunks(chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
    const tmp = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.${this.counter++}.tmp`)
    const handle = await open(tmp, 'w')
    let total = 0
    try {
      let buffered: string[] = []
      let size = 0
      for await (const chunk of chunks) {
        buffered.push(chunk)
        size += chunk.length
        total += chunk.length
        if (size >= 4 * 1024 * 1024) {
          await handle.write(buffered.join(''))
          buffered = []
          size = 0
        }
      }
      if (buffered.length) await handle.write(buffered.join(''))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, this.file)
    syncDirectory(dirname(this.file))
    return total
  }

  /** Temp files left by a process killed mid-write are harmless; remove them. */
  async removeStaleTempFiles(): Promise<void> {
    const dir = dirname(this.file)
    const prefix = `.${basename(this.file)}.`
    for (const name of await readdir(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await unlink(join(dir, name)).catch(() => {})
    }
  }
}

/** fsync of a directory, so a rename in it survives a power cut (the file store, blob files). */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  }
}
