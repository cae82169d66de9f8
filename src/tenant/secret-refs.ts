/**
 * Names of the secrets a tenant keeps in `tenant.secrets` (store/secrets.ts),
 * one prefix per kind, so kinds never collide. A new kind (e.g. the
 * credentials generation's `credential:<id>`) adds a function here.
 */
export const secretRefs = {
  /** The password a connection logs in with; deleted when the connection is terminated. */
  connectionPassword: (connectionId: string) => `connection:${connectionId}:password`,
  /** A stored idempotent response (it may carry a secret shown once, e.g. a webhook secret). */
  idempotentResponse: (key: string) => `idempotency:${key}`,
  /** A credential's password (credentials generation); deleted with the credential. */
  credentialPassword: (credentialId: string) => `credential:${credentialId}:password`,
  /** One signing secret of an event destination; deleted once it stops signing. */
  webhookSecret: (destinationId: string, secretId: string) => `webhook:${destinationId}:${secretId}`,
}
