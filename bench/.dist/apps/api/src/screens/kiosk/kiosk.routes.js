import { RequestMethod } from '@nestjs/common';
/**
 * The kiosk page lives at /screens/:id, outside the /api prefix (a display opens a short URL). These routes are
 * excluded from the global prefix; no API route may be a GET of the form screens/<one segment>.
 */
export const KIOSK_ROUTES = [
    { path: 'screens/:id', method: RequestMethod.GET },
    { path: 'screens/assets/:file', method: RequestMethod.GET },
];
