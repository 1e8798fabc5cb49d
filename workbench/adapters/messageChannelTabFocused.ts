/** @salesforce/messageChannel/lightning__tabFocused in the workbench. */
export default 'lightning__tabFocused';
