import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { bytesOf, pngInfo } from './helpers/files.js'

const SCENARIO = `
name: dashboard-artifacts
clock: manual
sources:
  - id: src_bank
    accounts:
      - { username: alice, password: pw, login: [ connected ] }
agents: [{ id: agt_docs, name: Documents }]
tasks:
  - id: task_statements
    agent_id: agt_docs
    name: Download statements
    storage: { enabled: true }
    run:
      - reasoning: Opening the <b>statements</b> page & "more"
      - duration: 12s
      - files:
          - { name: statement_jan.pdf, type: application/pdf, size: 4kb }
          - { name: 'summary <q1> & "all".csv', type: text/csv, content: "month,total\\njan,42.10\\n" }
      - output: { count: 2 }
`

/** The value of every `attr="…"` in `html`, unescaped as a browser would. */
const attrs = (html: string, pattern: RegExp) =>
  [...html.matchAll(pattern)].map((m) =>
    m[1]!.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
  )

async function world() {
  const t = await setup({ scenario: SCENARIO })
  /** The dashboard asked on its own origin, as a browser at http://dash.test:8123 would. */
  const page = async (path: string) => {
    const res = await t.emulator.fetch(`http://dash.test:8123${path}`, { headers: { authorization: `Bearer ${t.key}` } })
    return { status: res.status, text: await res.text(), csp: res.headers.get('content-security-policy') }
  }
  return { ...t, page }
}

describe("dashboard: a task run's stored files and screenshots", () => {
  for (const generation of ['credentials', 'connections'] as const) {
    it(`shows them on a ${generation}-generation run, as links and thumbnails on the dashboard's origin that download the exact bytes, escaped`, async () => {
      const t = await world()
      const subject =
        generation === 'credentials'
          ? {
              credential_id: (
                await t.client.post('/v2/credentials', {
                  source_id: 'src_bank',
                  auth_method: 'username_password',
                  auth_credentials: { username: 'alice', password: 'pw' },
                })
              ).body.id,
            }
          : { connection_id: await t.connect('src_bank', 'alice') }
      await t.advance('0s')
      const run = (await t.client.post('/v2/tasks/task_statements/run', subject)).body.id as string
      const before = await t.page(`/_emulator/ui/task-runs/${run}`)
      expect(before.text).toContain('No stored files.')
      await t.advance('20s')
      expect((await t.client.get(`/v2/task-runs/${run}`)).body.status).toBe('completed')

      const detail = await t.page(`/_emulator/ui/task-runs/${run}`)
      expect(detail.status).toBe(200)
      expect(detail.csp).toContain("img-src 'self'")
      expect(detail.text).toContain('Stored files (2)')
      // Names, types and sizes; the hostile name escaped everywhere.
      expect(detail.text).toContain('>statement_jan.pdf</a>')
      expect(detail.text).toContain('application/pdf')
      expect(detail.text).toContain('4 KB')
      expect(detail.text).toContain('summary &lt;q1&gt; &amp; &quot;all&quot;.csv')
      expect(detail.text).not.toContain('<q1>')
      expect(detail.text).not.toContain('<b>statements</b>')

      const links = attrs(detail.text, /<tr data-storage-item="[^"]+"><td><a href="([^"]+)"/g)
      expect(links).toHaveLength(2)
      for (const link of links) expect(link.startsWith('http://dash.test:8123/_files/')).toBe(true)
      const stored = (await t.client.get(`/v2/task-runs/${run}/storage`)).body.data as { id: string; file_name: string; file_size: number }[]
      const csv = stored.find((s) => s.file_name.endsWith('.csv'))!
      const pdf = stored.find((s) => s.file_name.endsWith('.pdf'))!
      const csvLink = links.find((l) => l.includes(csv.id))!
      const download = await t.emulator.fetch(csvLink) // no key: the URL is signed
      expect(download.status).toBe(200)
      expect(download.headers.get('content-type')).toMatch(/^text\/csv/)
      expect(await download.text()).toBe('month,total\njan,42.10\n')
      const pdfBytes = await bytesOf(await t.emulator.fetch(links.find((l) => l.includes(pdf.id))!))
      expect(pdfBytes.length).toBe(pdf.file_size)
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')

      // Thumbnails: <img> on the signed URL, the reasoning as alt and caption (escaped).
      const shots = (await t.client.get(`/v2/task-runs/${run}/screenshots`)).body.data as { url: string }[]
      expect(shots.length).toBeGreaterThanOrEqual(2)
      expect(detail.text).toContain(`Screenshots (${shots.length})`)
      const images = attrs(detail.text, /<img src="([^"]+)"/g)
      expect(images).toHaveLength(shots.length)
      expect(detail.text).toContain('alt="Opening the &lt;b&gt;statements&lt;/b&gt; page &amp; &quot;more&quot;"')
      expect(detail.text).toMatch(/<figcaption class="muted">Opening the &lt;b&gt;statements&lt;\/b&gt; page &amp; &quot;more&quot;/)
      for (const src of images) expect(src.startsWith('http://dash.test:8123/_files/')).toBe(true)
      const image = await t.emulator.fetch(images[0]!)
      expect(image.headers.get('content-type')).toBe('image/png')
      expect(pngInfo(await bytesOf(image)).width).toBeGreaterThan(0)
      await t.emulator.close()
    })
  }
})
