/**
 * Weibo's 140-字 limit counts two ASCII characters as one 字. Here every character outside ASCII weighs 1 and
 * every ASCII character 0.5, and the total is rounded up. Links are counted at their full length (Weibo
 * shortens them to t.cn links and counts less), so a status that fits here fits on Weibo.
 */
export const WEIBO_MAX_WEIGHT = 140;

export function weiboWeight(text: string): number {
  let halves = 0;
  for (const ch of text) halves += ch.codePointAt(0)! < 128 ? 1 : 2;
  return Math.ceil(halves / 2);
}

/** Cuts to at most `max` weight, ending with … when something was cut. */
export function truncateWeighted(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (weiboWeight(clean) <= max) return clean;
  let out = '';
  for (const ch of clean) {
    if (weiboWeight(out + ch + '…') > max) break;
    out += ch;
  }
  return out ? `${out}…` : '';
}

/**
 * statuses/share: "文本中不能包含'#话题词#'" (open.weibo.com/wiki/2/statuses/share). A title or summary with two #
 * would read as a topic, so every # in them becomes the full-width ＃, which Weibo does not parse as one. The link
 * is left alone: it is ours, and a # there is its fragment.
 */
export function withoutTopics(text: string): string {
  return text.replace(/#/g, '＃');
}

/** 【标题】摘要… https://… — the link last, so it survives any cut and Weibo shows its card. */
export function composeStatus(title: string, summary: string, url: string): string {
  const tail = ` ${url}`;
  const room = WEIBO_MAX_WEIGHT - weiboWeight(tail);
  const head = `【${truncateWeighted(withoutTopics(title), room - 2)}】`;
  const rest = room - weiboWeight(head);
  const body = rest > 1 ? truncateWeighted(withoutTopics(summary), rest) : '';
  return `${head}${body}${tail}`;
}
