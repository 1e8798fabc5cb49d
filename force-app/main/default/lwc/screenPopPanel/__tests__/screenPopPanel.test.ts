import { createElement } from 'lwc';
import ScreenPopPanel from 'c/screenPopPanel';
import type { ScreenPopView } from 'c/screenPop';

type Panel = HTMLElement & { shadowRoot: ShadowRoot; view?: ScreenPopView };

function mount(view?: ScreenPopView): Panel {
    const element = createElement('c-screen-pop-panel', { is: ScreenPopPanel }) as Panel;
    element.view = view;
    document.body.appendChild(element);
    return element;
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('c-screen-pop-panel', () => {
    it('shows nothing without a screen pop', () => {
        expect(mount().shadowRoot.querySelector('.screen-pop')).toBeNull();
    });

    it('offers the choices and says which one the agent picked', async () => {
        const element = mount({
            title: '2 records match +1 415 555 0142',
            message: '2 records match +1 415 555 0142. Choose the customer:',
            choices: [
                {
                    recordId: '003000000000001AAA',
                    objectType: 'Contact',
                    label: 'Maria · Contact',
                    title: 'Open Maria'
                },
                { recordId: '00Q000000000001AAA', objectType: 'Lead', label: 'Liam · Lead', title: 'Open Liam' }
            ]
        });
        await Promise.resolve();
        const chosen: unknown[] = [];
        element.addEventListener('choose', (event) => chosen.push((event as CustomEvent).detail));
        const buttons = [...element.shadowRoot.querySelectorAll('.screen-pop-choice')] as HTMLElement[];
        expect(buttons.map((b) => (b as HTMLElement & { label: string }).label)).toEqual([
            'Maria · Contact',
            'Liam · Lead'
        ]);
        buttons[1].click();
        expect(chosen).toEqual([{ recordId: '00Q000000000001AAA', objectType: 'Lead' }]);
    });

    it('asks to create the record, or to dismiss', async () => {
        const element = mount({
            title: 'No customer matches +1 212',
            message: 'No Contact, Lead or Account matches +1 212.',
            create: { objectApiName: 'Contact', defaults: { Phone: '+1 212' }, label: 'New Contact with +1 212' }
        });
        await Promise.resolve();
        const events: string[] = [];
        element.addEventListener('create', () => events.push('create'));
        element.addEventListener('dismiss', () => events.push('dismiss'));
        (element.shadowRoot.querySelector('.screen-pop-create') as HTMLElement).click();
        (element.shadowRoot.querySelector('.screen-pop-dismiss') as HTMLElement).click();
        expect(events).toEqual(['create', 'dismiss']);
        expect(element.shadowRoot.querySelector('.screen-pop-dismiss')?.getAttribute('title')).toBe('Dismiss');
    });
});
