/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidi
 * overrides, which a terminal would act on: a username like
 * `bob\n12:00:00 conn_x alice connecting → connected` must not print a second,
 * forged log line, nor an ANSI escape recolour the terminal.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const escapeChar = (ch: string): string => {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
  const code = ch.charCodeAt(0)
  return named[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
}

/** One value on one pretty log line: every unsafe character spelled out (`\n`, `\x1b`, `\u2028`). */
export function escapeLogValue(value: string): string {
  return value.replace(UNSAFE, escapeChar)
}

/**
 * A message the emulator composed (it may span lines on purpose, e.g. a
 * scenario error): unsafe characters are spelled out except the newline, and
 * every continuation line is indented, so no line of it can pass for a new entry.
 */
export function escapeLogMessage(message: string): string {
  return message.split('\n').map(escapeLogValue).join('\n  ')
}
