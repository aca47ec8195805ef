/**
 * Group commit for concurrent callers: items submitted while a flush runs wait and go together in the next one,
 * so a hundred concurrent jobs cost a few database round trips instead of a hundred times as many. A lone item
 * waits only for the current turn of the event loop (setImmediate), so nothing is held back on purpose.
 * `flush` answers each item on its own (Settled), so one item's failure is that item's alone.
 */
export class MicroBatcher {
    flush;
    opts;
    queue = [];
    inFlight = 0;
    scheduled = false;
    constructor(flush, opts) {
        this.flush = flush;
        this.opts = opts;
    }
    submit(item) {
        return new Promise((resolve, reject) => {
            this.queue.push({ item, resolve, reject });
            this.schedule();
        });
    }
    schedule() {
        if (this.scheduled || this.inFlight >= this.opts.maxInFlight || this.queue.length === 0)
            return;
        this.scheduled = true;
        // let the callbacks of this event-loop turn (other jobs' replies) join the batch
        setImmediate(() => {
            this.scheduled = false;
            void this.run();
        });
    }
    async run() {
        if (this.inFlight >= this.opts.maxInFlight || this.queue.length === 0)
            return;
        const batch = this.queue.splice(0, this.opts.maxBatch);
        this.inFlight++;
        try {
            const results = await this.flush(batch.map((p) => p.item)).catch((error) => batch.map(() => ({ ok: false, error })));
            batch.forEach((p, i) => {
                const r = results[i] ?? { ok: false, error: new Error('batch answered fewer items than it was given') };
                if (r.ok)
                    p.resolve(r.value);
                else
                    p.reject(r.error);
            });
        }
        finally {
            this.inFlight--;
            this.schedule();
        }
    }
}
