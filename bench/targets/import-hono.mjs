// Baseline of the library cold start: import bare Hono + @hono/node-server and make an app.
const { Hono } = await import('hono')
await import('@hono/node-server')
const app = new Hono()
app.get('/health', (c) => c.json({ status: 'ok' }))
console.log(performance.now().toFixed(1))
