import { deliveryErrorText } from '../../apps/web/src/lib/delivery-error.js';
import { describeOutcome } from '../../libs/subscribers/src/index.js';

/** Latin words staff would have to decode (HTTP is a term used as such in Chinese offices). */
const latin = (s: string) => (s.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? []).filter((w) => w !== 'HTTP');

/** The disclosure page's 原因 for the English messages the worker stores (apps/web/src/lib/delivery-error.ts). */
describe('delivery errors in Chinese', () => {
  it('translates the webhook, network and runner messages, keeping the original folded', () => {
    const cases: [string, RegExp][] = [
      ['HTTP 400 from website: {"error":"bad title"}', /^对方返回 HTTP 400：请求被拒绝$/],
      ['HTTP 503 from website', /^对方返回 HTTP 503：对方服务器出错/],
      ["HTTP 410 from website: the receiver says it no longer accepts these requests (410 Gone); check settings.url with the receiver's operator: gone", /^对方返回 HTTP 410：对方表示不再接收/],
      ['timeout: timeout of 10000 ms exceeded', /^请求超时/],
      ['network error: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9', /^网络错误/],
      ['connection reset mid-request: socket hang up', /对方是否收到未知/],
      ['the previous attempt was interrupted; whether it arrived is unknown', /^上次发送被中断/],
      ['target 10.0.0.5 resolves to a private address (10.0.0.5); set allowPrivateNetwork: true to allow it', /内部网络/],
      ['channel gazette cannot update', /不能更新/],
      ['channel screens: no screen group shows carrier community_screens', /电子屏分组/],
    ];
    for (const [stored, zh] of cases) {
      const t = deliveryErrorText(stored);
      expect(t.zh).toMatch(zh);
      expect(t.raw).toBe(stored);
      expect(latin(t.zh)).toEqual([]);
    }
  });

  it('reads the push counts the worker writes, for e-mail and SMS', () => {
    const counts = { total: 1200, sent: 1195, failed: 3, unknown: 1, cancelled: 1, pending: 0, sending: 0, parts: 3 };
    const mail = describeOutcome(counts, 'recipients', "the SMTP transaction timed out or broke off after the message was handed over; check the mail server's log before resending");
    expect(mail.status).toBe('failed');
    const t = deliveryErrorText((mail as { error: string }).error);
    expect(t.zh).toBe('共 1200 位订阅者，已发送 1195；3 失败（重试只发给这些）；1 结果未知（已交给服务器后连接超时或中断；请先查看邮件服务器的日志，再决定是否重发）；1 因信息已撤回未发送');
    const sms = describeOutcome({ ...counts, total: 10, sent: 9, failed: 1, unknown: 0, cancelled: 0 }, 'numbers', 'check the gateway first');
    expect(deliveryErrorText(`nothing was resent: ${(sms as { error: string }).error}`).zh).toBe('没有重发：共 10 个号码，已发送 9；1 失败（重试只发给这些）');
  });

  it('shows Chinese messages as they are, and folds an unknown English one under a Chinese line', () => {
    expect(deliveryErrorText('微信接口 draft/add：标题超过 32 字（45003 title size out of limit）')).toEqual({ zh: '微信接口 draft/add：标题超过 32 字（45003 title size out of limit）', raw: null });
    expect(deliveryErrorText('EPROTO something unexpected')).toEqual({ zh: '渠道返回了错误', raw: 'EPROTO something unexpected' });
  });
});
