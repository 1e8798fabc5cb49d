/**
 * phoneNumbers: when two phone numbers are the same number. Small rules instead of a
 * phone-number library (which would weigh more than the whole component):
 * - a number with a country code (`+`, or the `00` / `011` international prefix) is read
 *   as E.164; a national number is read with the default country's calling code, its
 *   trunk `0` dropped (Italy and San Marino keep it), and in North America only with its
 *   area code (ten digits);
 * - two numbers that are both E.164 match exactly when their digits are equal;
 * - otherwise, numbers whose last seven digits are equal are only a partial match, never
 *   opened on their own; short numbers (extensions) match when equal.
 */

export type PhoneMatch = 'exact' | 'partial' | 'none';

const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;
/** Digits a number needs before its trailing digits may be compared. */
const MIN_DIGITS_FOR_SUFFIX = 7;
/** National trunk prefixes these calling codes keep after the country code. */
const KEEPS_LEADING_ZERO = new Set(['39', '378']);

/** Calling codes by ISO 3166 country, for the countries contact centers most often call from. */
const CALLING_CODES: Readonly<Record<string, string>> = {
    US: '1',
    CA: '1',
    PR: '1',
    DO: '1',
    JM: '1',
    GB: '44',
    IE: '353',
    FR: '33',
    DE: '49',
    AT: '43',
    CH: '41',
    IT: '39',
    SM: '378',
    ES: '34',
    PT: '351',
    NL: '31',
    BE: '32',
    LU: '352',
    DK: '45',
    SE: '46',
    NO: '47',
    FI: '358',
    IS: '354',
    PL: '48',
    CZ: '420',
    SK: '421',
    HU: '36',
    RO: '40',
    BG: '359',
    GR: '30',
    HR: '385',
    SI: '386',
    RS: '381',
    UA: '380',
    TR: '90',
    IL: '972',
    AE: '971',
    SA: '966',
    EG: '20',
    ZA: '27',
    NG: '234',
    KE: '254',
    MA: '212',
    IN: '91',
    PK: '92',
    BD: '880',
    LK: '94',
    CN: '86',
    HK: '852',
    TW: '886',
    JP: '81',
    KR: '82',
    SG: '65',
    MY: '60',
    TH: '66',
    VN: '84',
    PH: '63',
    ID: '62',
    AU: '61',
    NZ: '64',
    MX: '52',
    BR: '55',
    AR: '54',
    CL: '56',
    CO: '57',
    PE: '51',
    VE: '58',
    EC: '593',
    UY: '598',
    CR: '506',
    PA: '507',
    GT: '502'
};

/** The calling code of an ISO 3166 country (`DE` → `49`), or undefined. */
export function callingCodeForCountry(country: string | null | undefined): string | undefined {
    const code = (country ?? '').trim().toUpperCase();
    return Object.prototype.hasOwnProperty.call(CALLING_CODES, code) ? CALLING_CODES[code] : undefined;
}

/** The calling code of a locale's country (`en-GB`, `de_DE` → `44`, `49`), or undefined. */
export function callingCodeForLocale(locale: string | null | undefined): string | undefined {
    const country = (locale ?? '').split(/[-_]/)[1];
    return callingCodeForCountry(country);
}

/** `tel:+1415...`, `sip:+1415...@pbx.example.com;user=phone` → `+1415...`; anything else unchanged. */
export function stripUri(value: string): string {
    const match = /^(?:tel|sip|sips):([^@;]+)/i.exec(value);
    return match ? match[1] : value;
}

function e164(digits: string): string | undefined {
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : undefined;
}

/** The number in E.164 (`+14155550142`), reading a national number with `callingCode`; undefined when it cannot be known. */
export function toE164(value: string, callingCode: string | undefined): string | undefined {
    const text = stripUri(value.trim());
    if (!PHONE_CHARACTERS.test(text)) return undefined;
    let digits = text.replace(/\D/g, '');
    if (text.startsWith('+')) return e164(digits);
    if (digits.startsWith('00')) return e164(digits.slice(2));
    if (!callingCode) return undefined;
    if (callingCode === '1') {
        if (digits.startsWith('011')) return e164(digits.slice(3));
        if (digits.length === 11 && digits.startsWith('1')) return e164(digits);
        return digits.length === 10 ? e164(`1${digits}`) : undefined;
    }
    if (digits.startsWith('0') && !KEEPS_LEADING_ZERO.has(callingCode)) digits = digits.slice(1);
    return digits.length >= 6 ? e164(callingCode + digits) : undefined;
}

/** Whether two numbers are the same number, perhaps it, or not. */
export function comparePhones(a: string, b: string, callingCode: string | undefined): PhoneMatch {
    const x = stripUri(a).replace(/\D/g, '');
    const y = stripUri(b).replace(/\D/g, '');
    if (x === '' || y === '') return 'none';
    const ex = toE164(a, callingCode);
    const ey = toE164(b, callingCode);
    if (ex && ey && ex === ey) return 'exact';
    if (x.length < MIN_DIGITS_FOR_SUFFIX || y.length < MIN_DIGITS_FOR_SUFFIX) return x === y ? 'exact' : 'none';
    // Not the same number as far as can be known: the same last digits make it worth offering, never opening.
    return x.slice(-MIN_DIGITS_FOR_SUFFIX) === y.slice(-MIN_DIGITS_FOR_SUFFIX) ? 'partial' : 'none';
}
