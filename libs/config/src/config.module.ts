import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.js';
import { parseEnv } from './env.schema.js';

/**
 * Validates the environment once at boot. A bad setting stops the process with one line per problem
 * (not a stack trace), so an operator sees at once which variable to fix. A static forRoot() (not a decorator
 * argument) so that importing AppConfig's type never triggers validation in scripts that have no such env.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          validate: (raw) => {
            const parsed = parseEnv(raw as Record<string, string | undefined>);
            if ('problems' in parsed) {
              for (const line of parsed.problems) console.error(line);
              process.exit(78); // EX_CONFIG
            }
            return parsed.env;
          },
        }),
      ],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
