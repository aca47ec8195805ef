/**
 * The API's due-date warning (libs/calendar/src/due-date.ts) in Chinese. The API keeps English wording for its
 * other clients and logs; the back office translates the two shapes it knows and never shows the English.
 */
export function dueWarningText(w: string | null | undefined): string | null {
  if (!w) return null;
  const provisional = /^provisional: no holiday arrangement loaded for ([\d, ]+); counted with weekends only$/.exec(w);
  if (provisional) return `尚未载入 ${provisional[1].split(/,\s*/).join('、')} 年的节假日安排，暂只按周末计算，期限为暂定`;
  const rest = /^due date (\d{4}-\d{2}-\d{2}) is a rest day(?: \((.+)\))?$/.exec(w);
  if (rest) return `截止日 ${rest[1]} 是休息日${rest[2] ? `（${rest[2]}）` : ''}，请留意`;
  return '期限计算附有提示，请与法定期限核对';
}
