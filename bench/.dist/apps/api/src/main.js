import 'reflect-metadata';
import { createApi } from './create-api.js';
/** The API process. Several may run behind a load balancer: they share nothing but Postgres and Redis. */
async function main() {
    const app = await createApi();
    const port = Number(process.env.PORT ?? 3000);
    await app.listen(port, process.env.HOST ?? '0.0.0.0');
    console.log(`api: listening on http://127.0.0.1:${port} (docs at /api/docs)`);
}
main().catch((err) => {
    console.error(`api: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
