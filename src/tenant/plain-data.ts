import { unwrap } from '../store/tracker.js'

/**
 * The plain object behind a value read from a tenant (or the value itself).
 * With file storage, whatever is read through `tenant.data` is a
 * change-tracking view; serialising or scanning the plain object skips a
 * proxy trap per property. For reading only: a change made to the result is
 * not stored. The one door to the store's `unwrap` for services and `http/`
 * (`tenant.plain` is the whole tenant's data read this way).
 */
export function plainData<T>(value: T): T {
  return unwrap(value)
}
