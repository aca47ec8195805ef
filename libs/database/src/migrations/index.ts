import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { DeliveryOperations1764000000100 } from './1764000000100-delivery-operations.js';
import { AwaitingRemote1764000000150 } from './1764000000150-awaiting-remote.js';
import { Drafts1764000000200 } from './1764000000200-drafts.js';
import { DeadlineAlerts1764000000330 } from './1764000000330-deadline-alerts.js';
import { SubscribersGazette1764000000400 } from './1764000000400-subscribers-gazette.js';
import { Screens1764000000500 } from './1764000000500-screens.js';
import { AuditRoles1764000000600 } from './1764000000600-audit-roles.js';
import { Attachments1764000000700 } from './1764000000700-attachments.js';
import { Freshness1764000000810 } from './1764000000810-freshness.js';
import { AuditSealer1764000000900 } from './1764000000900-audit-sealer.js';
import { PushClaimIndex1764000000950 } from './1764000000950-push-claim-index.js';
import { SentRevision1764000000960 } from './1764000000960-sent-revision.js';
import { AuditSealTable1764000000970 } from './1764000000970-audit-seal-table.js';
import { PushRecipientReferences1764000000980 } from './1764000000980-push-recipient-references.js';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the build and the tests run the same set.
 * Add new ones at the end with a later timestamp; never edit one that has shipped.
 */
export const migrations = [InitialSchema1764000000000, DeliveryOperations1764000000100, AwaitingRemote1764000000150, Drafts1764000000200, DeadlineAlerts1764000000330, SubscribersGazette1764000000400, Screens1764000000500, AuditRoles1764000000600, Attachments1764000000700, Freshness1764000000810, AuditSealer1764000000900, PushClaimIndex1764000000950, SentRevision1764000000960, AuditSealTable1764000000970, PushRecipientReferences1764000000980];
