var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../libs/audit/src/index.js';
import { DISCLOSURE_QUEUE } from '../../../libs/dispatch/src/index.js';
/** The flow's parent: runs once every delivery job of a disclosure has finished, and records the summary. */
let SettleProcessor = class SettleProcessor extends WorkerHost {
    db;
    audit;
    constructor(db, audit) {
        super();
        this.db = db;
        this.audit = audit;
    }
    async process(job) {
        const { disclosureId } = job.data;
        // one round trip: the disclosure and its deliveries counted by status
        const [d] = await this.db.query(`SELECT d.status, d.department_code,
              (SELECT COALESCE(jsonb_object_agg(c.status, c.n), '{}') FROM
                 (SELECT status, count(*)::int AS n FROM deliveries WHERE disclosure_id = d.id GROUP BY status) c) AS counts
       FROM disclosures d WHERE d.id = $1`, [disclosureId]);
        const counts = d?.counts ?? {};
        await this.audit.record({
            actor: 'system:worker', action: 'disclosure.dispatch_settled', disclosureId, departmentCode: d?.department_code,
            outcome: d?.status, details: { deliveries: counts },
        });
        return counts;
    }
};
SettleProcessor = __decorate([
    Processor(DISCLOSURE_QUEUE, { concurrency: 20 }),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object])
], SettleProcessor);
export { SettleProcessor };
