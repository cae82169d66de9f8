/**
 * How a serving CLI stops, however it was started. `npx deck-emulator` and
 * `npm exec` run the bin under `npm exec` → `sh -c` → node: a SIGTERM to npm
 * kills npm and the shell but never reaches node, which was left running with
 * the database locked. So besides the signals, the process watches its parent
 * and stops when the parent is gone (its ppid changes: it was re-parented).
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** How often the parent is checked (real time; an unref'd timer never keeps the process alive). */
export const PARENT_CHECK_MS = 500

export function untilStopped(stop: (reason: string) => Promise<void>, log: (line: string) => void = console.error): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false
    const parent = process.ppid
    const watch = setInterval(() => {
      if (process.ppid !== parent) finish(`parent process ${parent} exited`)
    }, PARENT_CHECK_MS)
    watch.unref()
    const finish = (reason: string) => {
      if (stopping) {
        // A second signal while closing: the user means it.
        process.exit(130)
      }
      stopping = true
      clearInterval(watch)
      log(`\n${reason}: shutting down…`)
      stop(reason).then(resolve, (error: unknown) => {
        log(`deck-emulator: error while shutting down: ${(error as Error)?.message ?? String(error)}`)
        resolve()
      })
    }
    for (const signal of STOP_SIGNALS) process.on(signal, () => finish(signal))
  })
}
