import { createHash, timingSafeEqual } from 'node:crypto';
/**
 * The parts of the WeChat Official Account protocol that the adapter, its fake and the API's callback endpoint
 * share: the callback signature, the PUBLISHJOBFINISH event and what each publish_status means.
 */
/** WeChat signs callbacks with sha1 over the lexically sorted, concatenated [token, timestamp, nonce]. */
export function callbackSignature(token, timestamp, nonce) {
    return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}
export function verifyCallbackSignature(token, timestamp, nonce, signature) {
    const expected = Buffer.from(callbackSignature(token, timestamp, nonce));
    const given = Buffer.from(signature.toLowerCase());
    return expected.length === given.length && timingSafeEqual(expected, given);
}
/** What WeChat says a finished publish job's status means, in the words staff read in the back office. */
export const PUBLISH_STATUS_REASONS = {
    0: '发布成功',
    1: '发布中',
    2: '原创声明审核失败',
    3: '发布失败（常规失败）',
    4: '平台审核不通过',
    5: '发布成功后已被用户删除全部文章',
    6: '发布成功后已被系统封禁全部文章',
};
/** publish_status → outcome; shared by the callback endpoint and poll() so both settle a delivery alike. */
export function publishOutcome(info) {
    if (info.publishStatus === 1)
        return { status: 'pending' };
    if (info.publishStatus === 0) {
        return { status: 'delivered', remoteId: info.articleId || undefined, remoteUrl: info.articleUrls?.[0] || undefined };
    }
    const reason = PUBLISH_STATUS_REASONS[info.publishStatus] ?? `未知发布状态`;
    const failed = info.failIdx?.length ? `，失败的文章序号：${info.failIdx.join('、')}` : '';
    return { status: 'failed', error: `微信公众号发布失败：${reason}（publish_status=${info.publishStatus}${failed}）` };
}
/**
 * Reads the plaintext-mode event XML. WeChat's XML is flat and machine-written (CDATA or plain text, no
 * attributes), so a few anchored patterns read it without an XML library.
 */
export function parsePublishEvent(xml) {
    const root = /<xml>([\s\S]*)<\/xml>/.exec(xml)?.[1];
    if (root === undefined)
        return null;
    const info = /<PublishEventInfo>([\s\S]*?)<\/PublishEventInfo>/.exec(root)?.[1] ?? '';
    const detail = /<article_detail>([\s\S]*?)<\/article_detail>/.exec(info)?.[1] ?? '';
    const items = [...detail.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => ({ idx: Number(text(m[1], 'idx')), url: text(m[1], 'article_url') }));
    items.sort((a, b) => a.idx - b.idx);
    const status = text(info, 'publish_status');
    return {
        toUserName: text(root, 'ToUserName'),
        fromUserName: text(root, 'FromUserName'),
        createTime: Number(text(root, 'CreateTime')),
        msgType: text(root, 'MsgType'),
        event: text(root, 'Event'),
        publishId: text(info, 'publish_id'),
        publishStatus: status === '' ? NaN : Number(status),
        articleId: text(info, 'article_id'),
        articleUrls: items.map((i) => i.url).filter(Boolean),
        failIdx: [...info.matchAll(/<fail_idx>\s*(\d+)\s*<\/fail_idx>/g)].map((m) => Number(m[1])),
    };
}
/** Builds the XML WeChat posts; used by the fake so tests exercise the real parser on the real shape. */
export function publishEventXml(e) {
    const items = e.articleUrls.map((u, i) => `<item><idx>${i + 1}</idx><article_url>${cdata(u)}</article_url></item>`).join('');
    const fails = e.failIdx.map((i) => `<fail_idx>${i}</fail_idx>`).join('');
    return (`<xml><ToUserName>${cdata(e.toUserName)}</ToUserName><FromUserName>${cdata(e.fromUserName)}</FromUserName>` +
        `<CreateTime>${e.createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('PUBLISHJOBFINISH')}</Event>` +
        `<PublishEventInfo><publish_id>${e.publishId}</publish_id><publish_status>${e.publishStatus}</publish_status>` +
        `<article_id>${cdata(e.articleId)}</article_id><article_detail><count>${e.articleUrls.length}</count>${items}</article_detail>${fails}` +
        `</PublishEventInfo></xml>`);
}
/** Safe mode wraps the event in <Encrypt>; only plaintext mode is implemented. */
export function isEncryptedMessage(xml) {
    return /<Encrypt>/.test(xml);
}
function text(xml, tag) {
    const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
    if (!m)
        return '';
    return m[1] !== undefined ? m[1] : decodeEntities(m[2] ?? '').trim();
}
function decodeEntities(s) {
    return s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]);
}
function cdata(s) {
    return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
