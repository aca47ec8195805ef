var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppConfigModule_1;
import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.js';
import { parseEnv } from './env.schema.js';
/**
 * Validates the environment once at boot. A bad setting stops the process with one line per problem
 * (not a stack trace), so an operator sees at once which variable to fix. A static forRoot() (not a decorator
 * argument) so that importing AppConfig's type never triggers validation in scripts that have no such env.
 */
let AppConfigModule = AppConfigModule_1 = class AppConfigModule {
    static forRoot() {
        return {
            module: AppConfigModule_1,
            imports: [
                ConfigModule.forRoot({
                    ignoreEnvFile: true,
                    validate: (raw) => {
                        const parsed = parseEnv(raw);
                        if ('problems' in parsed) {
                            for (const line of parsed.problems)
                                console.error(line);
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
};
AppConfigModule = AppConfigModule_1 = __decorate([
    Global(),
    Module({})
], AppConfigModule);
export { AppConfigModule };
