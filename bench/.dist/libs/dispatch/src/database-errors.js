/** Codes of a database that cannot be reached or is going away (node: socket errors; PostgreSQL: class 08, 57P0x, 53300). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/;
/** TypeORM gives up a transaction's connection once the server has dropped it; later queries in it fail with these. */
const RELEASED_RUNNER = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);
/**
 * The database is down, restarting or out of connections — not a fault of the request or the delivery. The API
 * answers 503 for it; a worker waits for the database instead of spending the job's attempts.
 */
export function isDatabaseUnavailable(err) {
    const e = err;
    if (!e || typeof e !== 'object')
        return false;
    if (UNAVAILABLE_CODES.has(e.code ?? '') || UNAVAILABLE_CODES.has(e.driverError?.code ?? ''))
        return true;
    if (RELEASED_RUNNER.has(e.name ?? '') || RELEASED_RUNNER.has(e.constructor?.name ?? ''))
        return true;
    return UNAVAILABLE_MESSAGES.test(e.message ?? '') || UNAVAILABLE_MESSAGES.test(e.driverError?.message ?? '');
}
