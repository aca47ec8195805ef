import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';
export function dataSourceOptions(url) {
    return {
        type: 'postgres',
        url,
        synchronize: false,
        migrations,
        migrationsTransactionMode: 'each',
        extra: { max: 20, connectionTimeoutMillis: 5000 },
    };
}
/** Runs pending migrations: the deliberate step before a new release serves traffic. */
export async function runMigrations(url, log = console.log) {
    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    try {
        const done = await ds.runMigrations();
        for (const m of done)
            log(`migration applied: ${m.name}`);
    }
    finally {
        await ds.destroy();
    }
}
