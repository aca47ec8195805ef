import * as fs from 'node:fs';
import * as path from 'node:path';
import { HolidayDataError, parseHolidayYear } from './holiday-year.js';
/**
 * Reads every *.json in the directory. Read at start, so an operator adds next year's file and restarts (or calls
 * CalendarService.reload) without a release. All files' problems are reported together.
 */
export function loadHolidayDirectory(dir) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
        throw new HolidayDataError(`holidays: directory ${dir} does not exist`);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    if (files.length === 0)
        throw new HolidayDataError(`holidays: no *.json files in ${dir} (expected one YYYY.json per year)`);
    const problems = [];
    const loaded = [];
    for (const file of files) {
        try {
            const data = parseHolidayYear(fs.readFileSync(path.join(dir, file), 'utf8'), file);
            // One file per year, named by it, so "which file holds 2027?" has one obvious answer.
            if (file !== `${data.year}.json`)
                problems.push(`holidays ${file}: year: the file holds year ${data.year}; name it ${data.year}.json`);
            else
                loaded.push({ source: file, data });
        }
        catch (err) {
            if (!(err instanceof HolidayDataError))
                throw err;
            problems.push(err.message);
        }
    }
    if (problems.length)
        throw new HolidayDataError(problems.join('\n'));
    return loaded;
}
