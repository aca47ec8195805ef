export async function screenFeeds(_s, ctx) {
    ctx.emit({ name: 'screen_feeds', value: NaN, unit: 'req/s', skipped: 'not written yet' });
}
