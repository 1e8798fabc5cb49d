/** @salesforce/i18n/locale in the workbench: the agent's locale, as Salesforce gives it (en-US). */
const locale = 'en-US';
export default locale;
