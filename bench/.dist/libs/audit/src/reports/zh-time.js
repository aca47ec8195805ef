/** Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00 offset is exact for every date we show. */
const OFFSET_MS = 8 * 3600 * 1000;
/** `2026-11-24 09:00` in Beijing time. */
export function beijingMinute(d) {
    return new Date(new Date(d).getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
/** `2026-11-24` in Beijing time. */
export function beijingDate(d) {
    return new Date(new Date(d).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
/** Midnight at the start of a Beijing calendar day (`YYYY-MM-DD`), as an instant. */
export function beijingDayStart(day) {
    return new Date(`${day}T00:00:00+08:00`);
}
/** The Beijing calendar day after `day`. */
export function nextDay(day) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
}
/** `2 天 3 小时`: how late, for people. */
export function zhDuration(ms) {
    const minutes = Math.max(0, Math.round(ms / 60000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    const parts = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', !days && mins ? `${mins} 分钟` : ''].filter(Boolean);
    return parts.length ? parts.join(' ') : '不到 1 分钟';
}
