import { formatLabel, LABELS, pluralLabel } from 'c/interactionLogLabels';
import { readLabels } from '@tools/lib/labels';
import { DEFAULT_SOURCE } from '@tools/lib/forceApp';

describe('the labels module', () => {
    it('gives every text its Custom Label value, never the label name', () => {
        const values = new Set(readLabels(DEFAULT_SOURCE).values());
        for (const [key, value] of Object.entries(LABELS)) {
            expect({ key, known: values.has(value) }).toEqual({ key, known: true });
            expect(value).not.toMatch(/^c\./);
        }
    });

    it('fills placeholders by position, keeps a placeholder without a value, and repeats work', () => {
        expect(formatLabel('{1} records match {0}', '+1 415', 3)).toBe('3 records match +1 415');
        expect(formatLabel('Opened {0} for {0}', 'Ana')).toBe('Opened Ana for Ana');
        expect(formatLabel('Retry saving {0}')).toBe('Retry saving {0}');
        expect(formatLabel('{0}', '{1}', 'x')).toBe('{1}');
    });

    it('chooses the singular only for exactly one', () => {
        expect(pluralLabel(1, 'one', 'other')).toBe('one');
        for (const n of [0, 2, 11, 21]) expect(pluralLabel(n, 'one', 'other')).toBe('other');
    });

    it('reads naturally for one and for several', () => {
        expect(formatLabel(pluralLabel(1, LABELS.notDurableOne, LABELS.notDurableOther), 1)).toBe(
            '1 log could not be stored in this browser: keep this tab open until it is saved.'
        );
        expect(formatLabel(pluralLabel(2, LABELS.queueNeedsAttentionOne, LABELS.queueNeedsAttentionOther), 2)).toBe(
            '2 need attention'
        );
        expect(
            formatLabel(pluralLabel(1, LABELS.toastSavedWithWarningOne, LABELS.toastSavedWithWarningOther), 'Call', 1)
        ).toBe('Saved "Call" with 1 mapping warning');
    });
});
