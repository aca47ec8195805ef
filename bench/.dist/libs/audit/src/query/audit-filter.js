/**
 * WHERE clause over `audit_log a`, with $-placeholders numbered after `args`. Entries written by the worker
 * carry no department of their own, so a department filter also matches through the entry's disclosure.
 */
export function filterSql(f, args) {
    const where = [];
    const add = (sql, v) => {
        args.push(v);
        where.push(sql.replaceAll('?', `$${args.length}`));
    };
    if (f.from)
        add('a.at >= ?', f.from);
    if (f.to)
        add('a.at < ?', f.to);
    if (f.actor)
        add('a.actor = ?', f.actor.includes(':') ? f.actor : `user:${f.actor}`);
    if (f.action) {
        if (f.action.endsWith('.*'))
            add(`a.action LIKE ?`, `${f.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`);
        else
            add('a.action = ?', f.action);
    }
    if (f.department) {
        add('(a.department_code = ? OR a.disclosure_id IN (SELECT id FROM disclosures WHERE department_code = ?))', f.department);
    }
    if (f.disclosure)
        add('a.disclosure_id = ?', f.disclosure);
    if (f.channel)
        add('a.channel = ?', f.channel);
    if (f.outcome)
        add('a.outcome = ?', f.outcome);
    return where;
}
