const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Reads `item:c:i`, `group:c:一级事项`, `catalogue:c`, or the short form `c:i` for an item. */
export function parseTopic(input) {
    const s = input.trim();
    const [head, ...rest] = s.split(':');
    if (head === 'catalogue' && rest.length === 1 && CODE.test(rest[0]))
        return { kind: 'catalogue', catalogue: rest[0] };
    if ((head === 'item' || head === 'group') && rest.length >= 2 && CODE.test(rest[0])) {
        const value = rest.slice(1).join(':').trim();
        if (!value || value.length > 100)
            return null;
        return head === 'item' ? { kind: 'item', catalogue: rest[0], itemId: value } : { kind: 'group', catalogue: rest[0], group: value };
    }
    if (rest.length === 1 && CODE.test(head) && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(rest[0]))
        return { kind: 'item', catalogue: head, itemId: rest[0] };
    return null;
}
export function formatTopic(t) {
    switch (t.kind) {
        case 'item':
            return `item:${t.catalogue}:${t.itemId}`;
        case 'group':
            return `group:${t.catalogue}:${t.group}`;
        default:
            return `catalogue:${t.catalogue}`;
    }
}
/** Every topic whose followers should hear about a disclosure of this catalogue item. */
export function topicsForItem(catalogue, itemId, itemPath) {
    const topics = [`item:${catalogue}:${itemId}`, `catalogue:${catalogue}`];
    if (itemPath[0])
        topics.push(`group:${catalogue}:${itemPath[0]}`);
    return topics;
}
/** A label a subscriber recognises, for the footer that tells them why they got the message. */
export function topicLabel(topic, itemPath) {
    const t = parseTopic(topic);
    if (!t)
        return topic;
    if (t.kind === 'group')
        return t.group;
    if (t.kind === 'item')
        return itemPath?.length ? itemPath.join(' / ') : t.itemId;
    return '全部公开事项';
}
