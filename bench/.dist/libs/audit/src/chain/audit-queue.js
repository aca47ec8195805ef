/**
 * The audit jobs' queue. Kept apart from the dispatch queues so a backlog of deliveries never delays the daily
 * verification. Like every queue name, never rename it casually: a rename strands its scheduler.
 */
export const AUDIT_QUEUE = 'audit';
export const AUDIT_DAILY_SCHEDULER = 'audit-daily';
