/**
 * outboxStore: where the outbox keeps its entries in the browser, and how much of it.
 * - `OutboxStorage`: key-value storage, one entry per key (localStorage under the user's
 *   prefix, or memory when the browser offers none);
 * - `BudgetedStore`: the outbox's own keys within a character budget. It counts what it
 *   wrote (keys, values and the adapter's prefix), refuses a write beyond the budget after
 *   asking the outbox to make room, makes room once when the browser's own quota is full,
 *   and only ever removes keys it wrote. A write still being prepared (a log being sealed)
 *   can reserve its room, so that a burst does not prepare more than the budget can hold.
 */

/** Key-value storage, one entry per key (localStorage in the browser). `write` may throw when full. */
export interface OutboxStorage {
    keys(): string[];
    read(key: string): string | null;
    write(key: string, value: string): void;
    remove(key: string): void;
}

/** Characters a storage key costs besides its own: the adapter's prefix (and Lightning Web Security's). */
const KEY_OVERHEAD = 64;

/** Characters one stored key takes: the key, its value and the overhead. */
export function sizeOf(key: string, chars: number): number {
    return key.length + chars + KEY_OVERHEAD;
}

export class BudgetedStore {
    /** Characters stored, by key. */
    private readonly sizes = new Map<string, number>();
    private total = 0;
    /** Characters reserved by writes still being prepared. */
    private reserved = 0;

    constructor(
        private readonly storage: OutboxStorage,
        private readonly budgetChars: number
    ) {}

    /** Characters the outbox holds in storage now. */
    get chars(): number {
        return this.total;
    }

    keys(): string[] {
        try {
            return this.storage.keys();
        } catch {
            return [];
        }
    }

    /** Reads a key, and counts it as the outbox's (what a reload finds). */
    read(key: string): string | null {
        let text: string | null;
        try {
            text = this.storage.read(key);
        } catch {
            text = null;
        }
        if (text !== null) this.count(key, text);
        return text;
    }

    /** Characters stored under `key` (0 when it is not stored). */
    charsOf(key: string): number {
        return this.sizes.get(key) ?? 0;
    }

    /**
     * Whether `chars` more characters (as `sizeOf` counts them) fit beside what is stored and
     * reserved, once `freeable` characters the outbox could give up are freed.
     */
    fits(chars: number, freeable = 0): boolean {
        return this.total + this.reserved + chars - freeable <= this.budgetChars;
    }

    /** Holds room for a write still being prepared; `fits` counts it until the returned release is called. */
    reserve(chars: number): () => void {
        this.reserved += chars;
        let held = true;
        return () => {
            if (held) this.reserved -= chars;
            held = false;
        };
    }

    /**
     * Writes within the budget. While over it, `makeRoom` is asked to free something of the
     * outbox's own (it answers false when it has nothing left to give). False: not written.
     */
    write(key: string, value: string, makeRoom: () => boolean): boolean {
        const cost = this.cost(key, value.length);
        while (this.total + cost > this.budgetChars && makeRoom()) {
            // Room is made one confirmed entry at a time.
        }
        if (this.total + cost > this.budgetChars) return false;
        try {
            this.storage.write(key, value);
        } catch {
            // The browser's quota is full (another app of the site used it): make room from our own, once.
            if (!makeRoom()) return false;
            while (makeRoom()) {
                // Everything confirmed goes before a log is kept in memory only.
            }
            try {
                this.storage.write(key, value);
            } catch {
                return false;
            }
        }
        this.count(key, value);
        return true;
    }

    remove(key: string): void {
        const size = this.sizes.get(key);
        if (size === undefined) return;
        try {
            this.storage.remove(key);
        } catch {
            // Nothing else to do: an entry that cannot be removed is saved again as an update.
        }
        this.sizes.delete(key);
        this.total -= size;
    }

    /** What writing `chars` characters under `key` adds to the total. */
    private cost(key: string, chars: number): number {
        return sizeOf(key, chars) - (this.sizes.get(key) ?? 0);
    }

    private count(key: string, value: string): void {
        this.total += this.cost(key, value.length);
        this.sizes.set(key, sizeOf(key, value.length));
    }
}

/** Minimal view of the Web Storage API, so the adapter is testable without a browser. */
export interface WebStorageLike {
    readonly length: number;
    key(index: number): string | null;
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/**
 * The outbox's storage on top of localStorage, under a prefix scoped to the user (user
 * ids are unique across Salesforce orgs, so one prefix never mixes orgs or users).
 */
export function webStorage(store: WebStorageLike, userId: string): OutboxStorage {
    const prefix = `interactionLog.outbox.v1.${userId}.`;
    return {
        keys() {
            const found: string[] = [];
            for (let i = 0; i < store.length; i += 1) {
                const key = store.key(i);
                if (key && key.startsWith(prefix)) found.push(key.slice(prefix.length));
            }
            return found;
        },
        read: (key) => store.getItem(prefix + key),
        write: (key, value) => store.setItem(prefix + key, value),
        remove: (key) => store.removeItem(prefix + key)
    };
}

/** Storage in memory only: used when the browser offers no storage at all. */
export function memoryStorage(initial: Record<string, string> = {}): OutboxStorage & { data: Map<string, string> } {
    const data = new Map(Object.entries(initial));
    return {
        data,
        keys: () => [...data.keys()],
        read: (key) => data.get(key) ?? null,
        write: (key, value) => {
            data.set(key, value);
        },
        remove: (key) => {
            data.delete(key);
        }
    };
}
