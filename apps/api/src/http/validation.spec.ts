import type { ValidationError } from '@nestjs/common';
import { validationProblems } from './validation.js';

const error = (property: string, constraints: Record<string, string>, children: ValidationError[] = []): ValidationError => ({ property, constraints, children });

describe('validationProblems', () => {
  it('names nested fields by their path', () => {
    expect(validationProblems([error('metadata', {}, [error('writtenAt', { matches: 'writtenAt must be a date YYYY-MM-DD' })])])).toEqual([
      { field: 'metadata.writtenAt', problem: 'metadata.writtenAt must be a date YYYY-MM-DD' },
    ]);
  });

  // found by test/fuzz/publish-api.spec.ts: the key of an unknown field became a regular expression (a 500)
  it('takes any key a client sends, regex characters included, as a plain name', () => {
    for (const key of ['?', '(', 'a)b', '[x', '\\', '*+', '.*', '(a+)+$']) {
      expect(validationProblems([error(key, { whitelistValidation: `property ${key} should not exist` })])).toEqual([{ field: key, problem: `property ${key} should not exist` }]);
      expect(validationProblems([error('metadata', {}, [error(key, { isString: `${key} must be a string` })])])).toEqual([
        { field: `metadata.${key}`, problem: `metadata.${key} must be a string` },
      ]);
    }
  });
});
