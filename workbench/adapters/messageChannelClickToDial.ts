/** @salesforce/messageChannel/Interaction_Log_Click_To_Dial__c in the workbench. */
export default 'Interaction_Log_Click_To_Dial__c';
