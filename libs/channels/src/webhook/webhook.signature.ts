import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The legacy scheme, kept for one release (settings.legacyHeaders) and still used by the screen-vendor channel:
 * HMAC-SHA256 over "<unix seconds>.<raw body>", sent as `X-Gongkai-Signature: sha256=<hex>` with
 * `X-Gongkai-Timestamp`. It does not cover `Idempotency-Key`: a captured request replayed under a new key still
 * verifies, which is why the webhook channel moved to the Standard Webhooks scheme below.
 */
export function sign(secret: string, timestamp: number, rawBody: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function verify(secret: string, timestamp: number, rawBody: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Standard Webhooks (standardwebhooks.com, spec/standard-webhooks.md): `webhook-signature: v1,<base64 HMAC-SHA256
 * over "<webhook-id>.<webhook-timestamp>.<raw body>">`, space-separated when several secrets are in use (rotation).
 * A secret written `whsec_<base64>` is used as the bytes it encodes, as the spec's libraries do; any other secret
 * as its UTF-8 bytes.
 */
export function standardSignature(secret: string, id: string, timestamp: number, rawBody: string): string {
  return 'v1,' + createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${rawBody}`).digest('base64');
}

/** The header value for every secret in use: the current one first, then those a rotation still accepts. */
export function standardSignatures(secrets: string[], id: string, timestamp: number, rawBody: string): string {
  return secrets.map((s) => standardSignature(s, id, timestamp, rawBody)).join(' ');
}

/** True when any signature in the header matches the secret (constant-time per candidate). */
export function verifyStandard(secret: string, id: string, timestamp: number, rawBody: string, header: string | undefined): boolean {
  if (!header || !id || !Number.isFinite(timestamp)) return false;
  const expected = Buffer.from(standardSignature(secret, id, timestamp, rawBody));
  return header.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/**
 * A `whsec_` secret is Standard Webhooks' serialization of a random key: base64 of at least 24 and at most 64 bytes
 * ("Random. At least 24 bytes (192 bits, 512 maximum)"). A mistyped one would sign with bytes nobody meant, so it is
 * refused at boot. Returns what is wrong, or null.
 */
export function standardSecretProblem(secret: string): string | null {
  if (!secret.startsWith('whsec_')) return null;
  const b64 = secret.slice(6);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 === 1) return 'is a whsec_ secret whose rest is not base64';
  const bytes = Buffer.from(b64, 'base64').length;
  if (bytes < 24 || bytes > 64) return `is a whsec_ secret of ${bytes} bytes; Standard Webhooks keys are 24 to 64 random bytes`;
  return null;
}
