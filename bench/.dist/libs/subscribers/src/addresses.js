/**
 * Addresses as the push channels need them: email lower-cased (the unique key), phone numbers in E.164. A
 * mainland number may be typed without +86; anything else must carry its country code.
 */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export function normalizeEmail(input) {
    const s = input.trim().toLowerCase();
    return s.length <= 254 && EMAIL.test(s) ? s : null;
}
export function normalizePhone(input) {
    const s = input.replace(/[\s()-]/g, '');
    if (/^1[3-9]\d{9}$/.test(s))
        return `+86${s}`;
    if (/^(\+|00)861[3-9]\d{9}$/.test(s))
        return `+86${s.slice(-11)}`;
    if (/^(\+|00)86/.test(s))
        return null; // +86 but not a mainland mobile number
    const m = /^(?:\+|00)([1-9]\d{6,14})$/.exec(s);
    return m ? `+${m[1]}` : null;
}
/** Aliyun wants mainland numbers bare (13800138000) and others with the country code but no plus. */
export function aliyunNumber(e164) {
    return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}
/** For logs and lists shown to people who need not see the whole address. */
export function maskAddress(address) {
    const at = address.indexOf('@');
    if (at > 0)
        return `${address.slice(0, Math.min(2, at))}***${address.slice(at)}`;
    return address.length > 7 ? `${address.slice(0, address.length - 8)}****${address.slice(-4)}` : '****';
}
