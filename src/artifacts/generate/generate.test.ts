import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { Rng, seedRng } from '../../domain/random.js'
import { generateFile } from './index.js'
import { makePdf } from './pdf.js'
import { browserPicture, PNG_SIGNATURE } from './png.js'

const rng = (seed = 1) => new Rng(seedRng(seed))

describe('generated files', () => {
  it('PNG: signature, IHDR size, and pixel rows that inflate to width × height', () => {
    const png = browserPicture(42)
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(png.readUInt32BE(16)).toBe(320)
    expect(png.readUInt32BE(20)).toBe(200)
    const idatAt = png.indexOf('IDAT')
    const length = png.readUInt32BE(idatAt - 4)
    expect(inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length)).length).toBe((320 * 3 + 1) * 200)
    expect(browserPicture(42).equals(png)).toBe(true)
    expect(browserPicture(43).equals(png)).toBe(false)
  })

  it('PDF: header, exact xref offsets and a trailer; padded to the size asked for', () => {
    for (const size of [0, 5000, 100_000]) {
      const pdf = makePdf('T', ['a (b) \\ c'], size).toString('latin1')
      expect(pdf.startsWith('%PDF-1.4')).toBe(true)
      const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1])
      expect(pdf.slice(xref, xref + 4)).toBe('xref')
      const offsets = pdf
        .slice(xref)
        .split('\n')
        .slice(3, 8)
        .map((l) => Number(l.slice(0, 10)))
      offsets.forEach((o, i) => expect(pdf.startsWith(`${i + 1} 0 obj`, o)).toBe(true))
      const length = Number(/\/Length (\d+)/.exec(pdf)![1])
      const start = pdf.indexOf('stream\n') + 7
      expect(pdf.slice(start + length, start + length + 10)).toBe('\nendstream')
      expect(pdf.length).toBeGreaterThanOrEqual(size)
      if (size > 1000) expect(pdf.length).toBeLessThan(size + 64)
    }
  })

  it('CSV, JSON and text of about the size asked for; other types get seeded bytes', () => {
    const csv = generateFile('text/csv', 2000, rng(), 'x.csv').toString()
    expect(csv.split('\n')[0]).toBe('date,description,amount')
    expect(csv.length).toBeGreaterThanOrEqual(2000)
    const json = generateFile('application/json; charset=utf-8', 1000, rng(), 'x.json')
    expect(JSON.parse(json.toString()).file).toBe('x.json')
    expect(generateFile('text/markdown', 300, rng(), 'x.md').toString()).toMatch(/^Line 1 of x.md/)
    const bin = generateFile('application/zip', 123, rng(), 'x.zip')
    expect(bin.length).toBe(123)
    expect(generateFile('application/zip', 123, rng(), 'x.zip').equals(bin)).toBe(true)
    expect(generateFile('image/png', 20_000, rng(), 'p.png').length).toBeGreaterThanOrEqual(20_000)
  })
})
