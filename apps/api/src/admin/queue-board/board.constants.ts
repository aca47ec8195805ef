/** Where the board lives. Raw Express, so the full path: the Nest global prefix does not apply to it. */
export const BOARD_PATH = '/api/admin/queues/board';
/** The cookie that carries the board's own token: HttpOnly, SameSite=Strict, sent only to BOARD_PATH. */
export const BOARD_COOKIE = 'gkd_queue_board';
/** The claim that makes the cookie's token useless as an API bearer token (and a bearer token useless here). */
export const BOARD_SCOPE = 'queue-board';
/** Short, because the cookie is a second credential: the admin opens the board again from the 队列 page. */
export const BOARD_TTL_SECONDS = 15 * 60;
