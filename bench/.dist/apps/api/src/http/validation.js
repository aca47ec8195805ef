import { BadRequestException, ValidationPipe } from '@nestjs/common';
/** Flattens nested class-validator errors into `field.path: problem` lines; the field is always named. */
export function validationProblems(errors, parent = '') {
    return errors.flatMap((e) => {
        const field = parent ? `${parent}.${e.property}` : e.property;
        const own = Object.values(e.constraints ?? {}).map((problem) => ({ field, problem: problem.replace(new RegExp(`^${e.property}\\b`), field) }));
        return [...own, ...validationProblems(e.children ?? [], field)];
    });
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
