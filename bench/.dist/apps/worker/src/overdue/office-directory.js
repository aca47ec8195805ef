var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var OfficeDirectory_1;
var _a;
import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppConfig } from '../../../../libs/config/src/index.js';
const address = z.string().trim().regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'must be an e-mail address');
const addresses = z.union([address.transform((a) => [a]), z.array(address)]);
export const officesFileSchema = z.object({
    departments: z.record(z.string(), z.object({
        /** Used when an item's office is not listed, or lists nobody. */
        default: addresses.optional(),
        /** 责任科室 name, exactly as the catalogue prints it → addresses. */
        offices: z.record(z.string(), addresses).optional(),
    })),
});
/**
 * Who is told when a disclosure is late: config/offices.yaml maps each department's 责任科室 to e-mail addresses.
 * The file is read again when it changes, so an operator can fix an address without a restart; a broken edit
 * keeps the last good version in force and says why in the log.
 */
let OfficeDirectory = OfficeDirectory_1 = class OfficeDirectory {
    config;
    logger = new Logger(OfficeDirectory_1.name);
    current = { departments: {} };
    loadedMtime = -1;
    constructor(config) {
        this.config = config;
    }
    get file() {
        return path.resolve(this.config.get('OFFICES_FILE') ?? path.join(this.config.configDir, 'offices.yaml'));
    }
    recipients(department, office) {
        this.reloadIfChanged();
        const d = this.current.departments[department];
        if (!d)
            return [];
        const own = office ? (d.offices?.[office] ?? d.offices?.[office.trim()] ?? []) : [];
        return [...new Set(own.length ? own : (d.default ?? []))];
    }
    reloadIfChanged() {
        let mtime;
        try {
            mtime = fs.statSync(this.file).mtimeMs;
        }
        catch {
            if (this.loadedMtime !== 0)
                this.logger.warn(`offices: ${this.file} not found; deadline alerts go to the back office only`);
            this.loadedMtime = 0;
            this.current = { departments: {} };
            return;
        }
        if (mtime === this.loadedMtime)
            return;
        this.loadedMtime = mtime;
        const result = parseOfficesFile(fs.readFileSync(this.file, 'utf8'));
        if ('problems' in result) {
            this.logger.error(`offices: ${this.file} ignored, the previous version stays in force:\n${result.problems.join('\n')}`);
            return;
        }
        this.current = result.offices;
    }
};
OfficeDirectory = OfficeDirectory_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object])
], OfficeDirectory);
export { OfficeDirectory };
export function parseOfficesFile(source) {
    let raw;
    try {
        raw = parse(source) ?? { departments: {} };
    }
    catch (err) {
        return { problems: [`offices: not valid YAML: ${err.message.split('\n')[0]}`] };
    }
    const r = officesFileSchema.safeParse(raw);
    if (!r.success)
        return { problems: r.error.issues.map((i) => `offices: ${i.path.join('.') || '(file)'}: ${i.message}`) };
    return { offices: r.data };
}
