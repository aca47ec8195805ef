/** Distinct deliveries a sink has accepted so far: the progress the scenarios time their faults by. */
export function acceptedCounter(sink) {
    const ids = new Set();
    const off = sink.onReceipt((r) => {
        if (r.answered >= 200 && r.answered < 300)
            ids.add(String(r.body.deliveryId));
    });
    return { get count() { return ids.size; }, off };
}
//# sourceMappingURL=scenario.js.map