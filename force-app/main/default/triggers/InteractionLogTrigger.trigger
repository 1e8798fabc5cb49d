/**
 * Interaction_Log__c: the evidence a log was saved with is written once (InteractionLogEvidence).
 */
trigger InteractionLogTrigger on Interaction_Log__c(before update) {
    InteractionLogEvidence.protect(Trigger.new, Trigger.oldMap);
}
