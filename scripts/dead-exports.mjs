// Lists exports of src/ that no other file (src, test, scripts, bench) names: candidates to delete, or to
// drop `export` from when the file itself uses them. The public API's entry points are not checked.
// Usage: node scripts/dead-exports.mjs   (a word match, not a type checker: a name in a comment counts as a use)
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const PUBLIC = new Set(['src/index.ts', 'src/adapters/msw.ts', 'src/client/index.ts'])
const files = execFileSync('git', ['ls-files', 'src', 'test', 'scripts', 'bench'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mts|mjs|js)$/.test(f))
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]))
const EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract class)\s+([A-Za-z_$][\w$]*)/gm
const escapeRegex = (s) => s.replace(/[$]/g, '\\$')

let unused = 0
for (const file of files) {
  if (!file.startsWith('src/') || file.includes('.test.') || PUBLIC.has(file)) continue
  for (const [, name] of text.get(file).matchAll(EXPORT)) {
    const word = new RegExp(`\\b${escapeRegex(name)}\\b`)
    if (files.some((other) => other !== file && word.test(text.get(other)))) continue
    const own = text.get(file).match(new RegExp(word.source, 'g')).length
    console.log(`${own > 1 ? 'only used in its file' : 'UNUSED'}\t${file}\t${name}`)
    if (own === 1) unused++
  }
}
process.exitCode = unused ? 1 : 0
