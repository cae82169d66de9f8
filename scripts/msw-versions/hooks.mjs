// Module hooks: every `msw` import from outside the cached install resolves to
// that install, so dist/adapters/msw.js and the check run against another msw
// version without copying the package. Registered by redirect.mjs.
let root
export function initialize(data) {
  root = data.root
}
export async function resolve(specifier, context, next) {
  if ((specifier === 'msw' || specifier.startsWith('msw/')) && !context.parentURL?.startsWith(root)) {
    return next(specifier, { ...context, parentURL: new URL('package.json', root).href })
  }
  return next(specifier, context)
}
