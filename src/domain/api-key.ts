/**
 * What a Deck API key looks like: `sk_test_…` or `sk_live_…`, then at least
 * four letters, digits or `_`. One rule for the API's auth, the CLI's `--keys`
 * check and the dashboard's sign-in, so none of them reaches into http/.
 */
export const KEY_PATTERN = /^sk_(test|live)_[A-Za-z0-9_]{4,}$/
