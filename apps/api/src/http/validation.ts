import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens nested class-validator errors into `field.path: problem` lines; the field is always named. */
export function validationProblems(errors: ValidationError[], parent = ''): { field: string; problem: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((problem) => ({ field, problem: withField(problem, e.property, field) }));
    return [...own, ...validationProblems(e.children ?? [], field)];
  });
}

/**
 * "title must be …" → "metadata.title must be …". For an unknown field the property is the client's own key, so
 * this is a plain prefix test: a pattern built from it could be invalid (a 500) or catastrophically slow.
 */
function withField(problem: string, property: string, field: string): string {
  if (!property || !problem.startsWith(property)) return problem;
  return /\w/.test(problem.charAt(property.length)) ? problem : field + problem.slice(property.length);
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => {
    const problems = validationProblems(errors);
    return new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: problems.map((p) => p.problem).join('; '),
      fields: problems,
    });
  },
});
