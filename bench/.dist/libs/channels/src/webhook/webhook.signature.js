import { createHmac, timingSafeEqual } from 'node:crypto';
/**
 * The signature scheme of every signed HTTP channel: HMAC-SHA256 over "<unix seconds>.<raw body>", sent as
 * `X-Gongkai-Signature: sha256=<hex>` with `X-Gongkai-Timestamp`. The timestamp in the signed text lets a
 * receiver reject replays older than its tolerance.
 */
export function sign(secret, timestamp, rawBody) {
    return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}
export function verify(secret, timestamp, rawBody, signature) {
    if (!signature)
        return false;
    const expected = Buffer.from(sign(secret, timestamp, rawBody));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
}
