import express from 'express';
import { MEDIA_TYPES } from '../../../../libs/catalogue/src/index.js';
/** A catalogue spreadsheet with a few thousand rows is well under this; a zip bomb is not let near exceljs. */
export const IMPORT_BODY_LIMIT = '5mb';
const IMPORT_PATH = /^\/api\/catalogues\/[^/]+\/import$/;
const IMPORT_TYPES = [MEDIA_TYPES.csv, MEDIA_TYPES.xlsx];
/** POST …/catalogues/:code/import with a CSV or XLSX body: the one route under /api/ that takes a file, raw. */
export function isCatalogueImport(req) {
    return req.method === 'POST' && IMPORT_PATH.test(req.path) && !!req.is(IMPORT_TYPES);
}
const raw = express.raw({ type: IMPORT_TYPES, limit: IMPORT_BODY_LIMIT });
export function catalogueImportBody(req, res, next) {
    if (!isCatalogueImport(req))
        return next();
    raw(req, res, (err) => {
        if (!err)
            return next();
        const tooLarge = err.type === 'entity.too.large';
        res.status(tooLarge ? 413 : (err.status ?? 400)).json({
            statusCode: tooLarge ? 413 : (err.status ?? 400),
            error: tooLarge ? 'Payload Too Large' : 'Bad Request',
            message: tooLarge ? `导入文件超过 ${IMPORT_BODY_LIMIT} 上限 (file larger than ${IMPORT_BODY_LIMIT})` : `无法读取请求体：${err.message}`,
            field: 'body',
        });
    });
}
