import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { DeliveryOperations1764000000100 } from './1764000000100-delivery-operations.js';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the build and the tests run the same set.
 * Add new ones at the end with a later timestamp; never edit one that has shipped.
 */
export const migrations = [InitialSchema1764000000000, DeliveryOperations1764000000100];
