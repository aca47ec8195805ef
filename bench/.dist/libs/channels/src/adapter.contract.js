export class AdapterError extends Error {
    kind;
    details;
    constructor(message, kind, details = {}, options) {
        super(message, options);
        this.kind = kind;
        this.details = details;
        this.name = 'AdapterError';
    }
}
export const ADAPTER_FACTORIES = Symbol('ADAPTER_FACTORIES');
