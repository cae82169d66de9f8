// zod re-exports every one of its ~50 error-message locales (`z.locales`, 259 KB of the 870 KB
// bundle) though only English is configured and the emulator never switches: a bundle keeps
// `z.locales.en` only, which cut the time Node spends compiling the file at every start.
import { resolve } from 'node:path'

export function zodEnglishOnly(root) {
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: resolve(args.resolveDir, '../locales/index.js'), namespace: 'zod-locales' } : undefined,
      )
      b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(resolve(args.path, '../en.js'))}`,
        resolveDir: root,
      }))
    },
  }
}
