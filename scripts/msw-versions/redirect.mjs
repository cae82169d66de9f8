import { register } from 'node:module'
import { pathToFileURL } from 'node:url'
// `node --import ./redirect.mjs` with MSW_ROOT=<dir holding node_modules/msw>.
register('./hooks.mjs', import.meta.url, { data: { root: pathToFileURL(`${process.env.MSW_ROOT}/`).href } })
