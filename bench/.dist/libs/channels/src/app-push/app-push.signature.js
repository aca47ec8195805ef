import { createHmac, timingSafeEqual } from 'node:crypto';
/**
 * The city app's push API signs each request with HMAC-SHA256 (hex) over
 * "<METHOD>\n<path>\n<X-Timestamp>\n<X-Nonce>\n<raw body>", keyed with the app secret, sent as X-Signature next
 * to X-App-Key. Method and path in the signed text stop a signature from being replayed on another route; the
 * timestamp and the single-use nonce stop it from being replayed at all.
 */
export function signPushRequest(secret, method, path, timestamp, nonce, body) {
    return createHmac('sha256', secret).update(`${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${body}`).digest('hex');
}
export function verifyPushRequest(secret, method, path, timestamp, nonce, body, signature) {
    const expected = Buffer.from(signPushRequest(secret, method, path, timestamp, nonce, body));
    const given = Buffer.from(signature ?? '');
    return expected.length === given.length && timingSafeEqual(expected, given);
}
