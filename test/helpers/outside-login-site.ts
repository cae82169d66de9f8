import { createServer, type IncomingMessage, type Server } from 'node:http'

/**
 * A small login website that is not part of the emulator (its own server,
 * its own markup and selectors), to point the browser driver at. Ann's
 * password is `secret`, her SMS code `4242`. `/stuck` never shows an outcome.
 */
export async function startOutsideSite(): Promise<{ url: string; close(): Promise<void> }> {
  const sessions = new Map<string, 'otp' | 'home'>()
  let n = 0
  const page = (body: string) =>
    `<!doctype html><html><head><title>Staging</title></head><body style="font-family:sans-serif;padding:24px"><h2>Staging Portal</h2>${body}</body></html>`
  const loginForm = (action: string, alert = '') =>
    page(`${alert}<form method="post" action="${action}">
    <input id="email" name="email" placeholder="Email"> <input id="pw" name="pw" type="password" placeholder="Password">
    <button id="go" type="submit">Log in</button></form>`)
  const otpForm = (msg: string) =>
    page(`<div class="otp-box"><p class="msg">${msg}</p>
    <form method="post" action="/otp"><label for="otp">SMS code</label><input id="otp" name="otp"><button id="verify">Verify</button></form></div>`)

  const server: Server = createServer(async (req, res) => {
    const body = new URLSearchParams(await read(req))
    const sid = /sid=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? ''
    const send = (html: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers })
      res.end(html)
    }
    const path = req.url?.split('?')[0]
    if (req.method === 'GET' && path === '/login') return send(loginForm('/login'))
    if (req.method === 'GET' && path === '/stuck') return send(loginForm('/stuck'))
    if (req.method === 'POST' && path === '/stuck') return send(page('<p>Please wait…</p>'))
    if (req.method === 'POST' && path === '/login') {
      if (body.get('email') !== 'ann@example.com' || body.get('pw') !== 'secret')
        return send(loginForm('/login', '<div class="alert">Wrong email or password</div>'))
      const id = `s${++n}`
      sessions.set(id, 'otp')
      return send(otpForm('We texted a code to +1 ••• 88'), { 'set-cookie': `sid=${id}; Path=/; HttpOnly` })
    }
    if (req.method === 'POST' && path === '/otp' && sessions.get(sid) === 'otp') {
      if (body.get('otp') !== '4242') return send(otpForm('Wrong code, try again'))
      sessions.set(sid, 'home')
      return send(page('<h1 class="dashboard">Welcome, Ann</h1>'))
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function read(req: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of req) text += chunk
  return text
}
