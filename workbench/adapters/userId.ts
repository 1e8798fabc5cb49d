/** @salesforce/user/Id in the workbench: the emulator's one user. */
export default '005000000000001AAA';
