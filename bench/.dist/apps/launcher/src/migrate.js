import { runMigrations } from '../../../libs/database/src/index.js';
/** `npm run migrate`: the deliberate production step before a new release serves traffic. */
const url = process.env.DATABASE_URL;
if (!url) {
    console.error('config: DATABASE_URL is required but not set');
    process.exit(78);
}
runMigrations(url).then(() => console.log('migrations: up to date'), (err) => {
    console.error(`migrations: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
