// Library cold start: import('deck-emulator') + createEmulator() (in memory); prints ms since process start.
const { createEmulator } = await import(process.argv[2])
const emulator = await createEmulator({ storage: { type: 'memory' } })
const ms = performance.now()
await emulator.close()
console.log(ms.toFixed(1))
