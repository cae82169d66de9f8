import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/**
 * Starts a server process and resolves once it answers 200 on `probe`,
 * with the time from spawn to that first 200. The URL is taken from the
 * first `http://127.0.0.1:<port>` the process prints.
 */
export async function startServer(command, args, { probe = '/', timeoutMs = 60_000, env = {}, cwd, url: knownUrl } = {}) {
  const t0 = performance.now()
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, cwd })
  let output = ''
  let onOutput = () => {}
  const collect = (chunk) => {
    output = (output + chunk).slice(-20_000) // always drained, or a chatty child blocks on a full pipe
    onOutput()
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const url =
    knownUrl ??
    (await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs)
      onOutput = () => {
        const m = /http:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0):(\d+)/.exec(output)
        if (m) {
          clearTimeout(timer)
          onOutput = () => {}
          resolve(`http://127.0.0.1:${m[1]}`)
        }
      }
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`exited with ${code} before printing a URL:\n${output.slice(-2000)}`))
      })
    }))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(url + probe)
      await res.arrayBuffer()
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output.slice(-2000)}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${url}${probe} never answered 200`)
    }
    await new Promise((r) => setTimeout(r, 2))
  }
  const readyMs = performance.now() - t0
  return {
    url,
    child,
    readyMs,
    output: () => output,
    rssMb: () => rssOf(child.pid),
    stop: () => stop(child),
  }
}

export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return kb / 1024
}

export function stop(child) {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref()
  })
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
