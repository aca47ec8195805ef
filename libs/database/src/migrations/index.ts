import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';

/** Every migration, in order. Listed explicitly (not globbed) so the build and the tests run the same set. */
export const migrations = [InitialSchema1764000000000];
