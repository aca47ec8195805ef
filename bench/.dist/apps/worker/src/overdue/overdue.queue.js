/**
 * The overdue monitor's queue. It holds only the job scheduler's sweeps; renaming it would leave the old
 * scheduler firing into a queue nobody reads, so remove that scheduler first (docs/deadlines.md).
 */
export const OVERDUE_QUEUE = 'overdue';
export const SWEEP_SCHEDULER_ID = 'overdue-sweep';
export const SWEEP_JOB = 'overdue.sweep';
