import { createHmac, timingSafeEqual } from 'node:crypto';
/**
 * Aliyun RPC-style signature (SignatureVersion 1.0, HMAC-SHA1), as dysmsapi 2017-05-25 checks it:
 * StringToSign = METHOD + '&' + percentEncode('/') + '&' + percentEncode(sorted canonical query), and
 * Signature = base64(HMAC-SHA1(AccessKeySecret + '&', StringToSign)).
 */
export function percentEncode(s) {
    // RFC 3986: encodeURIComponent leaves !'()* alone, Aliyun wants them encoded; ~ stays as it is
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
export function canonicalQuery(params) {
    return Object.keys(params)
        .filter((k) => k !== 'Signature')
        .sort()
        .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
        .join('&');
}
export function stringToSign(method, params) {
    return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}
export function aliyunSignature(accessKeySecret, method, params) {
    return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params)).digest('base64');
}
export function verifyAliyunSignature(accessKeySecret, method, params) {
    const given = Buffer.from(params.Signature ?? '');
    const expected = Buffer.from(aliyunSignature(accessKeySecret, method, params));
    return given.length === expected.length && timingSafeEqual(given, expected);
}
