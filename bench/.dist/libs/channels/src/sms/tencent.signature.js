import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';
const sha256hex = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key, s) => createHmac('sha256', key).update(s, 'utf8').digest();
export function tc3Signature(i) {
    const contentType = i.contentType ?? TC3_CONTENT_TYPE;
    const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
    const signedHeaders = 'content-type;host;x-tc-action';
    const canonicalHeaders = `content-type:${contentType}\nhost:${i.host}\nx-tc-action:${i.action.toLowerCase()}\n`;
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
/** Parses an Authorization header and checks it against the request; the fake's half of the protocol. */
export function verifyTc3(authorization, secretFor, req) {
    const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? '');
    if (!m)
        return { ok: false, code: 'AuthFailure.InvalidAuthorization', message: 'Authorization header is not TC3-HMAC-SHA256' };
    const [, secretId, , service, signedHeaders, signature] = m;
    const secretKey = secretFor(secretId);
    if (!secretKey)
        return { ok: false, code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found' };
    if (signedHeaders !== 'content-type;host;x-tc-action' || service !== req.service) {
        return { ok: false, code: 'AuthFailure.SignatureFailure', message: 'unexpected signed headers or service' };
    }
    const expected = Buffer.from(tc3Signature({ ...req, secretId, secretKey }).signature);
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return { ok: false, code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated' };
    }
    return { ok: true, secretId };
}
