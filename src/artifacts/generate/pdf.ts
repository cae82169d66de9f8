/**
 * A minimal valid PDF 1.4: catalog, pages, one page with a text stream, and
 * a cross-reference table whose offsets are exact, so readers (and the
 * tests) can parse it. `minSize` pads the content stream with more lines.
 */
export function makePdf(title: string, lines: string[], minSize = 0): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (m) => `\\${m}`).replace(/[^\x20-\x7e]/g, '?')
  const text = (all: string[]) => ['BT', '/F1 12 Tf', '72 760 Td', '14 TL', `(${esc(title)}) Tj`, ...all.map((l) => `T* (${esc(l)}) Tj`), 'ET'].join('\n')
  const build = (stream: string) => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]
    let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    const offsets: number[] = []
    objects.forEach((obj, i) => {
      offsets.push(Buffer.byteLength(body, 'latin1'))
      body += `${i + 1} 0 obj\n${obj}\nendobj\n`
    })
    const xref = Buffer.byteLength(body, 'latin1')
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
    for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
    return Buffer.from(body, 'latin1')
  }
  let out = build(text(lines))
  if (out.length >= minSize) return out
  // Pad with comment lines inside the stream (still valid PDF), then fix the length exactly.
  const missing = minSize - out.length
  const filler = (n: number) => (n <= 0 ? '' : `\n%${'0'.repeat(Math.max(0, n - 2))}`)
  out = build(text(lines) + filler(missing))
  // The xref offsets' digits may not grow (10-digit padding), so a second pass only corrects small drift.
  const drift = minSize - out.length
  if (drift > 0) out = build(text(lines) + filler(missing + drift))
  return out
}
