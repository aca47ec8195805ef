/** 索引号 rule: department code + '/' + year (Beijing) + '-' + 5-digit serial, e.g. genhe-zwfw/2026-00013. */
export const INDEX_NO_RULE = '{部门代码}/{年份}-{5位流水号}';
export function beijingYear(at) {
    return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
/**
 * The serial after the highest one used this year in disclosures and drafts of the department. Two editors asking
 * at once get the same suggestion; the number is checked by a person before publishing, not reserved here.
 */
export async function nextIndexNo(db, department, at) {
    const prefix = `${department}/${beijingYear(at)}-`;
    const [row] = await db.query(`SELECT COALESCE(max(substring(v FROM '(\\d+)$')::int), 0) AS max FROM (
       SELECT metadata->>'indexNo' AS v FROM disclosures WHERE department_code = $1 AND metadata->>'indexNo' LIKE $2
       UNION ALL
       SELECT metadata->>'indexNo' FROM drafts WHERE department_code = $1 AND metadata->>'indexNo' LIKE $2
     ) t WHERE v ~ '\\d+$'`, [department, `${prefix.replace(/[%_\\]/g, '\\$&')}%`]);
    return { indexNo: `${prefix}${String(Number(row.max) + 1).padStart(5, '0')}`, rule: INDEX_NO_RULE };
}
