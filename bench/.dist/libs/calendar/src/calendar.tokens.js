/** The directory of holiday-cn YYYY.json files (config/holidays). */
export const HOLIDAYS_DIR = 'HOLIDAYS_DIR';
/** Optional Partial<DueSettings> overriding the documented defaults. */
export const DUE_SETTINGS = 'DUE_SETTINGS';
