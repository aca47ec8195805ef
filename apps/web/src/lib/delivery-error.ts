// A delivery's last error as staff read it. The worker stores what happened in the words of the layer that saw
// it: the WeChat, Weibo and App push adapters already write Chinese, but the webhook, the network layer, the
// push counts and the runner write English, which also goes to logs, the audit log and API clients and which the
// specs pin. The page says it in Chinese and keeps the original under 技术细节 for whoever checks with the remote.

export interface DeliveryErrorText {
  /** what staff read */
  zh: string;
  /** the stored text, shown folded, when `zh` is a translation of it */
  raw: string | null;
}

const CJK = /[\u3400-\u9fff]/;

const HTTP_STATUS_ZH: Record<number, string> = {
  400: '请求被拒绝',
  401: '身份验证未通过，请检查渠道的密钥',
  403: '没有权限，请检查渠道的密钥',
  404: '地址不存在，请检查渠道配置中的地址',
  408: '对方等待请求超时',
  409: '与对方已有的内容冲突',
  410: '对方表示不再接收这类请求，请与接收方核对渠道配置中的地址',
  413: '内容过大，对方不接收',
  422: '内容未通过对方的检查',
  429: '请求过于频繁，稍后自动重试',
};

function httpStatusZh(status: number): string {
  return HTTP_STATUS_ZH[status] ?? (status >= 500 ? '对方服务器出错，稍后自动重试' : '请求未被接受');
}

/** "1196 of 1200 recipients sent; 3 failed (…); outcome unknown for 1 recipients; <hint>; 2 not sent because …" */
function pushCounts(text: string): string | null {
  const head = /^(\d+) of (\d+) (recipients|numbers) sent(?:;|$)/.exec(text);
  if (!head) return null;
  const who = head[3] === 'numbers' ? '个号码' : '位订阅者';
  const parts = [`共 ${head[2]} ${who}，已发送 ${head[1]}`];
  const failed = /(\d+) failed \(a retry sends to those only\)/.exec(text);
  if (failed) parts.push(`${failed[1]} 失败（重试只发给这些）`);
  const unknown = /outcome unknown for (\d+) /.exec(text);
  if (unknown) {
    const check = head[3] === 'numbers' ? '请先在短信平台查询发送状态，再决定是否重发并记录结果' : '请先查看邮件服务器的日志，再决定是否重发';
    parts.push(`${unknown[1]} 结果未知（已交给服务器后连接超时或中断；${check}）`);
  }
  const cancelled = /(\d+) not sent because the disclosure was withdrawn/.exec(text);
  if (cancelled) parts.push(`${cancelled[1]} 因信息已撤回未发送`);
  return parts.join('；');
}

/** The Chinese for the English messages the worker stores; null when it is not one of them. */
function translate(text: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^nothing was resent: (.*)$/s.exec(text))) return `没有重发：${translate(m[1]) ?? m[1]}`;
  if ((m = /^HTTP (\d{3}) from [^:\s]+/.exec(text))) return `对方返回 HTTP ${m[1]}：${httpStatusZh(Number(m[1]))}`;
  if (/^timeout: /.test(text)) return '请求超时，没有等到对方的应答';
  if (/^network error: /.test(text)) return '网络错误，没能连上对方，稍后自动重试';
  if (/^connection reset mid-request/.test(text)) return '连接在请求中途断开，对方是否收到未知：请与对方核对后确认或重试';
  if (/^no answer: /.test(text)) return '没有收到应答，对方是否收到未知：请与对方核对后确认或重试';
  if (/^the previous attempt was interrupted; whether it arrived is unknown/.test(text)) return '上次发送被中断，对方是否收到未知：请与对方核对后确认或重试';
  if (/^target \S+ resolves to a \S+ address/.test(text)) return '渠道地址指向内部网络，已拒绝发送（如确需发往内网，请在渠道配置中允许）';
  if ((m = /^channel \S+ cannot (update|withdraw)/.exec(text))) return m[1] === 'update' ? '该渠道不能更新已发布的内容' : '该渠道不能撤回已发布的内容';
  if (/^channel \S+: no screen group shows carrier/.test(text)) return '没有电子屏分组显示这一载体，请检查电子屏分组配置';
  return pushCounts(text);
}

export function deliveryErrorText(stored: string): DeliveryErrorText {
  const zh = translate(stored);
  if (zh) return { zh, raw: stored };
  if (CJK.test(stored)) return { zh: stored, raw: null };
  // an English message not listed above (a remote's own words, a library's error): say so, keep it folded
  return { zh: '渠道返回了错误', raw: stored };
}
