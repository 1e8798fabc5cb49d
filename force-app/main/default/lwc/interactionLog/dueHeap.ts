/**
 * dueHeap: the outbox's schedule. A binary min-heap of items ordered by when they are due,
 * then by arrival, so the next log to save is found in O(log n) however many wait.
 *
 * Terms:
 * - an item is due when its time (`at`) is now or past;
 * - items are never updated in place: a changed item is pushed again, and the outbox skips
 *   a popped item that no longer matches its entry (a "stale" item, checked by `isCurrent`).
 */
export interface DueItem<T> {
    at: number;
    seq: number;
    value: T;
}

export class DueHeap<T> {
    private items: DueItem<T>[] = [];

    get size(): number {
        return this.items.length;
    }

    push(item: DueItem<T>): void {
        const items = this.items;
        items.push(item);
        let i = items.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(items[i], items[parent])) break;
            [items[i], items[parent]] = [items[parent], items[i]];
            i = parent;
        }
    }

    peek(): DueItem<T> | undefined {
        return this.items[0];
    }

    pop(): DueItem<T> | undefined {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length > 0 && last) {
            items[0] = last;
            let i = 0;
            for (;;) {
                const left = 2 * i + 1;
                const right = left + 1;
                let least = i;
                if (left < items.length && before(items[left], items[least])) least = left;
                if (right < items.length && before(items[right], items[least])) least = right;
                if (least === i) break;
                [items[i], items[least]] = [items[least], items[i]];
                i = least;
            }
        }
        return top;
    }

    clear(): void {
        this.items = [];
    }
}

function before<T>(a: DueItem<T>, b: DueItem<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
