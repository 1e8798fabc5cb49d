/** @salesforce/messageChannel/lightning__tabClosed in the workbench. */
export default 'lightning__tabClosed';
