import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256), as sms.tencentcloudapi.com checks it ("签名方法 v3"):
 * CanonicalRequest = POST \n / \n (empty query) \n CanonicalHeaders \n SignedHeaders \n hex(sha256(payload)), where
 * each signed header is `name:value\n` with name and value lower-cased, sorted by name; content-type and host must
 * be signed, more may be. The key is derived from "TC3" + SecretKey, the UTC date of X-TC-Timestamp, the service
 * and "tc3_request". We sign content-type, host and x-tc-action (the documentation's current example); Tencent's
 * SDKs and the documentation's older example sign content-type and host only, and the service accepts both.
 */
export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  action: string;
  timestamp: number;
  payload: string;
  contentType?: string;
  /** lower-case header names to sign; default content-type, host, x-tc-action */
  signedHeaders?: readonly string[];
}

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';
export const TC3_SIGNED_HEADERS = ['content-type', 'host', 'x-tc-action'] as const;
/** the headers a request of ours can have signed; content-type and host are required by the service */
const SIGNABLE = new Set<string>(TC3_SIGNED_HEADERS);

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export function tc3Signature(i: Tc3Input): { authorization: string; signature: string; credentialScope: string } {
  const contentType = i.contentType ?? TC3_CONTENT_TYPE;
  const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
  const values: Record<string, string> = { 'content-type': contentType, host: i.host, 'x-tc-action': i.action };
  const names = [...(i.signedHeaders ?? TC3_SIGNED_HEADERS)].map((n) => n.toLowerCase()).sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((n) => `${n}:${String(values[n] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256hex(i.payload)].join('\n');
  const credentialScope = `${date}/${i.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(i.timestamp), credentialScope, sha256hex(canonicalRequest)].join('\n');
  const secretSigning = hmac(hmac(hmac(`TC3${i.secretKey}`, date), i.service), 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(toSign, 'utf8').digest('hex');
  return {
    signature,
    credentialScope,
    authorization: `TC3-HMAC-SHA256 Credential=${i.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * Parses an Authorization header and checks it against the request; the fake's half of the protocol. Like the
 * service, it takes whichever headers the client says it signed, as long as content-type and host are among them.
 */
export function verifyTc3(
  authorization: string | undefined,
  secretFor: (secretId: string) => string | undefined,
  req: Omit<Tc3Input, 'secretId' | 'secretKey' | 'signedHeaders'>,
): { ok: true; secretId: string } | { ok: false; code: string; message: string } {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? '');
  if (!m) return { ok: false, code: 'AuthFailure.InvalidAuthorization', message: 'Authorization header is not TC3-HMAC-SHA256' };
  const [, secretId, , service, signedHeaders, signature] = m;
  const secretKey = secretFor(secretId);
  if (!secretKey) return { ok: false, code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found' };
  const names = signedHeaders.split(';');
  const sorted = [...names].sort().join(';') === signedHeaders;
  if (!sorted || !names.includes('content-type') || !names.includes('host') || names.some((n) => !SIGNABLE.has(n)) || service !== req.service) {
    return { ok: false, code: 'AuthFailure.SignatureFailure', message: 'unexpected signed headers or service' };
  }
  const expected = Buffer.from(tc3Signature({ ...req, secretId, secretKey, signedHeaders: names }).signature);
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated' };
  }
  return { ok: true, secretId };
}
