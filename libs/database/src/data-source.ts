import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrations,
    migrationsTransactionMode: 'each',
    // Connections are kept for 5 minutes when idle (pg's default is 10 s): a new one costs a SCRAM handshake
    // (PBKDF2 on both ends) and a cold backend, which profiles showed on every burst after a pause.
    extra: { max: 20, connectionTimeoutMillis: 5000, idleTimeoutMillis: 300_000 },
  };
}

/** Runs pending migrations: the deliberate step before a new release serves traffic. */
export async function runMigrations(url: string, log: (line: string) => void = console.log): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const done = await ds.runMigrations();
    for (const m of done) log(`migration applied: ${m.name}`);
  } finally {
    await ds.destroy();
  }
}
